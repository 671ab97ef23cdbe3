"""The portfolio's words: whale curve, ABC split, what letting go would free, the quarterly report."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the curve's sentence
    "portfolio.curve.empty": ("Noch keine Kunden mit Umsatz oder Stunden.", "No customers with revenue or hours yet."),
    "portfolio.curve.top_share": (
        "Die besten {share} % der Kunden bringen {percent} des Deckungsbeitrags",
        "The best {share}% of customers bring {percent} of the contribution",
    ),
    "portfolio.curve.top_money": (
        "Die besten {share} % der Kunden bringen {money} Deckungsbeitrag",
        "The best {share}% of customers bring {money} of contribution",
    ),
    "portfolio.curve.tail_costs": ("die letzten {share} % kosten {money}", "the last {share}% cost {money}"),
    "portfolio.curve.tail_brings": (
        "die letzten {share} % bringen noch {money}",
        "the last {share}% still bring {money}",
    ),
    "portfolio.curve.hours_unknown": (
        "Für {count} Kunden ohne erfasste Stunden zählt der Umsatz als Deckungsbeitrag.|"
        "Für {count} Kunden ohne erfasste Stunden zählt der Umsatz als Deckungsbeitrag.",
        "For {count} customer without tracked hours, revenue counts as contribution.|"
        "For {count} customers without tracked hours, revenue counts as contribution.",
    ),
    # what letting go would free
    "portfolio.free.sentence": (
        "Ohne den einen Kunden {group}: {revenue} Umsatz, {contribution} Deckungsbeitrag, {hours} h im Jahr frei|"
        "Ohne die {count} Kunden {group}: {revenue} Umsatz, {contribution} Deckungsbeitrag, {hours} h im Jahr frei",
        "Without the one customer {group}: {revenue} revenue, {contribution} contribution, {hours} h a year freed|"
        "Without the {count} customers {group}: {revenue} revenue, {contribution} contribution, "
        "{hours} h a year freed",
    ),
    "portfolio.free.hours_unknown": (
        "({count} davon ohne erfasste Stunden)|({count} davon ohne erfasste Stunden)",
        "({count} of them without tracked hours)|({count} of them without tracked hours)",
    ),
    "portfolio.free.none": ("Keine Kunden {group}.", "No customers {group}."),
    "portfolio.free.in_column": ("in {column}", "in {column}"),
    "portfolio.free.suggested": ("mit Vorschlag {column}", "suggested for {column}"),
    "portfolio.free.in_filter": ("im Filter „{query}“", "in the filter \u201c{query}\u201d"),
    # headings and labels
    "portfolio.title": ("Portfolio: wer trägt, wer kostet", "Portfolio: who carries, who costs"),
    "portfolio.as_of": (
        "12 Monate bis {date}, interner Kostensatz {rate}/h",
        "12 months to {date}, internal cost rate {rate}/h",
    ),
    "portfolio.whale": ("Walkurve des Deckungsbeitrags", "Whale curve of contribution"),
    "portfolio.whale.x": ("Kunden, bester zuerst (%)", "Customers, best first (%)"),
    "portfolio.whale.y": ("Deckungsbeitrag kumuliert (T€)", "Cumulative contribution (k€)"),
    "portfolio.abc": ("ABC-Verteilung nach Umsatz", "ABC split by revenue"),
    "portfolio.abc.none": ("ohne Umsatz", "no revenue"),
    "portfolio.quarters": (
        "Umsatz und Deckungsbeitrag je Spalte, letzte 8 Quartale",
        "Revenue and contribution per column, last 8 quarters",
    ),
    "portfolio.quarters.loading": ("Quartale werden berechnet …", "computing the quarters …"),
    "portfolio.quarters.snapshot": (
        "* Spalten aus dem abgeschlossenen Review; sonst aus dem Protokoll",
        "* columns from the finished review; otherwise from the log",
    ),
    "portfolio.quarters.y": ("DB (T€)", "Contrib. (k€)"),
    "portfolio.scatter": ("Umsatz und effektiver Stundensatz", "Revenue and effective hourly rate"),
    "portfolio.scatter.x": ("Umsatz (T€)", "Revenue (k€)"),
    "portfolio.scatter.y": ("€/h", "€/h"),
    "portfolio.scatter.none": ("Keine Kunden mit Umsatz und Stunden.", "No customers with revenue and hours."),
    "portfolio.legend": ("I Idealer Partner, B Beobachten, T Trennen", "I ideal partner, W watch, D drop"),
    "portfolio.letter.ideal": ("I", "I"),
    "portfolio.letter.watch": ("B", "W"),
    "portfolio.letter.drop": ("T", "D"),
    "portfolio.key": ("Portfolio", "Portfolio"),
    "portfolio.help": (
        "Portfolio: Walkurve, ABC, Quartale, was Trennen freisetzt",
        "Portfolio: whale curve, ABC, quarters, what letting go would free",
    ),
    "portfolio.close": ("Zurück", "Back"),
    # table heads
    "portfolio.head.class": ("Klasse", "Class"),
    "portfolio.head.customers": ("Kunden", "Customers"),
    "portfolio.head.revenue": ("Umsatz", "Revenue"),
    "portfolio.head.share": ("Anteil", "Share"),
    "portfolio.head.contribution": ("DB", "Contrib."),
    "portfolio.head.contribution_long": ("Deckungsbeitrag", "Contribution"),
    "portfolio.head.quarter": ("Quartal", "Quarter"),
    "portfolio.head.rank": ("Rang", "Rank"),
    "portfolio.head.customer": ("Kunde", "Customer"),
    "portfolio.head.column": ("Spalte", "Column"),
    "portfolio.head.cumulative": ("kumuliert", "cumulative"),
    "portfolio.head.customers_pct": ("Kunden %", "Customers %"),
    "portfolio.head.hours": ("Stunden", "Hours"),
    # the report
    "portfolio.report.title": ("Quartalsbericht {quarter}", "Quarterly report {quarter}"),
    "portfolio.report.made": ("Erstellt am {date} aus {db}", "Made on {date} from {db}"),
    "portfolio.report.summary": ("Review-Zusammenfassung", "Review summary"),
    "portfolio.report.not_finished": (
        "Das Review {quarter} ist nicht abgeschlossen: {reviewed} von {total} Kunden entschieden.",
        "The review {quarter} is not finished: {reviewed} of {total} customers decided.",
    ),
    "portfolio.report.finished": (
        "Review {quarter} abgeschlossen am {date}: {reviewed} Kunden entschieden.",
        "Review {quarter} finished on {date}: {reviewed} customers decided.",
    ),
    "portfolio.report.moves": ("Wechsel", "Moves"),
    "portfolio.report.no_moves": ("keine Wechsel", "no moves"),
    "portfolio.report.columns": ("Umsatz und Deckungsbeitrag je Spalte", "Revenue and contribution per column"),
    "portfolio.report.before": ("vorher", "before"),
    "portfolio.report.after": ("nachher", "after"),
    "portfolio.report.decisions": ("Entscheidungen", "Decisions"),
    "portfolio.report.no_decisions": ("Keine Entscheidungen in diesem Review.", "No decisions in this review."),
    "portfolio.report.when": ("Zeitpunkt", "When"),
    "portfolio.report.change": ("Wechsel", "Change"),
    "portfolio.report.reason": ("Grund", "Reason"),
    "portfolio.report.actor": ("Wer", "Who"),
    "portfolio.report.audit": ("Prüfkette des Protokolls", "The log's hash chain"),
    "portfolio.report.head": (
        "{count} Entscheidung im Protokoll; letzter Hash: {hash}|"
        "{count} Entscheidungen im Protokoll; letzter Hash: {hash}",
        "{count} decision in the log; last hash: {hash}|{count} decisions in the log; last hash: {hash}",
    ),
    "portfolio.report.head_empty": ("Das Protokoll ist leer.", "The log is empty."),
    "portfolio.report.verify": ("Prüfen mit: kundenboard audit verify", "Check with: kundenboard audit verify"),
    "portfolio.report.curve_table": ("Walkurve (jeder {step}. Kunde)", "Whale curve (every {step}th customer)"),
    "portfolio.report.written": ("Bericht geschrieben: {path}", "Report written: {path}"),
    "portfolio.report.cannot_write": (
        "Kann {path} nicht schreiben: {error} - anderen Pfad mit -o angeben",
        "cannot write {path}: {error} - give another path with -o",
    ),
    "portfolio.report.bad_quarter": (
        "Quartal {quarter} liegt in der Zukunft - ein vergangenes oder das laufende angeben",
        "quarter {quarter} is in the future - give a past or the current one",
    ),
}
