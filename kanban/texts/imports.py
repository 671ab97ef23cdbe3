"""The importer's words: what an import did, and what stops it."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "imports.number_names_other": (
        "{where}: Kundennummer {number} gehört zu „{stored}“, die Datei nennt „{named}“{owner}{more} – "
        "nichts importiert; Nummern in der Datei prüfen, oder mit --trust-numbers gilt die Nummer",
        "{where}: customer number {number} belongs to “{stored}”, the file names “{named}”{owner}{more} - "
        "nothing imported; check the numbers in the file, or let the numbers win with --trust-numbers",
    ),
    "imports.name_is_number": (" (bei uns {number})", " (ours is {number})"),
    "imports.more_numbers": (
        "; {count} weitere Nummer passt nicht|; {count} weitere Nummern passen nicht",
        "; {count} more number does not match|; {count} more numbers do not match",
    ),
    # the summary of an import, one part each
    "imports.rows_read": ("{count} Zeile gelesen|{count} Zeilen gelesen", "{count} row read|{count} rows read"),
    "imports.facts_added": ("{count} Eintrag neu|{count} Einträge neu", "{count} fact added|{count} facts added"),
    "imports.facts_added_would": (
        "{count} Eintrag wäre neu|{count} Einträge wären neu",
        "{count} fact would be added|{count} facts would be added",
    ),
    "imports.facts_updated": ("{count} aktualisiert|{count} aktualisiert", "{count} updated|{count} updated"),
    "imports.facts_updated_would": (
        "{count} würde aktualisiert|{count} würden aktualisiert",
        "{count} would be updated|{count} would be updated",
    ),
    "imports.duplicates": (
        "{count} Duplikat übersprungen|{count} Duplikate übersprungen",
        "{count} duplicate skipped|{count} duplicates skipped",
    ),
    "imports.customers_created": (
        "{count} Kunde angelegt|{count} Kunden angelegt",
        "{count} customer created|{count} customers created",
    ),
    "imports.customers_created_would": (
        "{count} Kunde würde angelegt|{count} Kunden würden angelegt",
        "{count} customer would be created|{count} customers would be created",
    ),
    "imports.customers_updated": (
        "{count} Kunde aktualisiert|{count} Kunden aktualisiert",
        "{count} customer updated|{count} customers updated",
    ),
    "imports.customers_updated_would": (
        "{count} Kunde würde aktualisiert|{count} Kunden würden aktualisiert",
        "{count} customer would be updated|{count} customers would be updated",
    ),
    "imports.unassigned_skipped": (
        "{count} Zeile ohne Kunde übersprungen ({hours})|{count} Zeilen ohne Kunde übersprungen ({hours})",
        "{count} row without a client skipped ({hours})|{count} rows without a client skipped ({hours})",
    ),
    "imports.dry_run": ("Probelauf, nichts geschrieben – {summary}", "dry run, nothing written - {summary}"),
    # what stops an import
    "imports.row_without_customer": (
        "{where}: Spalte {columns} ist leer – jede Zeile braucht ihren Kunden"
        "|{where}: Spalten {columns} sind leer – jede Zeile braucht ihren Kunden",
        "{where}: column {columns} empty - every row needs its customer"
        "|{where}: columns {columns} empty - every row needs its customer",
    ),
    "imports.time_without_client": (
        "{where}: Spalte {columns} ist leer – jede Zeile braucht ihren Kunden; interne Zeiten ohne Kunde "
        "überspringt --skip-unassigned (und sagt, wie viele Stunden)"
        "|{where}: Spalten {columns} sind leer – jede Zeile braucht ihren Kunden; interne Zeiten ohne Kunde "
        "überspringt --skip-unassigned (und sagt, wie viele Stunden)",
        "{where}: column {columns} empty - every row needs its client; --skip-unassigned skips internal time "
        "without a client (and says how many hours)"
        "|{where}: columns {columns} empty - every row needs its client; --skip-unassigned skips internal time "
        "without a client (and says how many hours)",
    ),
}
