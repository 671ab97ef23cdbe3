"""The importer's words: what an import did, and what stops it."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "imports.number_names_other": (
        "{where}: Kundennummer {number} gehört zu „{stored}“, die Datei nennt „{named}“{owner}{more} – "
        "nichts importiert; Nummern in der Datei prüfen, oder mit --trust-numbers gilt die Nummer",
        "{where}: customer number {number} belongs to “{stored}”, the file names “{named}”{owner}{more} - "
        "nothing imported; check the numbers in the file, or let the numbers win with --trust-numbers",
    ),
    "imports.number_names_two": (
        "{where}: Kundennummer {number} heißt hier „{named}“, in Zeile {first} aber „{first_name}“{more} – "
        "nichts importiert; Nummern in der Datei prüfen, oder mit --trust-numbers gilt die Nummer",
        "{where}: customer number {number} names “{named}” here but “{first_name}” on line {first}{more} - "
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
    # the file, its format and its cells
    "imports.empty_file": (
        "{source}: die Datei ist leer – mit Kopfzeile und Datenzeilen neu exportieren",
        "{source}: the file is empty - export it again with a header row and data rows",
    ),
    "imports.not_csv": (
        "{source}: das ist {what}, kein CSV – als CSV speichern oder exportieren",
        "{source}: this is {what}, not CSV - save or export it as CSV",
    ),
    "imports.binary": (
        "{source}: das sind Binärdaten, keine CSV-Textdatei – als CSV exportieren",
        "{source}: this is binary data, not a CSV text file - export it as CSV",
    ),
    "imports.bad_byte": (
        "{where}: Byte {byte} ist kein gültiges {label} – die Datei als UTF-8 speichern",
        "{where}: byte {byte} is not valid {label} - save the file as UTF-8",
    ),
    "imports.is_folder": (
        "{path}: ist ein Ordner – eine CSV-Datei nennen",
        "{path}: is a folder - name a CSV file",
    ),
    "imports.unreadable": (
        "{path}: die Datei lässt sich nicht lesen ({reason}) – den Pfad prüfen",
        "{path}: cannot read the file ({reason}) - check the path",
    ),
    "imports.header_only": (
        "{source}: nur eine Kopfzeile, keine Datenzeilen – den Zeitraum mit Daten exportieren",
        "{source}: only a header, no data rows - export the period that has data",
    ),
    "imports.open_quote": (
        "{where}: ein in dieser Zeile geöffnetes Anführungszeichen wird nie geschlossen – schließen oder entfernen",
        "{where}: a quote opened in this line is never closed - close or remove it",
    ),
    "imports.after_quote": (
        "{where}: ein Wert in Anführungszeichen geht nach dem schließenden weiter – ein Anführungszeichen "
        'innerhalb als "" schreiben',
        '{where}: a quoted value goes on after its closing quote - write a quote inside quotes as ""',
    ),
    "imports.broken_csv": (
        "{where}: kaputtes CSV ({problem}) – die Anführungszeichen in dieser Zeile prüfen",
        "{where}: broken CSV ({problem}) - check the quotes in that line",
    ),
    "imports.too_many_fields": (
        "{where}: {fields} Felder, aber die Kopfzeile hat {width} – ein Wert enthält das Trennzeichen "
        "{delimiter} ohne Anführungszeichen; den Wert in Anführungszeichen setzen oder mit anderem "
        "Trennzeichen exportieren",
        "{where}: {fields} fields but the header has {width} - a value contains the delimiter {delimiter} "
        "without quotes; quote that value or export with another delimiter",
    ),
    "imports.excel": (
        "eine Excel- oder Zip-Datei",
        "an Excel or zip file",
    ),
    "imports.old_excel": (
        "eine alte Excel-Datei (.xls)",
        "an old Excel (.xls) file",
    ),
    "imports.pdf": (
        "ein PDF",
        "a PDF",
    ),
    "imports.field.invoices.number": (
        "Rechnungsnummer (Pflicht)",
        "invoice number (required)",
    ),
    "imports.field.invoices.customer_id": (
        "Kundennummer",
        "customer number",
    ),
    "imports.field.invoices.customer": (
        "Kundenname (customer_id oder customer ist Pflicht)",
        "customer name (customer_id or customer required)",
    ),
    "imports.field.invoices.issued": (
        "Rechnungsdatum (Pflicht)",
        "invoice date (required)",
    ),
    "imports.field.invoices.due": (
        "Fälligkeitsdatum",
        "due date",
    ),
    "imports.field.invoices.due_days": (
        "Zahlungsziel in Tagen; fällig = Rechnungsdatum + Tage",
        "days to pay; due date = invoice date + days",
    ),
    "imports.field.invoices.paid": (
        "Zahlungsdatum; leer = noch offen",
        "date paid; empty = still open",
    ),
    "imports.field.invoices.net": (
        "Nettobetrag (Pflicht); negativ = Gutschrift",
        "net amount (required); negative = credit note",
    ),
    "imports.field.invoices.dunning_level": (
        "höchste Mahnstufe, 0-3",
        "highest dunning level (Mahnstufe), 0-3",
    ),
    "imports.field.invoices.type": (
        "Rechnung oder Gutschrift",
        "invoice or credit note (Rechnung/Gutschrift)",
    ),
    "imports.field.time.customer_id": (
        "Kundennummer",
        "customer number",
    ),
    "imports.field.time.customer": (
        "Kundenname (customer_id oder customer ist Pflicht)",
        "customer name (customer_id or customer required)",
    ),
    "imports.field.time.date": (
        "Tag der Arbeit (Pflicht)",
        "date of the work (required)",
    ),
    "imports.field.time.start_time": (
        "Startzeit; unterscheidet nur gleiche Einträge",
        "start time; only tells identical entries apart",
    ),
    "imports.field.time.hours": (
        "Dauer: 1:30, 01:30:00, 1,5 oder 1.5 (Pflicht)",
        "duration: 1:30, 01:30:00, 1,5 or 1.5 (required)",
    ),
    "imports.field.time.billable": (
        "abrechenbar ja/nein; leer = ja",
        "billable yes/no; empty = yes",
    ),
    "imports.field.time.project": (
        "Projekt",
        "project",
    ),
    "imports.field.time.activity": (
        "Aufgabe oder Tätigkeit",
        "task or activity",
    ),
    "imports.field.time.tags": (
        "Tags, bei der Tätigkeit gespeichert",
        "tags, kept with the activity",
    ),
    "imports.field.events.customer_id": (
        "Kundennummer",
        "customer number",
    ),
    "imports.field.events.customer": (
        "Kundenname (customer_id oder customer ist Pflicht)",
        "customer name (customer_id or customer required)",
    ),
    "imports.field.events.date": (
        "Datum (Pflicht)",
        "date (required)",
    ),
    "imports.field.events.kind": (
        "Korrekturschleife, Preisbeschwerde, Eilauftrag, Ungenaues Briefing, Supportanfrage (Pflicht)",
        "Korrekturschleife, Preisbeschwerde, Eilauftrag, Ungenaues Briefing, Supportanfrage (required)",
    ),
    "imports.field.events.project": (
        "Projekt",
        "project",
    ),
    "imports.field.events.note": (
        "Notiz",
        "note",
    ),
    "imports.field.customers.id": (
        "Kundennummer; leer = wird erzeugt",
        "customer number; empty = generated",
    ),
    "imports.field.customers.name": (
        "Name (Pflicht)",
        "name (required)",
    ),
    "imports.field.customers.contact": (
        "Ansprechpartner",
        "contact person",
    ),
    "imports.field.customers.column": (
        "ideal/watch/drop oder Idealer Partner/Beobachten/Trennen; leer = watch",
        "ideal/watch/drop or Idealer Partner/Beobachten/Trennen; empty = watch",
    ),
    "imports.field.customers.contract": (
        "hat einen Vertrag, ja/nein",
        "has a contract, ja/nein",
    ),
    "imports.field.customers.contract_until": (
        "Vertrag läuft bis (Datum)",
        "contract runs until (date)",
    ),
    "imports.field.customers.prospect": (
        "Interessent, ja/nein",
        "prospect (Interessent), ja/nein",
    ),
    "imports.field.customers.since": (
        "Kunde seit (Datum)",
        "customer since (date)",
    ),
    "imports.field.customers.tags": (
        "Tags, durch Komma getrennt",
        "tags, comma-separated",
    ),
    "imports.field.customers.notes": (
        "Notizen",
        "notes",
    ),
    "imports.field.ignore": (
        "diese Spalte nicht erkennen",
        "keep this column from being recognised",
    ),
    "imports.unknown_kind": (
        "unbekannte Art {kind} – eine von {kinds} verwenden",
        "unknown kind {kind} - use one of {kinds}",
    ),
    "imports.other_kind": (
        "{source}: das sieht aus wie {other} ({label}), nicht {kind} – mit „kundenboard import {other} "
        "{source}“ importieren",
        "{source}: this looks like {other} ({label}), not {kind} - import it with `kundenboard import {other} "
        "{source}`",
    ),
    "imports.unknown_format": (
        "{source}: unbekanntes Format {format} für {kind} – auto oder {formats} verwenden",
        "{source}: unknown {kind} format {format} - use auto or {formats}",
    ),
    "imports.map_unknown_field": (
        "--map {map}: unbekanntes Feld {field} für {kind} – eines von {fields} oder {ignore} verwenden",
        "--map {map}: unknown field {field} for {kind} - use one of {fields} or {ignore}",
    ),
    "imports.map_no_column": (
        "--map {map}: {source} hat keine Spalte {column} – gefundene Spalten: {found}",
        "--map {map}: {source} has no column {column} - columns found: {found}",
    ),
    "imports.no_column": (
        "{source}: keine Spalte für {what} (erwartet {expected} für {label}){hint}; gefundene Spalten: "
        "{found} – die Spalte umbenennen oder --map 'IHRE SPALTE={field}' angeben",
        "{source}: no column for {what} (expected {expected} for {label}){hint}; columns found: {found} - "
        "rename the column or add --map 'YOUR COLUMN={field}'",
    ),
    "imports.gross": (
        " – {name!r} ist brutto, kein Umsatz; nur wenn dort Nettobeträge stehen, --map '{name}=net' verwenden",
        " - {name!r} is gross, not revenue; only if it holds net amounts use --map '{name}=net'",
    ),
    "imports.bad_cell": (
        "{where}: Spalte {column}: {value} {problem}",
        "{where}: column {column}: {value} {problem}",
    ),
    "imports.empty_cell": (
        "{where}: Spalte {column} ist leer – {needed} eintragen",
        "{where}: column {column} is empty - fill in the {needed}",
    ),
    "imports.not.date": (
        "ist kein Datum – 31.12.2026, 2026-12-31 oder 12/31/2026 verwenden",
        "is not a date - use 31.12.2026, 2026-12-31 or 12/31/2026",
    ),
    "imports.not.amount": (
        "ist kein Betrag – 1.234,56 oder 1234.56 verwenden",
        "is not an amount - use 1.234,56 or 1234.56",
    ),
    "imports.not.hours": (
        "ist keine Dauer – 1:30, 01:30:00, 1,5 oder 1.5 verwenden",
        "is not a duration - use 1:30, 01:30:00, 1,5 or 1.5",
    ),
    "imports.not.flag": (
        "ist nicht ja oder nein – ja/nein, yes/no, true/false oder 1/0 verwenden",
        "is not yes or no - use ja/nein, yes/no, true/false or 1/0",
    ),
    "imports.not.level": (
        "ist keine Mahnstufe – 0, 1, 2 oder 3 verwenden",
        "is not a dunning level - use 0, 1, 2 or 3",
    ),
    "imports.not.days": (
        "ist keine Anzahl Tage – eine ganze Zahl wie 14 verwenden",
        "is not a number of days - use a whole number like 14",
    ),
    "imports.not.kind": (
        "ist keine Ereignisart – Korrekturschleife, Preisbeschwerde, Eilauftrag, Ungenaues Briefing oder "
        "Supportanfrage verwenden",
        "is not an event kind - use Korrekturschleife, Preisbeschwerde, Eilauftrag, Ungenaues Briefing or "
        "Supportanfrage",
    ),
    "imports.not.type": (
        "ist keine Rechnungsart – Rechnung oder Gutschrift verwenden",
        "is not an invoice type - use Rechnung or Gutschrift (Invoice or Credit note)",
    ),
    "imports.not.column": (
        "ist keine Spalte – ideal, watch oder drop verwenden (Idealer Partner, Beobachten, Trennen)",
        "is not a column - use ideal, watch or drop (Idealer Partner, Beobachten, Trennen)",
    ),
    "imports.needed.number": (
        "die Rechnungsnummer",
        "invoice number",
    ),
    "imports.needed.issued": (
        "das Rechnungsdatum",
        "invoice date",
    ),
    "imports.needed.net": (
        "den Nettobetrag",
        "net amount",
    ),
    "imports.needed.date": (
        "das Datum",
        "date",
    ),
    "imports.needed.hours": (
        "die Dauer",
        "duration",
    ),
    "imports.needed.kind": (
        "die Art des Ereignisses",
        "kind of event",
    ),
    "imports.needed.name": (
        "den Kundennamen",
        "customer name",
    ),
    "imports.date_orders": (
        "{where}: Spalte {column}: {month} hat den Monat vorn, {day} aber den Tag – mit einem einzigen "
        "Datumsformat exportieren",
        "{where}: column {column}: {month} is month first but {day} is day first - export with one date format",
    ),
    "imports.past_9999": (
        "{where}: Spalte {column}: {days} Tage nach {day} liegt nach dem Jahr 9999 – Rechnungsdatum und "
        "Zahlungsziel prüfen",
        "{where}: column {column}: {days} days after {day} is past the year 9999 - check the invoice date and "
        "the payment term",
    ),
    "imports.invoice_again": (
        "{where}: Spalte {column}: Rechnung {number} kommt noch einmal vor (zuerst in Zeile {first}) – eine "
        "Zeile je Rechnung exportieren, nicht eine je Position",
        "{where}: column {column}: invoice {number} appears again (first on line {first}) - export one row "
        "per invoice, not one per item",
    ),
    "imports.too_long": (
        "{where}: Spalte {column}: {value} sind mehr als {hours} Stunden in einem Eintrag – die Spalte muss "
        "Stunden enthalten (1:30 oder 1,5), keine Minuten oder Sekunden; eine andere Spalte mit --map "
        "zuordnen",
        "{where}: column {column}: {value} is more than {hours} hours in one entry - the column must hold "
        "hours (1:30 or 1,5), not minutes or seconds; map another column with --map",
    ),
    "imports.customer_again": (
        "{where}: Kunde {customer} kommt noch einmal vor (zuerst in Zeile {first}) – eine Zeile je Kunde behalten",
        "{where}: customer {customer} appears again (first on line {first}) - keep one row per customer",
    ),
    # matching customers
    "imports.name_fits_several": (
        "{where}: Kundenname „{name}“ passt auf {count} Kunden ({ids}) – die Kundennummer in die Datei aufnehmen",
        "{where}: customer name {name!r} fits {count} customers ({ids}) - add the customer number to the file",
    ),
    "imports.no_free_id": (
        "Kunde „{name}“: keine freie erzeugte Nummer – ihm eine Kundennummer geben",
        "customer {name!r}: no free generated id - give it a customer number",
    ),
    "imports.name_and_number": ("„{name}“ (Nummer {number})", "{name!r} (number {number!r})"),
    "imports.number": ("Nummer „{number}“", "number {number!r}"),
    "imports.did_you_mean": ("meinten Sie {names}? ", "did you mean {names}? "),
    "imports.unknown_customer": (
        "{where}: unbekannter Kunde {what} – {hint}zuerst anlegen oder ohne --no-create importieren",
        "{where}: unknown customer {what} - {hint}create it first or import without --no-create",
    ),
    "imports.invoice_of_another": (
        "{source}: Rechnung {number} ist für Kunde {stored} gespeichert, die Datei gibt sie {given} – "
        "Rechnungsnummern müssen eindeutig sein; den Nummern dieser Datei ein Präfix geben",
        "{source}: invoice {number} is stored for customer {stored}, the file gives it to {given} - invoice "
        "numbers must be unique; give this file's numbers a prefix",
    ),
}
