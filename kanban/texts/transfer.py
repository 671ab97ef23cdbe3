"""Messages of `kundenboard restore` about an export file it cannot use (after file:line and the key)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "transfer.not_int_list": ("{value} ist keine Liste ganzer Zahlen", "{value} is not a list of whole numbers"),
    "transfer.not_text": (
        "{value} ist kein Text: in Anführungszeichen setzen",
        "{value} is not text: put it in quotes",
    ),
    "transfer.not_choice": (
        "{value} ist nicht {kind}: {values} verwenden",
        "{value} is not {kind}: use {values}",
    ),
    "transfer.not_date": (
        "{value} ist kein Datum: so schreiben: 2026-12-31",
        "{value} is not a date: write it like 2026-12-31",
    ),
    "transfer.time_in_quotes": (
        "die Zeit in Anführungszeichen setzen, so: '{time}'",
        "put the time in quotes, like '{time}'",
    ),
    "transfer.not_time": (
        "{value} ist keine Zeit: so schreiben: 2026-11-27T09:30:00Z",
        "{value} is not a time: write it like 2026-11-27T09:30:00Z",
    ),
    "transfer.not_number": (
        "{value} ist keine Zahl: so schreiben: 1234.5",
        "{value} is not a number: write it like 1234.5",
    ),
    "transfer.not_whole": (
        "{value} ist keine ganze Zahl",
        "{value} is not a whole number",
    ),
    "transfer.not_bool": (
        "{value} ist nicht true oder false",
        "{value} is not true or false",
    ),
    "transfer.not_text_list": (
        "{value} ist keine Liste von Texten",
        "{value} is not a list of texts",
    ),
    "transfer.not_mapping": (
        "{value} ist keine Zuordnung von Schlüsseln und Werten",
        "{value} is not a mapping of keys and values",
    ),
    "transfer.not_metric": (
        "{value} ist kein Kennzahlwert: eine Zahl oder null",
        "{value} is not a metric value: a number or null",
    ),
    "transfer.key_not_text": (
        "der Schlüssel {field} ist kein Text: in Anführungszeichen setzen",
        "the key {field} is not text: put it in quotes",
    ),
    "transfer.not_storable": (
        "{value} lässt sich nicht speichern: in Anführungszeichen setzen",
        "{value} cannot be stored: put it in quotes",
    ),
    "transfer.not_list": (
        "{value} ist keine Liste",
        "{value} is not a list",
    ),
    "transfer.unknown_key": (
        "unbekannter Schlüssel {field} (bekannt: {known}): entfernen",
        "unknown key {field} (known: {known}): remove it",
    ),
    "transfer.missing_key": (
        "der Schlüssel {field} fehlt: ergänzen",
        "the key {field} is missing: add it",
    ),
    "transfer.not_an_export": (
        "kein kundenboard-Export (kein 'kundenboard_export' am Anfang): eine mit „kundenboard export“ geschriebene "
        "Datei angeben",
        "not a kundenboard export (no 'kundenboard_export' at the top): give a file written by 'kundenboard export'",
    ),
    "transfer.newer": (
        "von einem neueren kundenboard geschrieben (Exportformat {version}, dieses liest {readable}): kundenboard "
        "aktualisieren",
        "written by a newer kundenboard (export format {version}, this one reads {readable}): upgrade kundenboard",
    ),
    "transfer.not_format": (
        "{value} ist kein Exportformat: es muss 1 sein",
        "{value} is not an export format: it must be 1",
    ),
    "transfer.unknown_top_key": (
        "unbekannter Schlüssel {field} am Anfang: entfernen",
        "unknown key {field} at the top: remove it",
    ),
    "transfer.missing_top_key": (
        "der Schlüssel {field} fehlt am Anfang: einen vollständigen Export verwenden",
        "the key {field} is missing at the top: use a complete export",
    ),
    "transfer.rules_text_changed": (
        "der Text des Regelwerks passt nicht zu rule_set.sha256 (bearbeitet oder abgeschnitten?): den "
        "ursprünglichen Text zurücksetzen, oder rule_set_text: null schreiben, um mit den mitgelieferten Regeln "
        "wiederherzustellen",
        "the rule set's text does not match rule_set.sha256 (edited or cut off?): put the original text back, or "
        "write rule_set_text: null to restore with the shipped rules",
    ),
    "transfer.missing_column": (
        "die Spalte {column} fehlt: ergänzen (eine leere ist [])",
        "the column {column} is missing: add it (an empty one is [])",
    ),
    "transfer.customer_twice": (
        "Kundennummer {number} steht zweimal da (auch bei {first}): eine behalten",
        "customer number {number} is listed twice (also at {first}): keep one",
    ),
    "transfer.unknown_fact_kind": (
        "unbekannte Art von Fakten {kind}: {kinds} verwenden",
        "unknown kind of fact {kind}: use {kinds}",
    ),
    "transfer.missing_fact_key": (
        "der Schlüssel {field} fehlt: ergänzen (eine leere Liste ist [])",
        "the key {field} is missing: add it (an empty list is [])",
    ),
    "transfer.bad_fact_column": (
        "die Spalte {column} {problem}",
        "the column {column} {problem}",
    ),
    "transfer.row_length": (
        "eine Zeile braucht {count} Wert, einen je Spalte: {columns}|eine Zeile braucht {count} Werte, einen je "
        "Spalte: {columns}",
        "a row needs {count} value, one per column: {columns}|a row needs {count} values, one per column: {columns}",
    ),
    "transfer.repeated_row": (
        "{identity} {field} wiederholt Zeile {row}: jede braucht ihren eigenen",
        "{identity} {field} repeats row {row}: each needs its own",
    ),
    "transfer.decision_broken": (
        "Entscheidung #{entry} {what}: das Protokoll muss bleiben, wie es geschrieben wurde – einen unbearbeiteten "
        "Export verwenden",
        "decision #{entry} {what}: the audit log must stay as it was written - use an unedited export",
    ),
    "transfer.column_disagrees": (
        "Kunde {customer} steht unter {listed}, aber die letzte Entscheidung zu ihm (#{entry}) hat ihn nach {moved} "
        "gelegt: unter {moved} aufführen",
        "customer {customer} is listed under {listed}, but the last decision on it (#{entry}) put it in {moved}: "
        "list it under {moved}",
    ),
    "transfer.missing_quarter": (
        "der Schlüssel 'quarter' fehlt: ergänzen (wie 2026-Q4)",
        "the key 'quarter' is missing: add it (like 2026-Q4)",
    ),
    "transfer.snapshot_twice": (
        "der Schnappschuss von {quarter} steht zweimal da: einen behalten",
        "the snapshot of {quarter} appears twice: keep one",
    ),
    "transfer.counts_differ": (
        "counts.{field} sagt {said}, aber die Datei enthält {found}: sie ist unvollständig oder wurde bearbeitet – "
        "einen vollständigen Export verwenden",
        "counts.{field} says {said} but the file holds {found}: it is incomplete or was edited - use a complete export",
    ),
    "transfer.rules_unusable": (
        "kein Regelwerk, das dieses kundenboard verwenden kann (Zeile {line} des Texts: {problem}): rule_set_text: "
        "null schreiben, um mit den mitgelieferten Regeln wiederherzustellen",
        "not a rule set this kundenboard can use (line {line} of the text: {problem}): write rule_set_text: null to "
        "restore with the shipped rules",
    ),
    "transfer.appears_twice": (
        "kommt zweimal vor",
        "appears twice",
    ),
    "transfer.not_a_field": (
        "ist kein Feld von {kind} (bekannt: {known})",
        "is not a field of {kind} (known: {known})",
    ),
    "transfer.a_column": (
        "eine Spalte",
        "a column",
    ),
    "transfer.an_event_kind": (
        "eine Ereignisart",
        "an event kind",
    ),
    "transfer.a_decision_kind": (
        "eine Entscheidungsart",
        "a decision kind",
    ),
    "transfer.a_language": (
        "eine Sprache",
        "a language",
    ),
    "transfer.chain_changed": (
        "wurde nach dem Schreiben verändert",
        "was changed after it was written",
    ),
    "transfer.chain_not_following": (
        "folgt nicht auf die davor (gelöscht oder umgestellt?)",
        "does not follow the entry before it (deleted or reordered?)",
    ),
}
