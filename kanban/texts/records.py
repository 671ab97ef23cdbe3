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
        "  Hinweis: die Begründung von {count} anderen Einträgen nennt den Kunden ({entries}); sie bleiben, "
        "wie sie sind",
        "  note:    the reason of {count} other entries names this customer ({entries}); they stay as they are",
    ),
    "records.kept_log": (
        "  bleibt:  Spalte, Vertrag, Beträge, Daten, Stunden und jede Entscheidung; {how}, die Löschung wird "
        "als #{entry} vermerkt",
        "  kept:    column, contract, amounts, dates, hours, and every decision; {how}, the erasure recorded as "
        "#{entry}",
    ),
    "records.resealed_from": ("das Protokoll wird ab #{entry} neu versiegelt", "the log is re-sealed from #{entry}"),
    "records.hashes_kept": ("die Hashes im Protokoll bleiben", "the log keeps its hashes"),
}
