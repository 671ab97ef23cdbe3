"""Words of the suggestions: the backtest and what `rules check` says about settings."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "suggestions.backtest.needs_date": (
        "rules backtest braucht einen Stichtag: --as-of TT.MM.JJJJ (ein Tag, nach dem noch {months} Monate Daten "
        "folgen)",
        "rules backtest needs a day to test: --as-of YYYY-MM-DD (a day followed by {months} months of data)",
    ),
    "suggestions.backtest.too_late": (
        "--as-of {as_of}: die Daten reichen nur bis {last_day}, für {months} Monate danach bräuchte es Daten bis "
        "{until}; wählen Sie einen Stichtag bis {latest} oder ein kürzeres --horizon",
        "--as-of {as_of}: the data end on {last_day}, {months} months after it need data until {until}; "
        "pick a day up to {latest} or a shorter --horizon",
    ),
    "suggestions.backtest.no_data": (
        "rules backtest: die Datenbank enthält keine Rechnungen, Zeiten oder Ereignisse; importieren Sie zuerst "
        "welche (kundenboard import invoices DATEI)",
        "rules backtest: the database holds no invoices, hours or events; import some first "
        "(kundenboard import invoices FILE)",
    ),
    "suggestions.backtest.too_early": (
        "--as-of {as_of}: an diesem Tag gab es noch keinen Kunden; wählen Sie einen späteren Stichtag",
        "--as-of {as_of}: no customer existed yet on that day; pick a later day",
    ),
    "suggestions.backtest.title": (
        "Vorschläge vom {as_of} ({customers} Kunden) gegen das, was bis {until} geschah ({months} Monate)",
        "Suggestions of {as_of} ({customers} customers) against what happened until {until} ({months} months)",
    ),
    "suggestions.backtest.rules": ("Regeln: {file}", "Rules: {file}"),
    "suggestions.backtest.group": ("Gruppe", "Group"),
    "suggestions.backtest.by_rules": ("Regeln", "Rules"),
    "suggestions.backtest.by_revenue": ("nach Umsatz", "by revenue"),
    "suggestions.backtest.customers": ("Kunden", "Customers"),
    "suggestions.backtest.share": ("Anteil", "Share"),
    "suggestions.backtest.revenue": ("Umsatz danach", "Revenue after"),
    "suggestions.backtest.per_customer": ("je Kunde", "per customer"),
    "suggestions.backtest.bought_again": ("kaufte wieder", "bought again"),
    "suggestions.backtest.contribution": ("Deckungsbeitrag", "Contribution"),
    "suggestions.backtest.note": (
        "nach Umsatz: gleich viele Kunden je Spalte, nach ihrem Umsatz der 12 Monate vor dem Stichtag sortiert. "
        "Deckungsbeitrag: nur Kunden mit erfassten Stunden ({tracked} von {customers}).",
        "by revenue: as many customers per column, sorted by their revenue in the 12 months before the day. "
        "Contribution: customers with tracked hours only ({tracked} of {customers}).",
    ),
    "suggestions.check.settings": ("Einstellungen, die diese Regeln erwarten:", "Settings these rules expect:"),
    "suggestions.check.set": ("gesetzt", "set"),
    "suggestions.check.default": ("Vorgabe, änderbar unter settings:", "default, change it under settings:"),
}
