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
    "errors.unknown_column": ("unbekannte Spalte „{value}“: ideal, watch oder drop angeben",
                              "unknown column {value!r}: use ideal, watch or drop"),
    # reviews
    "errors.bad_quarter": ("„{value}“ ist kein Quartal: so schreiben: 2026-Q4",
                           "bad quarter {value!r}: write it like 2026-Q4"),
    "errors.review_unfinished": (
        "Review {quarter}: {count} Kunde ist noch nicht geprüft"
        "|Review {quarter}: {count} Kunden sind noch nicht geprüft",
        "review {quarter}: {count} customer is not reviewed yet"
        "|review {quarter}: {count} customers are not reviewed yet",
    ),
}
