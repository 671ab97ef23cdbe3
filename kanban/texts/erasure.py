"""The app's erasure (GDPR Art. 17): the key, the question and its answer."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "erasure.key": ("vergessen", "forget"),
    "erasure.help": (
        "Kund:in vergessen (DSGVO Art. 17): persönliche Daten löschen, im Protokoll pseudonymisieren",
        "Forget the customer (GDPR Art. 17): erase personal data, pseudonymise them in the log",
    ),
    "erasure.title": ("Kund:in vergessen – nicht umkehrbar", "Forget the customer – cannot be undone"),
    "erasure.hint": (
        "J oder y löscht, Esc bricht ab: nichts ändert sich",
        "y erases, Esc cancels: nothing changes",
    ),
    "erasure.done": (
        "Vergessen: {old} ist jetzt {pseudonym}; Löschung protokolliert als #{entry}. Früher erstellte Exporte "
        "und Sicherungen enthalten die alten Daten noch.",
        "Forgotten: {old} is now {pseudonym}; erasure recorded as #{entry}. Exports and backups made earlier "
        "still hold the old data.",
    ),
}
