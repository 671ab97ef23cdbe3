"""Words of the records: erasure, the anchor check, refused database files and hostile input."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "records.anchor_not_proven": (
        "Anker {anchor} war der Kettenkopf vor Löschung #{erasure}, aber Eintrag #{entry} hat heute einen "
        "anderen Hash: er oder ein Eintrag davor wurde geändert oder neu versiegelt, ohne dass eine Löschung "
        "das belegt - mit einer Sicherung vergleichen",
        "anchor {anchor} was the chain head before erasure #{erasure}, but entry #{entry} has another hash "
        "today: it or an entry before it was changed or re-sealed without an erasure that accounts for it - "
        "compare with a backup",
    ),
    "records.anchor_found": ("Anker {anchor} gefunden bei #{entry}", "anchor {anchor} found at #{entry}"),
    "records.erasures": (
        "Löschung {erasures}: Einträge pseudonymisiert, Hashes davor unverändert",
        "erasure {erasures}: entries pseudonymised, hashes before them unchanged",
    ),
    "records.mentions": (
        "  Hinweis: die Begründung eines anderen Eintrags nennt den Kunden ({entries}); sie bleibt, wie sie ist"
        "|  Hinweis: die Begründungen von {count} anderen Einträgen nennen den Kunden ({entries}); sie bleiben, "
        "wie sie sind",
        "  note:    the reason of another entry names this customer ({entries}); it stays as it is"
        "|  note:    the reasons of {count} other entries name this customer ({entries}); they stay as they are",
    ),
    "records.kept_log": (
        "  bleibt:  Spalte, Vertrag, Beträge, Daten, Stunden und jede Entscheidung; {how}, die Löschung wird "
        "als #{entry} vermerkt",
        "  kept:    column, contract, amounts, dates, hours, and every decision; {how}, the erasure recorded as "
        "#{entry}",
    ),
    "records.resealed_from": ("das Protokoll wird ab #{entry} neu versiegelt", "the log is re-sealed from #{entry}"),
    "records.hashes_kept": ("die Hashes im Protokoll bleiben", "the log keeps its hashes"),
    "records.move_broken_log": (
        "das Entscheidungsprotokoll ist ab Eintrag #{entry} (decisions.jsonl Zeile {line}) beschädigt: "
        "'kundenboard audit verify' zeigt, was fehlt; stellen Sie es aus einer Sicherung oder einem Export wieder "
        "her (kundenboard restore) oder hängen Sie mit --despite-broken-log trotzdem an; nichts wurde geändert",
        "the audit log is broken at entry #{entry} (decisions.jsonl line {line}): 'kundenboard audit verify' "
        "says what is wrong; restore it from a backup or an export (kundenboard restore), or add "
        "--despite-broken-log to record this move behind the break; nothing was changed",
    ),
    "records.despite_broken_log_help": (
        "Auch dann eintragen, wenn das Protokoll beschädigt ist (audit verify meldet es weiter).",
        "Record the move even when the audit log is broken (audit verify keeps reporting the break).",
    ),
    "records.yaml_alias": (
        "ein Alias (*name) wiederholt einen anderen Wert: YAML-Aliase werden hier nicht angenommen - den Wert "
        "ausschreiben",
        "an alias (*name) repeats another value: YAML aliases are not accepted here - write the value out",
    ),
    "records.export_not_regular": (
        "{path} ist {kind}, keine gewöhnliche Datei: ein Export ersetzt nur eine solche - einen anderen Dateinamen "
        "angeben; nichts wurde geschrieben",
        "{path} is {kind}, not a regular file: an export replaces only a regular file - give another file name; "
        "nothing was written",
    ),
    "records.kind_link": ("ein symbolischer Link", "a symbolic link"),
    "records.kind_special": ("eine FIFO oder ein Gerät", "a FIFO or a device"),
    "records.symlink_in_db": (
        "{path} ist ein symbolischer Link: kundenboard folgt keinen Links im Datenbankordner - durch die Datei "
        "selbst ersetzen oder entfernen",
        "{path} is a symbolic link: kundenboard follows no links inside its database folder - replace it with "
        "the file itself or remove it",
    ),
    "records.header_twice": (
        "{where}: die Spalte '{name}' steht zweimal in der Kopfzeile (Spalten {positions}): welche gemeint ist, "
        "ist nicht klar - eine umbenennen oder entfernen; nichts wurde importiert",
        "{where}: the column '{name}' is in the header twice (columns {positions}): which one is meant is not "
        "clear - rename or remove one; nothing was imported",
    ),
    "records.map_twice": (
        "--map {column}={field}: {field} liest schon die Spalte '{first}' - jedes Feld nur einmal zuordnen "
        "(Brutto ist nicht netto)",
        "--map {column}={field}: {field} is already read from the column '{first}' - map each field once "
        "(gross is not net)",
    ),
    "records.number_too_large": (
        "{number} ist zu groß für eine Regel: höchstens 15 Stellen - einen Tippfehler korrigieren",
        "{number} is too large for a rule: 15 digits at most - correct the typo",
    ),
    "records.line_too_long": (
        "{where}: die Zeile ist länger als {limit} MB - das ist keine Export-Datei (Zeilenumbrüche fehlen?); "
        "die richtige Datei angeben",
        "{where}: the line is longer than {limit} MB - this is not an export file (line breaks missing?); "
        "give the right file",
    ),
    "records.restore_empty_id": (
        "die Kundennummer ist leer: eine angeben",
        "the customer number is empty: give one",
    ),
    "records.restore_unlisted_fact": (
        "gehört Kunde {customer}, der in keiner Spalte steht: den Kunden aufführen oder die Zeile entfernen",
        "belongs to customer {customer}, who is in no column: list the customer or remove the row",
    ),
    "records.restore_unlisted_decision": (
        "Entscheidung #{entry} betrifft Kunde {customer}, der in keiner Spalte steht: den Kunden in der Spalte "
        "aufführen, in die ihn seine letzte Entscheidung gesetzt hat",
        "decision #{entry} is about customer {customer}, who is in no column: list the customer in the column "
        "their last decision put them in",
    ),
    "records.anchor_across_reseal": (
        "Anker {anchor} war der Kettenkopf vor Löschung #{erasure}, die Einträge aus der Zeit vor den Salts neu "
        "versiegelt hat: dass die Einträge bis #{entry} die damals versiegelten sind, lässt sich damit nicht "
        "beweisen - mit einer Sicherung von vor der Löschung vergleichen",
        "anchor {anchor} was the chain head before erasure #{erasure}, which re-sealed entries written before "
        "entries had a salt: that the entries up to #{entry} are the ones sealed then cannot be proven with it - "
        "compare with a backup from before the erasure",
    ),
}
