"""Write the kundenboard demo data: customers of "Studio Nordlicht", a small web
and design agency in Bielefeld, as four CSV exports a real agency has.

    python data/make_demo.py [OUTDIR]     (default: data/demo next to this file)

Standard library only and seeded, so the same run writes the same bytes; the
committed files in data/demo are its output (a test checks that). Each persona
below is one function: its card data, its orders (one invoice and the work
behind it) and its events. data/README.md says which signal each one carries.

Today is 2026-11-27; nothing is dated after 2026-11-26. Metrics look at the
12 months up to today and the 12 months before, so most personas change their
behaviour around 2024-11-27 and 2025-11-27 on purpose.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20261127
TODAY = dt.date(2026, 11, 27)
LAST_DAY = TODAY - dt.timedelta(days=1)
VAT = 0.19
TOGGL_RATE = 95.0  # billable rate set in Toggl; the amount column shows hours x this

STAFF = {
    "Lena Hartmann": "lena.hartmann@studio-nordlicht.example",
    "Jonas Berger": "jonas.berger@studio-nordlicht.example",
    "Aylin Demir": "aylin.demir@studio-nordlicht.example",
}
# who does which kind of work; meetings, support and corrections go to anyone
OWNER_OF_TAG = {"Design": "Lena Hartmann", "Entwicklung": "Jonas Berger", "Ads": "Jonas Berger",
                "Text": "Aylin Demir", "Social Media": "Aylin Demir"}

TASKS: dict[str, list[tuple[str, str]]] = {
    "retainer": [
        ("Social-Media-Beiträge erstellen", "Social Media"), ("Grafiken für Beiträge", "Design"),
        ("Website-Pflege und Updates", "Entwicklung"), ("Newsletter schreiben", "Text"),
        ("Monatliches Abstimmungsgespräch", "Meeting"), ("Reporting Zugriffszahlen", "Entwicklung"),
    ],
    "design": [
        ("Erste Entwürfe", "Design"), ("Reinzeichnung", "Design"), ("Texte schreiben", "Text"),
        ("Abstimmung mit Kunde", "Meeting"), ("Bildauswahl und Bildbearbeitung", "Design"),
        ("Korrekturen einarbeiten", "Korrektur"), ("Druckdaten anlegen", "Design"),
    ],
    "web": [
        ("Konzept und Sitemap", "Meeting"), ("Layout Startseite", "Design"), ("Templates umsetzen", "Entwicklung"),
        ("Inhalte einpflegen", "Text"), ("Tests, Ladezeit, Livegang", "Entwicklung"),
        ("Abstimmung mit Kunde", "Meeting"), ("Unterseiten gestalten", "Design"),
    ],
    "small": [
        ("Änderung auf der Website", "Entwicklung"), ("Social-Media-Post", "Social Media"),
        ("Kleine Grafik", "Design"), ("Rückruf, Fragen zur Website", "Support"),
    ],
    "ads": [
        ("Google-Ads-Kampagnen prüfen", "Ads"), ("Anzeigentexte", "Text"), ("Monatsreport Ads", "Ads"),
    ],
    "haggle": [
        ("Erste Entwürfe", "Design"), ("Telefonat Änderungswünsche", "Meeting"),
        ("Korrekturen einarbeiten", "Korrektur"), ("Neuer Entwurf nach Feedback", "Design"),
        ("Korrekturrunde nach Telefonat", "Korrektur"), ("Preis und Umfang erneut besprochen", "Meeting"),
        ("Texte umschreiben", "Text"),
    ],
}

EVENT_KINDS = ("Korrekturschleife", "Preisbeschwerde", "Eilauftrag", "Ungenaues Briefing", "Supportanfrage")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- payment behaviour: days paid after the due date (negative: early) ---------

PayHabit = Callable[[random.Random], int]


def on_time(rng: random.Random) -> int:
    return rng.choice([-9, -6, -4, -3, -2, -1, 0, 0, 1, 2])


def late(low: int, high: int) -> PayHabit:
    return lambda rng: rng.randint(low, high)


def never(rng: random.Random) -> int:
    return 10_000  # stays open


# --- orders: one invoice and the hours behind it ------------------------------

@dataclass(frozen=True)
class Order:
    issued: dt.date
    net: float
    project: str
    hours: float  # 0: nobody tracked time for it
    work_from: dt.date
    work_to: dt.date
    days_late: int
    kind: str = "design"  # which TASKS list the time entries come from
    rush: bool = False  # evenings and weekends, tagged Eilauftrag
    unbilled: float = 0.08  # share of entries marked non-billable
    credit_note: bool = False


def hours_for(rng: random.Random, net: float, rate: float | None) -> float:
    """Hours spent so that revenue / hours lands near the persona's rate."""
    return 0.0 if rate is None else round(net / rate * rng.uniform(0.9, 1.1), 2)


def jobs(rng: random.Random, rows: list[tuple[str, float, str]], rate: float | None, pay: PayHabit,
         kind: str = "design", weeks: int = 4, rush: bool = False, unbilled: float = 0.08) -> list[Order]:
    """Project invoices: (issue date, net, project); work in the weeks before."""
    orders = []
    for issued_text, net, project in rows:
        issued = next_workday(day(issued_text))
        orders.append(Order(
            issued=issued, net=net, project=project, hours=hours_for(rng, net, rate),
            work_from=issued - dt.timedelta(weeks=weeks), work_to=issued - dt.timedelta(days=1),
            days_late=pay(rng), kind=kind, rush=rush, unbilled=unbilled,
        ))
    return orders


def next_workday(when: dt.date) -> dt.date:
    """Invoices are written on weekdays."""
    while when.weekday() >= 5:
        when += dt.timedelta(days=1)
    return when


def first_workday(year: int, month: int) -> dt.date:
    return next_workday(dt.date(year, month, 1))


def month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def retainer(rng: random.Random, fees: list[tuple[str, float]], until: str, rate: float, pay: PayHabit = on_time,
             project: str = "Monatsbetreuung {year}", kind: str = "retainer") -> list[Order]:
    """Monthly fee invoiced in advance on the first workday; fees: ("2024-01", 1650.0) from that month on."""
    start_year, start_month = map(int, fees[0][0].split("-"))
    end_year, end_month = map(int, until.split("-"))
    orders = []
    for index in range(start_year * 12 + start_month - 1, end_year * 12 + end_month):
        year, month = divmod(index, 12)
        month += 1
        fee = [net for since, net in fees if since <= f"{year}-{month:02d}"][-1]
        issued = first_workday(year, month)
        orders.append(Order(
            issued=issued, net=fee, project=project.format(year=year), hours=hours_for(rng, fee, rate),
            work_from=issued, work_to=month_end(issued), days_late=pay(rng), kind=kind,
        ))
    return orders


def credit_note(issued: str, net: float, project: str) -> Order:
    """Settled against the next payment right away, so never dunned."""
    when = day(issued)
    return Order(issued=when, net=net, project=project, hours=0.0, work_from=when, work_to=when,
                 days_late=-14, credit_note=True)


# --- events -------------------------------------------------------------------

@dataclass(frozen=True)
class EventRow:
    date: dt.date
    kind: str
    project: str
    note: str


def events(*rows: tuple[str, str, str, str]) -> list[EventRow]:
    """Hand-written events: (date, Art, Projekt, Notiz)."""
    assert all(row[1] in EVENT_KINDS for row in rows), rows
    return [EventRow(day(when), kind, project, note) for when, kind, project, note in rows]


def scattered(rng: random.Random, count: int, first: str, last: str, kind: str, project: str,
              notes: list[str]) -> list[EventRow]:
    """`count` events of one kind on random weekdays between two dates, notes in turn."""
    start, span = day(first), (day(last) - day(first)).days
    found = []
    for number in range(count):
        when = start + dt.timedelta(days=rng.randint(0, span))
        while when.weekday() >= 5:
            when -= dt.timedelta(days=1)
        found.append(EventRow(when, kind, project, notes[number % len(notes)]))
    return found


# --- personas -----------------------------------------------------------------

@dataclass
class Persona:
    number: str
    name: str
    city: str
    contact: str
    column: str  # where the owner has the card today
    tags: str
    notes: str
    terms: int = 14  # days to pay
    contract_until: str = ""  # non-empty: contract (Vertrag ja)
    prospect: bool = False
    since: str = ""
    orders: list[Order] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)


def steuerkanzlei_brandt(rng: random.Random) -> Persona:
    """Ideal: retainer since 2019, raised every January, relaunch on top in 2026."""
    return Persona(
        "K-1001", "Steuerkanzlei Brandt & Partner", "Münster", "Dr. Henrike Brandt", "ideal", "Retainer,Kanzlei",
        "Monatliche Betreuung von Website, Newsletter und LinkedIn. Empfiehlt uns aktiv weiter.",
        contract_until="31.12.2027", since="01.04.2019",
        orders=retainer(rng, [("2023-10", 1450.0), ("2024-01", 1650.0), ("2025-01", 1850.0), ("2026-01", 2150.0)],
                        "2026-11", rate=118)
        + jobs(rng, [("2024-06-14", 3200.0, "Imagebroschüre"), ("2025-05-16", 2800.0, "Karriereseite"),
                     ("2026-05-22", 8400.0, "Website-Relaunch")], rate=112, pay=on_time, kind="web", weeks=6),
        events=events(
            ("2026-04-08", "Korrekturschleife", "Website-Relaunch", "Startseite: Farbwelt an Kanzlei-CI angepasst"),
        ),
    )


def zahnarzt_kessler(rng: random.Random) -> Persona:
    """Ideal: retainer raised each July, recruiting campaign in 2026."""
    return Persona(
        "K-1002", "Zahnarztpraxis Dr. Kessler", "Bielefeld", "Dr. Tobias Kessler", "ideal", "Retainer,Gesundheit",
        "Praxis-Website, Google-Profil und Recruiting. Unkompliziert, entscheidet schnell.",
        contract_until="30.06.2027", since="01.09.2020",
        orders=retainer(rng, [("2023-10", 980.0), ("2024-07", 1150.0), ("2025-07", 1350.0)], "2026-11", rate=108)
        + jobs(rng, [("2025-02-21", 1600.0, "Praxisfotos"), ("2026-03-20", 4200.0, "Recruiting-Kampagne ZFA")],
               rate=104, pay=on_time),
        events=events(
            ("2026-02-26", "Korrekturschleife", "Recruiting-Kampagne ZFA", "Anzeigentext: Gehaltsangabe ergänzt"),
        ),
    )


def elektro_hoffmann(rng: random.Random) -> Persona:
    """Ideal by the numbers, but the owner still watches them after a rocky start."""
    return Persona(
        "K-1003", "Elektro Hoffmann GmbH", "Osnabrück", "Markus Hoffmann", "watch", "Retainer,Handwerk",
        "Seit 2021 dabei, zahlt pünktlich. Steht noch auf Beobachten wegen des holprigen Starts 2021.",
        contract_until="31.03.2027", since="01.02.2021",
        orders=retainer(rng, [("2023-10", 1200.0), ("2024-04", 1400.0), ("2025-04", 1650.0), ("2026-04", 1800.0)],
                        "2026-11", rate=110)
        + jobs(rng, [("2026-08-14", 3600.0, "Azubi-Kampagne 2026")], rate=105, pay=on_time),
        events=events(
            ("2026-07-22", "Korrekturschleife", "Azubi-Kampagne 2026", "Fotos der Azubis ausgetauscht"),
        ),
    )


def vogt_ingenieure(rng: random.Random) -> Persona:
    """Ideal, quieter: retainer raised each October, modest growth."""
    return Persona(
        "K-1004", "Vogt Ingenieure GmbH", "Hannover", "Carsten Vogt", "ideal", "Retainer,B2B",
        "Technische Website, Fachartikel und Messeunterlagen. Klare Briefings.",
        contract_until="30.09.2027", since="01.01.2022",
        orders=retainer(rng, [("2023-10", 1600.0), ("2024-10", 1750.0), ("2025-10", 1950.0)], "2026-11", rate=104)
        + jobs(rng, [("2025-03-14", 2400.0, "Jahresbericht 2024"), ("2026-09-11", 2900.0, "Messestand-Grafik")],
               rate=100, pay=on_time),
    )


def moebelhaus_wendt(rng: random.Random) -> Persona:
    """Late payer at Mahnstufe 2: paying later each year, 40-70 days in the last 12 months."""
    def season(year: int) -> list[tuple[str, float, str]]:
        return [(f"{year}-02-16", 3400.0 + 100 * (year - 2024), f"Frühjahrsprospekt {year}"),
                (f"{year}-05-15", 2600.0, f"Gartenmöbel-Kampagne {year}"),
                (f"{year}-09-14", 4200.0, f"Herbstkatalog {year}"),
                (f"{year}-11-16", 2100.0, f"Weihnachtsaktion {year}")]
    early = [("2023-10-13", 4000.0, "Herbstkatalog 2023"), ("2023-11-16", 2000.0, "Weihnachtsaktion 2023")]
    return Persona(
        "K-1005", "Möbelhaus Wendt KG", "Detmold", "Sabine Wendt", "watch", "Einzelhandel",
        "Zahlt erst nach Mahnung. Ausreden: Buchhalterin krank, Rechnung übersehen, Zahlungslauf steht noch an.",
        since="01.06.2021",
        orders=jobs(rng, early + season(2024)[:3], rate=92, pay=late(3, 18))
        + jobs(rng, season(2024)[3:] + season(2025), rate=92, pay=late(15, 32))
        + jobs(rng, season(2026)[:3], rate=92, pay=late(40, 70))
        + jobs(rng, season(2026)[3:], rate=92, pay=never),  # issued 16.11., not yet due
        events=events(
            ("2026-01-28", "Korrekturschleife", "Frühjahrsprospekt 2026", "Sortiment kurz vor Druck getauscht"),
            ("2026-04-21", "Preisbeschwerde", "Gartenmöbel-Kampagne 2026", "Fragt nach Skonto trotz Zahlungsverzug"),
        ),
    )


def eventservice_kramer(rng: random.Random) -> Persona:
    """Knock-out: an invoice from June 2026 still open after the third reminder."""
    return Persona(
        "K-1006", "Eventservice Kramer GmbH", "Paderborn", "Dirk Kramer", "watch", "Events",
        "Rechnung Eventbroschüre seit Juli überfällig, 3. Mahnung raus. Inkasso prüfen.",
        orders=jobs(rng, [("2023-11-17", 2800.0, "Einladungen Firmenjubiläum")], rate=94, pay=late(5, 9))
        + jobs(rng, [("2024-04-19", 3900.0, "Sommerfest-Kampagne"), ("2024-09-20", 1800.0, "Website-Update"),
                     ("2025-03-21", 4600.0, "Messeauftritt 2025"), ("2025-10-17", 1500.0, "Weihnachtsfeier-Mailing"),
                     ("2026-02-06", 1200.0, "Plakate Karnevalsparty")], rate=90, pay=late(18, 48))
        + jobs(rng, [("2026-06-19", 5800.0, "Eventbroschüre 2027")], rate=90, pay=never),
        events=events(
            ("2024-04-02", "Eilauftrag", "Sommerfest-Kampagne", "Druckdaten in zwei Tagen statt zwei Wochen"),
            ("2025-03-03", "Ungenaues Briefing", "Messeauftritt 2025", "Nur ein Moodboard aus Pinterest, keine Texte"),
            ("2025-03-12", "Korrekturschleife", "Messeauftritt 2025", "Standgrafik komplett neu"),
            ("2026-01-27", "Eilauftrag", "Plakate Karnevalsparty", "Plakate bis Freitag"),
            ("2026-06-02", "Korrekturschleife", "Eventbroschüre 2027", "Alle Preise geändert"),
        ),
    )


def messebau_pohl(rng: random.Random) -> Persona:
    """Last resort (Notnagel): once a year, two weeks before the trade fair, always in a rush."""
    fairs = [(f"{year}-02-{d}", net, f"Frühjahrsmesse {year}")
             for year, d, net in ((2024, 16, 4200.0), (2025, 21, 4600.0), (2026, 20, 4900.0))]
    return Persona(
        "K-1007", "Messebau Pohl GmbH", "Gütersloh", "Frank Pohl", "drop", "Messe",
        "Meldet sich nur, wenn die Messe vor der Tür steht und die eigene Grafikerin ausfällt.",
        orders=jobs(rng, fairs, rate=86, pay=late(0, 6), weeks=2, rush=True),
        events=events(
            ("2024-02-02", "Eilauftrag", "Frühjahrsmesse 2024", "Standgrafik in 10 Tagen, inkl. Wochenende"),
            ("2025-02-07", "Eilauftrag", "Frühjahrsmesse 2025", "Anruf Freitagabend: Messe in zwei Wochen"),
            ("2026-02-06", "Eilauftrag", "Frühjahrsmesse 2026", "Wieder zwei Wochen vor Messebeginn"),
            ("2026-02-09", "Ungenaues Briefing", "Frühjahrsmesse 2026", "Standmaße erst nach drei Nachfragen"),
        ),
    )


def modehaus_seidel(rng: random.Random) -> Persona:
    """Haggler: endless correction rounds, price complaints, vague briefings; about 40 €/h."""
    rows = [("2023-11-10", 1400.0, "Weihnachtsmailing 2023"), ("2024-04-12", 2400.0, "Frühjahrskollektion 2024"),
            ("2024-09-13", 2600.0, "Lookbook Herbst 2024"), ("2025-03-14", 2600.0, "Frühjahrskollektion 2025"),
            ("2025-09-12", 2800.0, "Lookbook Herbst 2025"), ("2025-11-14", 1100.0, "Weihnachtsmailing 2025"),
            ("2026-04-10", 2700.0, "Frühjahrskollektion 2026"), ("2026-09-11", 2900.0, "Lookbook Herbst 2026"),
            ("2026-11-13", 1100.0, "Weihnachtsmailing 2026")]
    rounds = ["Farben doch wieder wie im ersten Entwurf", "Chefin hat Freundin gefragt, alles anders",
              "Models getauscht", "Schrift 'zu modern'", "Logo größer, dann wieder kleiner", "Text komplett neu"]
    return Persona(
        "K-1008", "Modehaus Seidel", "Lippstadt", "Claudia Seidel", "watch", "Einzelhandel,Mode",
        "Jede Abstimmung dauert Wochen, Preise werden bei jedem Auftrag neu verhandelt.",
        since="01.05.2022",
        orders=jobs(rng, rows, rate=41, pay=late(0, 9), kind="haggle", weeks=8, unbilled=0.35),
        events=scattered(rng, 2, "2025-02-10", "2025-03-10", "Korrekturschleife", "Frühjahrskollektion 2025", rounds)
        + scattered(rng, 1, "2025-08-01", "2025-09-08", "Korrekturschleife", "Lookbook Herbst 2025", rounds[2:])
        + scattered(rng, 4, "2026-02-16", "2026-04-08", "Korrekturschleife", "Frühjahrskollektion 2026", rounds)
        + scattered(rng, 6, "2026-07-20", "2026-09-09", "Korrekturschleife", "Lookbook Herbst 2026", rounds[1:])
        + scattered(rng, 3, "2026-10-19", "2026-11-12", "Korrekturschleife", "Weihnachtsmailing 2026", rounds[3:])
        + events(
            ("2025-03-18", "Preisbeschwerde", "Frühjahrskollektion 2025", "Rechnung 'viel zu hoch für ein paar Fotos'"),
            ("2025-07-28", "Ungenaues Briefing", "Lookbook Herbst 2025", "'Irgendwas Frisches, Sie machen das schon'"),
            ("2026-02-13", "Ungenaues Briefing", "Frühjahrskollektion 2026", "Kein Briefing, nur Sprachnachricht"),
            ("2026-04-15", "Preisbeschwerde", "Frühjahrskollektion 2026", "Will 20 % Nachlass wegen der Korrekturen"),
            ("2026-07-16", "Ungenaues Briefing", "Lookbook Herbst 2026", "Zielgruppe 'alle ab 30'"),
            ("2026-09-15", "Preisbeschwerde", "Lookbook Herbst 2026", "Vergleicht mit Angebot eines Studenten"),
            ("2026-11-16", "Preisbeschwerde", "Weihnachtsmailing 2026", "Mailing 'hätte die Nichte günstiger gemacht'"),
        ),
    )


def blumen_schneider(rng: random.Random) -> Persona:
    """Small orders: one or two invoices of 150-300 € a month, and a phone call with most of them."""
    rows = []
    for index in range(2024 * 12 + 1, 2026 * 12 + 11):
        year, month = divmod(index, 12)
        for _ in range(rng.choice([1, 1, 2])):
            issued = dt.date(year, month + 1, rng.randint(3, 26))
            net = rng.choice([148.75, 170.0, 191.25, 212.5, 233.75, 255.0, 276.25, 297.5])
            rows.append((issued.isoformat(), net, f"Kleinaufträge {year}"))
    calls = ["Passwort für das CMS vergessen", "Warum ist das Bild unscharf?", "Bitte kurz zurückrufen",
             "Mail-Postfach voll", "Google zeigt alte Öffnungszeiten", "Kann man das Logo 'etwas fröhlicher' machen?"]
    return Persona(
        "K-1009", "Blumen Schneider", "Lemgo", "Petra Schneider", "watch", "Kleinauftrag,Einzelhandel",
        "Viele kleine Änderungen, fast jede mit Rückrufbitte. Erwartet Antwort am selben Tag.",
        orders=jobs(rng, rows, rate=72, pay=on_time, kind="small", weeks=1),
        events=scattered(rng, 3, "2024-12-02", "2025-11-20", "Supportanfrage", "Kleinaufträge 2025", calls)
        + scattered(rng, 10, "2025-12-01", "2026-11-25", "Supportanfrage", "Kleinaufträge 2026", calls[2:] + calls[:2]),
    )


def kosmetik_aurora(rng: random.Random) -> Persona:
    """Prospect whose first talks already show the warning signs."""
    return Persona(
        "K-1010", "Kosmetikstudio Aurora", "Bad Salzuflen", "Natalia Wróbel", "watch", "Interessent,Beauty",
        "Anfrage Website mit Online-Terminbuchung. Angebot über 4.900 € liegt vor.", prospect=True,
        events=events(
            ("2026-10-14", "Ungenaues Briefing", "Angebot Website", "'Irgendwas Modernes, aber nicht zu teuer'"),
            ("2026-11-05", "Preisbeschwerde", "Angebot Website", "Freelancer mache es für 800 €"),
        ),
    )


def tierarzt_neumann(rng: random.Random) -> Persona:
    """Prospect about whom nothing is known yet."""
    return Persona(
        "K-1011", "Tierarztpraxis Dr. Neumann", "Herford", "Dr. Jana Neumann", "watch", "Interessent,Gesundheit",
        "Empfehlung von Dr. Kessler. Erstgespräch im Dezember geplant.", prospect=True,
    )


def kaffee_bohnenwerk(rng: random.Random) -> Persona:
    """Online shop, solid middle; one credit note for a cancelled photo shoot."""
    return Persona(
        "K-1012", "Kaffeerösterei Bohnenwerk", "Bielefeld", "Jan Köster", "watch", "Online-Shop,E-Commerce",
        "Shopify-Shop. Gutschrift im April 2026: zweiter Fototag vom Kunden abgesagt.",
        since="01.03.2022",
        orders=jobs(rng, [("2023-10-20", 7800.0, "Shop-Relaunch"), ("2024-03-15", 1900.0, "Produktfotos 2024"),
                          ("2024-06-14", 1200.0, "Newsletter-Vorlagen"),
                          ("2024-11-05", 2400.0, "Weihnachtskampagne 2024"),
                          ("2025-04-11", 4800.0, "Abo-Modell im Shop"),
                          ("2025-10-24", 2600.0, "Weihnachtskampagne 2025"),
                          ("2026-03-13", 2100.0, "Produktfotos 2026"), ("2026-06-19", 3200.0, "SEO-Optimierung"),
                          ("2026-10-23", 2800.0, "Weihnachtskampagne 2026")],
                   rate=96, pay=late(-6, 6), kind="web")
        + [credit_note("2026-04-02", 850.0, "Produktfotos 2026")],
        events=events(
            ("2024-11-18", "Supportanfrage", "Weihnachtskampagne 2024", "Rabattcode im Shop griff nicht"),
            ("2026-07-08", "Supportanfrage", "SEO-Optimierung", "Fragen zur Search Console"),
        ),
    )


def autohaus_reimann(rng: random.Random) -> Persona:
    """Formerly ideal, sliding: retainer not renewed after 2025, revenue halved, payments now a week late."""
    return Persona(
        "K-1013", "Autohaus Reimann GmbH", "Gütersloh", "Stefan Reimann", "ideal", "Autohaus,Stammkunde",
        "Betreuungsvertrag Ende 2025 ausgelaufen; neuer Geschäftsführer will 'erst mal projektweise' "
        "und lässt Rechnungen eine Woche liegen.",
        terms=30, since="01.03.2019",
        orders=retainer(rng, [("2023-10", 1700.0), ("2024-01", 1850.0)], "2025-12", rate=104)
        + jobs(rng, [("2024-04-12", 2200.0, "Frühjahrsaktion 2024"), ("2025-04-11", 2200.0, "Frühjahrsaktion 2025")],
               rate=100, pay=on_time)
        + jobs(rng, [("2026-03-13", 2400.0, "Frühjahrsaktion 2026"),
                     ("2026-06-12", 3200.0, "Gebrauchtwagen-Landingpage"),
                     ("2026-08-14", 1900.0, "Social Media Sommer"), ("2026-10-16", 1600.0, "Winterreifen-Aktion")],
               rate=100, pay=late(3, 10)),
        events=events(
            ("2026-01-20", "Preisbeschwerde", "Frühjahrsaktion 2026", "Neuer GF: Monatspauschale war zu hoch"),
            ("2026-06-01", "Korrekturschleife", "Gebrauchtwagen-Landingpage", "Filter nach Marke ergänzt"),
        ),
    )


def tsv_gruen_weiss(rng: random.Random) -> Persona:
    """Club (Verein): small budget at a club rate, always on time, pleasant."""
    rows = [("2023-10-13", 450.0, "Website-Pflege 2023")]
    for year in (2024, 2025, 2026):
        rows += [(f"{year}-03-15", 650.0 + 20 * (year - 2024), f"Vereinsheft {year}"),
                 (f"{year}-06-14", 380.0 + 20 * (year - 2024), f"Plakate Sommerfest {year}"),
                 (f"{year}-10-11", 450.0 + 30 * (year - 2024), f"Website-Pflege {year}")]
    return Persona(
        "K-1014", "TSV Grün-Weiß Lemgo e.V.", "Lemgo", "Uwe Brockmann", "watch", "Verein,Ehrenamt",
        "Vereinsrabatt. Kassenwart zahlt immer sofort, Vorstand bedankt sich jedes Mal.",
        terms=30, since="01.05.2018",
        orders=jobs(rng, rows, rate=68, pay=on_time),
        events=events(
            ("2025-10-22", "Supportanfrage", "Website-Pflege 2025", "Neuer Kassenwart braucht Zugang"),
        ),
    )


def baeckerei_sommer(rng: random.Random) -> Persona:
    """Middle: seasonal flyers four times a year, paid a week or two late, a rush before Easter and Christmas."""
    rows = [("2023-11-10", 1100.0, "Weihnachtsgebäck 2023")]
    for year in (2024, 2025, 2026):
        step = 60.0 * (year - 2024)
        rows += [(f"{year}-03-08", 850.0 + step, f"Osteraktion {year}"),
                 (f"{year}-06-07", 700.0 + step, f"Sommer-Flyer {year}"),
                 (f"{year}-09-06", 780.0 + step, f"Herbstkarte {year}"),
                 (f"{year}-11-08", 1200.0 + step, f"Weihnachtsgebäck {year}")]
    return Persona(
        "K-1015", "Bäckerei Sommer", "Bad Oeynhausen", "Martina Sommer", "watch", "Handwerk,Lebensmittel",
        "Drei Filialen. Flyer und Social Media zu Ostern, Sommer, Herbst und Weihnachten. "
        "Überweist gesammelt, meist eine Woche nach Fälligkeit.",
        since="01.10.2020",
        orders=jobs(rng, rows, rate=91, pay=late(2, 14), weeks=3),
        events=events(
            ("2025-03-03", "Eilauftrag", "Osteraktion 2025", "Neues Ostergebäck, Flyer bis Mittwoch"),
            ("2026-11-02", "Eilauftrag", "Weihnachtsgebäck 2026", "Stollen-Aktion vorgezogen"),
        ),
    )


def physio_stadtpark(rng: random.Random) -> Persona:
    """Middle with a small contract since 2025, growing, on time."""
    return Persona(
        "K-1016", "Physiotherapie am Stadtpark", "Minden", "Julia Albrecht", "watch", "Retainer,Gesundheit",
        "Kleine Monatspauschale für Website und Google-Profil seit März 2025.",
        contract_until="31.08.2027",
        orders=jobs(rng, [("2023-11-17", 3600.0, "Praxis-Website"), ("2024-06-14", 800.0, "Praxisflyer")],
                    rate=97, pay=on_time, kind="web")
        + retainer(rng, [("2025-03", 450.0), ("2026-03", 480.0)], "2026-11", rate=99),
        events=events(
            ("2025-09-16", "Supportanfrage", "Monatsbetreuung 2025", "Online-Terminbuchung hing"),
        ),
    )


def hotel_seeblick(rng: random.Random) -> Persona:
    """Middle: two seasonal campaigns a year, pays a few days late now and then."""
    return Persona(
        "K-1017", "Hotel Seeblick", "Bad Zwischenahn", "Karin Janssen", "watch", "Hotel,Tourismus",
        "Familiengeführt, 40 Zimmer. Sommersaison und Wellness-Herbst.",
        terms=30,
        orders=jobs(rng, [("2024-02-16", 4200.0, "Sommersaison 2024"), ("2024-05-17", 1800.0, "Neue Zimmerfotos"),
                          ("2024-09-13", 2200.0, "Wellness-Herbst 2024"), ("2025-02-14", 4500.0, "Sommersaison 2025"),
                          ("2025-09-12", 2400.0, "Wellness-Herbst 2025"), ("2026-02-13", 4800.0, "Sommersaison 2026"),
                          ("2026-09-11", 2600.0, "Wellness-Herbst 2026")],
                   rate=93, pay=late(-4, 12)),
        events=events(
            ("2025-06-05", "Eilauftrag", "Sommersaison 2025", "Pfingst-Angebot bis morgen online"),
            ("2026-02-03", "Korrekturschleife", "Sommersaison 2026", "Preise der Arrangements geändert"),
        ),
    )


def architekten_falk_weber(rng: random.Random) -> Persona:
    """Middle: few large projects, slightly under target rate, a few correction rounds each."""
    return Persona(
        "K-1018", "Architekturbüro Falk + Weber", "Münster", "Anna Falk", "watch", "Architektur,B2B",
        "Große Projekte, anspruchsvoll in der Gestaltung. Zahlt zuverlässig zum Ziel.",
        terms=30,
        orders=jobs(rng, [("2023-12-08", 3800.0, "Projektbroschüre 2023"),
                          ("2024-06-21", 5200.0, "Wettbewerbsunterlagen Schulcampus"),
                          ("2025-02-21", 9800.0, "Website-Relaunch"), ("2025-09-19", 3200.0, "Projektdokumentation"),
                          ("2026-05-15", 6400.0, "Wettbewerb Rathausplatz"),
                          ("2026-10-16", 3600.0, "Projektbroschüre 2026")],
                   rate=87, pay=late(-5, 3), weeks=7),
        events=events(
            ("2025-02-03", "Korrekturschleife", "Website-Relaunch", "Projektfilter neu sortiert"),
            ("2026-03-27", "Ungenaues Briefing", "Wettbewerb Rathausplatz", "Auslobung kam erst nach Entwurf"),
            ("2026-04-20", "Korrekturschleife", "Wettbewerb Rathausplatz", "Pläne neu gesetzt"),
            ("2026-05-05", "Korrekturschleife", "Wettbewerb Rathausplatz", "Erläuterungstext gekürzt"),
            ("2026-10-05", "Korrekturschleife", "Projektbroschüre 2026", "Zwei Projekte getauscht"),
        ),
    )


def weingut_ebersberg(rng: random.Random) -> Persona:
    """Middle: labels each spring, wine festival, Christmas mailing; on time."""
    rows = []
    for year, bump in ((2024, 0.0), (2025, 150.0), (2026, 300.0)):
        rows += [(f"{year}-03-15", 2400.0 + bump, f"Etiketten Jahrgang {year - 1}"),
                 (f"{year}-08-09", 900.0 + bump / 3, f"Weinfest {year}"),
                 (f"{year}-11-06", 1100.0 + bump / 2, f"Weihnachtspräsente {year}")]
    rows += [("2026-06-12", 3400.0, "Online-Shop Anbindung")]
    return Persona(
        "K-1019", "Weingut Ebersberg", "Nierstein", "Katharina Ebersberg", "watch", "Weingut,Lebensmittel",
        "Rheinhessen, dritte Generation. Etiketten, Weinfest, Weihnachtsmailing.",
        terms=30, since="01.02.2022",
        orders=jobs(rng, rows, rate=97, pay=on_time),
        events=events(
            ("2026-02-20", "Korrekturschleife", "Etiketten Jahrgang 2025", "Alkoholgehalt auf dem Etikett korrigiert"),
        ),
    )


def fahrschule_yilmaz(rng: random.Random) -> Persona:
    """Middle: small monthly ads job without a contract, slightly under target rate."""
    return Persona(
        "K-1020", "Fahrschule Yilmaz", "Bielefeld", "Mehmet Yilmaz", "watch", "Dienstleistung,Ads",
        "Google-Ads-Betreuung monatlich, ohne Vertrag. Website von 2024.",
        orders=jobs(rng, [("2024-03-15", 2200.0, "Website Fahrschule")], rate=86, pay=on_time, kind="web")
        + retainer(rng, [("2024-04", 290.0), ("2025-04", 320.0)], "2026-11", rate=84, pay=late(-6, 9),
                   project="Google Ads {year}", kind="ads"),
        events=events(
            ("2025-05-12", "Supportanfrage", "Google Ads 2025", "Anzeigen liefen nicht mehr"),
            ("2026-08-25", "Supportanfrage", "Google Ads 2026", "Fragen zur Rechnung von Google"),
        ),
    )


def druckerei_albers(rng: random.Random) -> Persona:
    """Missing data: fixed-price artwork, nobody tracks hours for it in Toggl."""
    rows = []
    for index in range(2023 * 12 + 9, 2026 * 12 + 11, 2):
        year, month = divmod(index, 12)
        issued = dt.date(year, month + 1, rng.randint(5, 20))
        net = rng.choice([640.0, 780.0, 920.0, 1150.0, 1380.0, 1760.0])
        rows.append((issued.isoformat(), net, f"Reinzeichnungen {year}"))
    return Persona(
        "K-1021", "Druckerei Albers GmbH", "Bünde", "Thomas Albers", "watch", "Druck,B2B",
        "Reinzeichnungen für Albers' Druckkunden zum Festpreis. Stunden dafür werden nicht in Toggl erfasst.",
        terms=30, since="01.01.2020",
        orders=jobs(rng, rows, rate=None, pay=late(-10, 4)),
        events=events(
            ("2025-06-11", "Eilauftrag", "Reinzeichnungen 2025", "Druckmaschine frei, Daten bis morgen früh"),
            ("2026-09-08", "Eilauftrag", "Reinzeichnungen 2026", "Kunde von Albers hat Termin vorgezogen"),
        ),
    )


def gaertnerei_blum(rng: random.Random) -> Persona:
    """Middle: spring catalogue and autumn flyer, website relaunch in 2026."""
    rows = [("2024-03-08", 1600.0, "Frühjahrskatalog 2024"), ("2024-09-06", 700.0, "Herbstpflanzen 2024"),
            ("2025-03-07", 1700.0, "Frühjahrskatalog 2025"), ("2025-09-05", 750.0, "Herbstpflanzen 2025"),
            ("2026-03-06", 1800.0, "Frühjahrskatalog 2026"), ("2026-05-22", 4200.0, "Website-Relaunch Gärtnerei"),
            ("2026-09-04", 800.0, "Herbstpflanzen 2026")]
    return Persona(
        "K-1022", "Gärtnerei Blum", "Rheda-Wiedenbrück", "Georg Blum", "watch", "Einzelhandel,Garten",
        "Saisonal: Frühjahr und Herbst. 2026 neue Website mit Pflanzenkatalog.",
        since="01.02.2023",
        orders=jobs(rng, rows, rate=89, pay=on_time),
        events=events(
            ("2026-05-04", "Korrekturschleife", "Website-Relaunch Gärtnerei", "Pflanzenfotos ersetzt"),
        ),
    )


def optik_brinkmann(rng: random.Random) -> Persona:
    """Middle: small campaigns each quarter, under target rate, asks for help often."""
    rows = [("2023-10-20", 4400.0, "Website Optik")]
    for year in (2024, 2025, 2026):
        rows += [(f"{year}-02-09", 620.0, f"Brillen-Aktion Frühjahr {year}"),
                 (f"{year}-05-10", 540.0, f"Kontaktlinsen-Newsletter {year}"),
                 (f"{year}-09-13", 880.0, f"Herbstkampagne {year}")]
    return Persona(
        "K-1023", "Optik Brinkmann", "Herford", "Heike Brinkmann", "watch", "Einzelhandel,Gesundheit",
        "Kleine Kampagnen je Quartal. Ruft bei jeder Kleinigkeit an.",
        orders=jobs(rng, rows, rate=80, pay=late(-3, 5), weeks=3),
        events=events(
            ("2025-10-06", "Supportanfrage", "Herbstkampagne 2025", "Bilder in Mails fehlen"),
            ("2026-05-18", "Preisbeschwerde", "Kontaktlinsen-Newsletter 2026", "Findet Newsletter zu teuer"),
            ("2026-06-23", "Supportanfrage", "Kontaktlinsen-Newsletter 2026", "Abmeldelink geht nicht"),
        ),
    )


def restaurant_da_luca(rng: random.Random) -> Persona:
    """Owner moved them to drop after 2024; since 2025 they pay on time and order more."""
    return Persona(
        "K-1024", "Restaurant Da Luca", "Bielefeld", "Luca Moretti", "drop", "Gastronomie",
        "2024 zwei Mahnungen und Streit über die Website-Rechnung. Seit 2025 zahlt der neue Betriebsleiter pünktlich.",
        orders=jobs(rng, [("2023-10-13", 900.0, "Speisekarte Herbst 2023"), ("2024-02-16", 2800.0, "Website Da Luca"),
                          ("2024-06-14", 750.0, "Sommerkarte 2024")], rate=90, pay=late(24, 45))
        + jobs(rng, [("2025-03-14", 1200.0, "Social Media Frühjahr 2025"), ("2025-09-12", 800.0, "Herbstkarte 2025"),
                     ("2026-02-20", 3400.0, "Online-Reservierung"), ("2026-05-15", 950.0, "Sommerkarte 2026"),
                     ("2026-09-18", 1100.0, "Trüffelwochen 2026")], rate=96, pay=on_time),
        events=events(
            ("2024-03-05", "Preisbeschwerde", "Website Da Luca", "Rechnung angezweifelt, erst nach Gespräch bezahlt"),
        ),
    )


def sanitaer_krueger(rng: random.Random) -> Persona:
    """Middle craft business: steady jobs without contract, slightly under target rate."""
    return Persona(
        "K-1025", "Sanitär Krüger GmbH", "Herford", "Bernd Krüger", "watch", "Handwerk",
        "Azubi-Anzeigen, Fahrzeugbeschriftung, Website. Kein Vertrag gewünscht.",
        since="01.07.2021",
        orders=jobs(rng, [("2023-11-10", 1400.0, "Fahrzeugbeschriftung"),
                          ("2024-02-23", 900.0, "Azubi-Anzeigen 2024"), ("2024-07-12", 2100.0, "Website-Pflege 2024"),
                          ("2024-11-15", 1200.0, "Bad-Ausstellung Flyer"),
                          ("2025-02-21", 950.0, "Azubi-Anzeigen 2025"), ("2025-06-13", 1800.0, "Website-Pflege 2025"),
                          ("2026-02-20", 1000.0, "Azubi-Anzeigen 2026"), ("2026-05-08", 2400.0, "Badplaner online"),
                          ("2026-10-09", 1300.0, "Fahrzeugbeschriftung 2026")],
                   rate=86, pay=on_time),
        events=events(
            ("2026-04-23", "Korrekturschleife", "Badplaner online", "Produktliste des Großhändlers geändert"),
        ),
    )


PERSONAS = [
    steuerkanzlei_brandt, zahnarzt_kessler, elektro_hoffmann, vogt_ingenieure, moebelhaus_wendt,
    eventservice_kramer, messebau_pohl, modehaus_seidel, blumen_schneider, kosmetik_aurora, tierarzt_neumann,
    kaffee_bohnenwerk, autohaus_reimann, tsv_gruen_weiss, baeckerei_sommer, physio_stadtpark, hotel_seeblick,
    architekten_falk_weber, weingut_ebersberg, fahrschule_yilmaz, druckerei_albers, gaertnerei_blum,
    optik_brinkmann, restaurant_da_luca, sanitaer_krueger,
]


# --- time entries: hours split into Toggl entries on a staff calendar ---------

class Calendar:
    """Keeps each person's day free of overlapping entries."""

    def __init__(self) -> None:
        self.free_from: dict[tuple[str, dt.date], int] = {}  # minute of the day

    def book(self, rng: random.Random, user: str, days: list[dt.date], minutes: int, rush: bool) -> dt.datetime:
        """A start time on one of `days` where the entry fits the user's day (rush: until 22:00)."""
        closing = 22 * 60 if rush else 17 * 60 + 45
        for _ in range(40):
            when = rng.choice(days)
            start = self.free_from.get((user, when), 8 * 60 + rng.choice([0, 15, 30, 45, 60]))
            start += rng.choice([0, 0, 10, 15, 30])
            if rush and rng.random() < 0.35:
                start = max(start, 18 * 60 + 30)
            if start + minutes <= closing:
                break
        else:  # a crunch: overtime on the least busy day
            when = min(days, key=lambda d: self.free_from.get((user, d), 8 * 60))
            start = self.free_from.get((user, when), 8 * 60)
        start = min(start, 23 * 60 + 55 - minutes)
        self.free_from[(user, when)] = start + minutes
        return dt.datetime.combine(when, dt.time()) + dt.timedelta(minutes=start)


def work_days(order: Order, until: dt.date = LAST_DAY) -> list[dt.date]:
    last = min(order.work_to, until)
    span = [order.work_from + dt.timedelta(days=n) for n in range((last - order.work_from).days + 1)]
    weekdays = [d for d in span if d.weekday() < 5]
    return span if order.rush or not weekdays else weekdays


ENTRY_MINUTES = [45, 60, 90, 120, 120, 150, 180, 180, 210, 240, 270, 300]


def split_minutes(rng: random.Random, total: int) -> list[int]:
    """Cut a job's minutes into entries of 45 minutes to 5 hours."""
    chunks = []
    while total > 0:
        chunk = min(total, rng.choice(ENTRY_MINUTES) + rng.choice([0, 5, 10]))
        if total - chunk < 15:
            chunk = total
        chunks.append(chunk)
        total -= chunk
    return chunks


def time_entries(rng: random.Random, calendar: Calendar, persona: Persona, order: Order) -> list[list[str]]:
    days = work_days(order)
    if not order.hours or not days:
        return []
    # work planned beyond yesterday (this month's retainer) is not tracked yet
    share = len(days) / len(work_days(order, until=order.work_to))
    total = round(order.hours * share * 60 / 5) * 5
    rows = []
    for minutes in split_minutes(rng, total):
        description, tag = rng.choice(TASKS[order.kind])
        user = OWNER_OF_TAG.get(tag) or rng.choice(list(STAFF))
        start = calendar.book(rng, user, days, minutes, order.rush)
        end = start + dt.timedelta(minutes=minutes)
        billable = rng.random() >= order.unbilled
        tags = ", ".join([tag, "Eilauftrag"] if order.rush else [tag])
        rows.append([
            user, STAFF[user], persona.name, order.project, "", description, "Yes" if billable else "No",
            start.date().isoformat(), start.strftime("%H:%M:%S"), end.date().isoformat(), end.strftime("%H:%M:%S"),
            f"{minutes // 60:02d}:{minutes % 60:02d}:00", tags,
            f"{minutes / 60 * TOGGL_RATE:.2f}" if billable else "",
        ])
    return rows


# --- invoices -----------------------------------------------------------------

def money(amount: float) -> str:
    """German accounting format: 1.234,56"""
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def dunning_level(days_late: int) -> int:
    """Highest Mahnstufe reached: a reminder after a week, the second after three, the third after 75 days."""
    return 0 if days_late <= 7 else 1 if days_late <= 21 else 2 if days_late <= 75 else 3


def invoice_rows(personas: list[Persona]) -> list[list[str]]:
    dated = sorted((order.issued, persona.number, index, persona, order)
                   for persona in personas for index, order in enumerate(persona.orders))
    counters: dict[tuple[str, int], int] = {}
    rows = []
    for issued, _, _, persona, order in dated:
        prefix = "GS" if order.credit_note else "RE"
        counters[prefix, issued.year] = counters.get((prefix, issued.year), 0) + 1
        due = issued + dt.timedelta(days=persona.terms)
        paid: dt.date | None = max(due + dt.timedelta(days=order.days_late), issued + dt.timedelta(days=1))
        if paid > LAST_DAY:
            paid = None
        level = 0 if order.credit_note else dunning_level(((paid or TODAY) - due).days)
        rows.append([
            f"{prefix}-{issued.year}-{counters[prefix, issued.year]:04d}", persona.name, persona.number,
            issued.strftime("%d.%m.%Y"), due.strftime("%d.%m.%Y"), paid.strftime("%d.%m.%Y") if paid else "",
            money(order.net), money(round(order.net * (1 + VAT), 2)), str(level),
            "Gutschrift" if order.credit_note else "Rechnung",
        ])
    return rows


# --- writing ------------------------------------------------------------------

def customer_row(persona: Persona) -> list[str]:
    return [persona.number, persona.name, persona.contact, persona.column, "ja" if persona.contract_until else "nein",
            persona.contract_until, "ja" if persona.prospect else "nein", persona.since, persona.tags,
            f"{persona.city}. {persona.notes}"]


def write(path: Path, header: list[str], rows: list[list[str]], encoding: str, delimiter: str,
          lineterminator: str = "\n") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator=lineterminator)
        writer.writerow(header)
        writer.writerows(rows)


def build() -> list[Persona]:
    return [make(random.Random(f"{SEED}-{make.__name__}")) for make in PERSONAS]


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "demo"
    out.mkdir(parents=True, exist_ok=True)
    personas = build()
    calendar, rng = Calendar(), random.Random(SEED)
    entries = [row for persona in personas for order in persona.orders
               for row in time_entries(rng, calendar, persona, order)]
    entries.sort(key=lambda row: (row[7], row[8], row[0]))
    events = sorted((e.date, p.number, e.kind, e.project, e.note) for p in personas for e in p.events)
    invoices = invoice_rows(personas)

    write(out / "kunden.csv", ["Kundennummer", "Name", "Ansprechpartner", "Spalte", "Vertrag", "Vertrag bis",
                               "Interessent", "Kunde seit", "Tags", "Notizen"],
          [customer_row(p) for p in personas], "utf-8", ";")
    # accounting software on Windows: cp1252 and CRLF
    write(out / "rechnungen.csv", ["Rechnungsnummer", "Kunde", "Kundennummer", "Rechnungsdatum", "Fälligkeitsdatum",
                                   "Bezahlt am", "Netto", "Brutto", "Mahnstufe", "Typ"],
          invoices, "cp1252", ";", "\r\n")
    write(out / "zeiten.csv", ["User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
                               "Start time", "End date", "End time", "Duration", "Tags", "Amount (EUR)"],
          entries, "utf-8-sig", ",")
    write(out / "ereignisse.csv", ["Kundennummer", "Datum", "Art", "Projekt", "Notiz"],
          [[number, when.strftime("%d.%m.%Y"), kind, project, note] for when, number, kind, project, note in events],
          "utf-8", ";")
    print(f"{out}: {len(personas)} customers, {len(invoices)} invoices, {len(entries)} time entries, "
          f"{len(events)} events")


if __name__ == "__main__":
    main(sys.argv)
