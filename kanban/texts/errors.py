"""Messages of the store, the board, reviews and transfers that reach users."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the board
    "errors.customer_ambiguous": (
        "Kunde „{query}“ ist nicht eindeutig: {names} – die Kundennummer angeben",
        "customer {query!r} is ambiguous: {names} - give the customer number",
    ),
    "errors.did_you_mean": (" – meinten Sie {names}?", " - did you mean {names}?"),
    "errors.customers_lists": (" – „kundenboard customers“ listet alle", " - 'kundenboard customers' lists them"),
    "errors.no_customer": ("kein Kunde „{query}“{hint}", "no customer {query!r}{hint}"),
    "errors.drop_needs_reason": (
        "{name} nach Trennen zu verschieben braucht einen Grund: mit --reason angeben",
        "moving {name} to drop needs a reason: give one with --reason",
    ),
    "errors.already_in": ("{name} steht schon in {column}", "{name} is already in {column}"),
    "errors.number_taken": ("Kundennummer {number} hat schon {name}", "customer number {number} is taken by {name}"),
    "errors.unknown_column": (
        "unbekannte Spalte „{value}“: ideal, watch oder drop angeben",
        "unknown column {value!r}: use ideal, watch or drop",
    ),
    # reviews
    "errors.bad_quarter": (
        "„{value}“ ist kein Quartal: so schreiben: 2026-Q4",
        "bad quarter {value!r}: write it like 2026-Q4",
    ),
    "errors.review_unfinished": (
        "Review {quarter}: {count} Kunde ist noch nicht geprüft"
        "|Review {quarter}: {count} Kunden sind noch nicht geprüft",
        "review {quarter}: {count} customer is not reviewed yet"
        "|review {quarter}: {count} customers are not reviewed yet",
    ),
    # export and restore
    "errors.restored": (
        "{parts} und {last}{rules} wiederhergestellt in {db}",
        "restored {parts} and {last}{rules} into {db}",
    ),
    "errors.restored.customers": ("{count} Kunde|{count} Kunden", "{count} customer|{count} customers"),
    "errors.restored.facts": ("{count} Fakt|{count} Fakten", "{count} fact|{count} facts"),
    "errors.restored.decisions": ("{count} Entscheidung|{count} Entscheidungen", "{count} decision|{count} decisions"),
    "errors.restored.snapshots": (
        "{count} Quartals-Schnappschuss|{count} Quartals-Schnappschüsse",
        "{count} snapshot|{count} snapshots",
    ),
    "errors.restored.rules": (", das Regelwerk als rules.yaml", ", its rule set as rules.yaml"),
    "errors.held.unreadable": ("eine Datenbank, die sich nicht lesen lässt", "a database that cannot be read"),
    "errors.held.rules": ("eine rules.yaml", "a rules.yaml"),
    "errors.held.board": ("ein Board ({parts})", "a board ({parts})"),
    "errors.export_unwritable": (
        "Export nach {path} ließ sich nicht schreiben: {reason} – eine andere Datei oder einen anderen Ordner "
        "wählen; nichts wurde geschrieben",
        "could not write the export to {path}: {reason} - choose another file or folder; nothing was written",
    ),
    "errors.export_rules_unreadable": (
        "das Regelwerk {path} lässt sich nicht lesen: {reason} – das Board neu öffnen und noch einmal exportieren",
        "cannot read the rule set {path}: {reason} - reopen the board and export again",
    ),
    "errors.export_rules_changed": (
        "das Regelwerk {path} hat sich geändert, seit das Board es geladen hat: das Board neu öffnen und noch "
        "einmal exportieren",
        "the rule set {path} changed since the board loaded it: reopen the board and export again",
    ),
    "errors.restore_no_file": (
        "{source}: Datei nicht gefunden – eine mit „kundenboard export“ geschriebene Datei angeben",
        "{source}: no such file - give a file written by 'kundenboard export'",
    ),
    "errors.restore_unreadable": ("{source}: lässt sich nicht lesen: {reason}", "{source}: cannot read it: {reason}"),
    "errors.restore_not_utf8": (
        "{where}: kein UTF-8-Text – den Export so angeben, wie er geschrieben wurde",
        "{where}: not UTF-8 text - give the export as it was written",
    ),
    "errors.restore_invalid": (
        "{where}: kein gültiger Export ({problem}); nichts wurde wiederhergestellt",
        "{where}: not a valid export ({problem}); nothing was restored",
    ),
    "errors.restore_problem": (
        "{where} {problem}; nichts wurde wiederhergestellt",
        "{where} {problem}; nothing was restored",
    ),
    "errors.restore_unmovable": (
        "die wiederhergestellte Datenbank ließ sich nicht nach {target} verschieben: {reason} – nichts wurde "
        "wiederhergestellt",
        "could not move the restored database into {target}: {reason} - nothing was restored",
    ),
    "errors.restore_target_file": (
        "{target} ist eine Datei, kein Datenbankordner: --db einen neuen Ordner geben",
        "{target} is a file, not a database folder: give --db a new folder",
    ),
    "errors.restore_foreign": (
        "{target} enthält Dateien, die keine kundenboard-Datenbank sind ({files}): --db einen neuen oder leeren "
        "Ordner geben; nichts wurde wiederhergestellt",
        "{target} holds files that are not a kundenboard database ({files}): give --db a new or empty folder; "
        "nothing was restored",
    ),
    "errors.restore_target_held": (
        "{target} enthält schon {held}: mit --force ersetzen, oder mit --db einen neuen Ordner angeben; nichts "
        "wurde wiederhergestellt",
        "{target} already holds {held}: give --force to replace it, or a new folder with --db; nothing was restored",
    ),
    "errors.restore_no_folder": (
        "in {parent} lässt sich kein Ordner anlegen: {reason} – --db einen beschreibbaren Ordner geben; nichts "
        "wurde wiederhergestellt",
        "cannot create a folder in {parent}: {reason} - give --db a folder you can write to; nothing was restored",
    ),
    "errors.restore_mismatch": (
        "die neu aufgebaute Datenbank stimmt nicht mit dem Export überein – nichts wurde wiederhergestellt; "
        "bitte melden",
        "the rebuilt database does not match the export - nothing was restored; please report it",
    ),
    # the store
    "errors.lock_unwritable": (
        "{path} lässt sich nicht schreiben: {reason} – um etwas zu ändern, muss der Datenbankordner beschreibbar "
        "sein; lesen geht (kundenboard customers)",
        "could not write {path}: {reason} - the database folder must be writable to change anything; reading "
        "works (kundenboard customers)",
    ),
    "errors.no_locking": (
        "{path} lässt sich auf diesem System nicht sperren ({reason}) – kundenboard mit seinen Abhängigkeiten neu "
        "installieren; lesen geht (kundenboard customers)",
        "cannot lock {path} on this system ({reason}) - reinstall kundenboard with its dependencies; "
        "reading works (kundenboard customers)",
    ),
    "errors.another_process": ("einem anderen Prozess", "another process"),
    "errors.locked": (
        "Datenbank {path} ist in Benutzung von {holder}: dort schließen, dann noch einmal versuchen",
        "database {path} is in use by {holder}: close it there, then try again",
    ),
    "errors.journal_unfinished": (
        "der letzte Schreibvorgang in {path} ließ sich nicht abschließen: {reason}",
        "could not finish the last write in {path}: {reason}",
    ),
    "errors.journal_foreign": (
        "{path} stammt nicht von kundenboard: die Datenbank aus einer Sicherung oder einem Export wiederherstellen",
        "{path} is not what kundenboard wrote: restore the database from a backup or an export",
    ),
    "errors.unwritable": ("{path} lässt sich nicht schreiben: {reason}", "could not write {path}: {reason}"),
    "errors.not_json": (
        "{where}: kein gültiges JSON ({kind}); die Datei bleibt, wie sie ist – aus einer Sicherung oder einem "
        "Export wiederherstellen (kundenboard restore)",
        "{where}: not valid JSON ({kind}); the file was left as it is - restore it from a backup or an export "
        "(kundenboard restore)",
    ),
    "errors.not_a_database": (
        "{path}: keine kundenboard-Datenbank; aus einer Sicherung oder einem Export wiederherstellen",
        "{path}: not a kundenboard database; restore it from a backup or an export",
    ),
    "errors.corrupt_file": (
        "{path}: {what}; die Datei bleibt, wie sie ist – aus einer Sicherung oder einem Export wiederherstellen "
        "(kundenboard restore)",
        "{path}: {what}; the file was left as it is - restore it from a backup or an export (kundenboard restore)",
    ),
    "errors.facts_not_a_table": (
        "die {table} sind keine Tabelle von Dokumenten",
        "its {table} are not a table of documents",
    ),
    "errors.facts_not_rows": (
        "Dokument {doc} enthält nicht die Zeilen eines Kunden",
        "document {doc} is not a customer's rows",
    ),
    "errors.facts_not_json": (
        "die Zeilen von Kunde {customer} sind kein gültiges JSON",
        "the rows of customer {customer} are not valid JSON",
    ),
    "errors.facts_bad_row": (
        "eine Zeile von Kunde {customer} ist nicht {fields}",
        "a row of customer {customer} is not {fields}",
    ),
    "errors.legacy_document": (
        "ein Dokument der {table} ist nicht, was kundenboard geschrieben hat",
        "a {table} document is not what kundenboard wrote",
    ),
    "errors.other_fields": ("die Zeilen sind {fields}, nicht {expected}", "its rows are {fields}, not {expected}"),
    "errors.db_is_a_file": (
        "{path} ist eine Datei, kein kundenboard-Datenbankordner: ein anderes --db wählen",
        "{path} is a file, not a kundenboard database folder: choose another --db",
    ),
    "errors.db_foreign": (
        "{path} enthält andere Dateien und keine kundenboard-Datenbank: mit --db einen neuen oder leeren Ordner wählen",
        "{path} holds other files and no kundenboard database: choose a new or empty folder with --db",
    ),
    "errors.db_uncreatable": (
        "{path} lässt sich nicht anlegen: {reason} – ein anderes --db wählen",
        "could not create {path}: {reason} - choose another --db",
    ),
    "errors.newer": (
        "{path} wurde von einem neueren kundenboard geschrieben: kundenboard aktualisieren",
        "{path} was written by a newer kundenboard: upgrade kundenboard",
    ),
    "errors.newer_schema": (
        "{path} wurde von einem neueren kundenboard geschrieben (Schema {version}, dieses liest bis "
        "{readable}): kundenboard aktualisieren; die Datei wurde nicht verändert",
        "{path} was written by a newer kundenboard (schema {version}, this one reads up to {readable}): "
        "upgrade kundenboard; the file was not changed",
    ),
    "errors.log_entry": (
        "{where}: kein gültiger Protokolleintrag; die Datei bleibt, wie sie ist – „kundenboard audit verify“ "
        "aufrufen und aus einer Sicherung oder einem Export wiederherstellen",
        "{where}: not a valid log entry; the file was left as it is - run 'kundenboard audit verify' and restore "
        "from a backup or an export",
    ),
    "errors.no_schema": (
        "{path}: keine kundenboard-Schemaversion darin – ist das der richtige --db-Ordner?",
        "{path}: no kundenboard schema version in it - is this the right --db folder?",
    ),
    "errors.export_unknown_tables": (
        "dieses kundenboard kann die Tabelle {tables} noch nicht exportieren – bitte melden; nichts wurde geschrieben"
        "|dieses kundenboard kann die Tabellen {tables} noch nicht exportieren – bitte melden; nichts wurde "
        "geschrieben",
        "this kundenboard cannot export the table {tables} yet - please report it; nothing was written"
        "|this kundenboard cannot export the tables {tables} yet - please report it; nothing was written",
    ),
    "errors.export_rules_not_utf8": (
        "das Regelwerk {path} ist kein UTF-8-Text",
        "the rule set {path} is not UTF-8 text",
    ),
    # forget
    "errors.already_forgotten": (
        "Kunde {number} wurde schon vergessen",
        "customer {number} has already been forgotten",
    ),
    "errors.erasure_on_broken_log": (
        "das Protokoll ist in Zeile {line} kaputt (Eintrag #{entry}: {problem}); neu zu versiegeln würde das "
        "verdecken – „kundenboard audit verify“ aufrufen und zuerst das Protokoll wiederherstellen",
        "the audit log is broken at line {line} (entry #{entry}: {problem}); re-sealing it would hide that - run "
        "'kundenboard audit verify' and restore the log first",
    ),
}
