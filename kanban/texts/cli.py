"""The command line's words: help of every command and option, output headers, prompts, messages."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the help of the commands, by their path
    "cli.help": (
        "Kunden jedes Quartal prüfen: Idealer Partner, Beobachten, Trennen – mit Gründen im Protokoll.\n\n"
        "Ohne Befehl öffnet sich das Board auf Ihrer Datenbank. Zum Ausprobieren: `kundenboard demo`.\n"
        'Shell-Vervollständigung: eval "$(_KUNDENBOARD_COMPLETE=bash_source kundenboard)" (zsh_source, fish_source).',
        "Review your customers every quarter: ideal partners, watch, drop - with reasons on record.\n\n"
        "Without a command, opens the board on your database. Try `kundenboard demo`.\n"
        'Shell completion: eval "$(_KUNDENBOARD_COMPLETE=bash_source kundenboard)" (zsh_source, fish_source).',
    ),
    "cli.help.audit": (
        "Die Entscheidungen im Protokoll, älteste zuerst. `audit verify` prüft, dass keine verändert wurde.\n\n"
        "Zeiten in Ihrer Zeitzone (gespeichert in UTC). json und yaml geben die gespeicherten Einträge "
        "samt Hashes und dem aktuellen Namen des Kunden.",
        "List the decisions on record, oldest first. `audit verify` checks that none was changed.\n\n"
        "Times are shown in your time zone (stored in UTC). json and yaml give the stored entries, hashes "
        "included, plus the customer's current name.",
    ),
    "cli.short.audit": (
        "Die Entscheidungen im Protokoll; `audit verify` prüft sie.",
        "The decisions on record; `audit verify` checks them.",
    ),
    "cli.help.audit.verify": (
        "Die ganze Hash-Kette prüfen; den ersten kaputten Eintrag nennen und mit 1 enden, wenn es einen gibt.",
        "Check the whole hash chain; name the first broken entry and exit 1 if there is one.",
    ),
    "cli.help.forget": (
        "Personenbezogene Daten von KUNDE löschen (DSGVO Art. 17) und ihn im Protokoll pseudonymisieren.\n\n"
        "KUNDE ist die Nummer oder ein eindeutiger Name. Siehe README, „Audit log and personal data“.",
        "Erase CUSTOMER's personal data (GDPR Art. 17) and pseudonymise them in the audit log.\n\n"
        'CUSTOMER is the number or an unambiguous name. See README, "Audit log and personal data".',
    ),
    "cli.short.forget": (
        "Personenbezogene Daten eines Kunden löschen (DSGVO Art. 17); das Protokoll bleibt prüfbar.",
        "Erase a customer's personal data (GDPR Art. 17), keeping the log verifiable.",
    ),
    "cli.help.customers": (
        "Kunden mit Spalte, Vorschlag und wichtigen Kennzahlen.",
        "List customers with their column, suggestion and key metrics.",
    ),
    "cli.help.move": (
        "KUNDE (Nummer oder Name) nach SPALTE (ideal, watch, drop) verschieben und die Entscheidung protokollieren.",
        "Move CUSTOMER (number or name) to COLUMN (ideal, watch, drop) and record the decision.",
    ),
    "cli.help.demo": (
        "Das Board auf Demodaten öffnen: ~25 Kunden einer kleinen Agentur.\n\n"
        "Ohne --db liegt die Demo in einem temporären Ordner, der danach gelöscht wird; Ihre echten Daten "
        "berührt sie nie. Mit --db PFAD wird sie in PFAD geladen (der leer sein muss) und bleibt.",
        "Open the board on the demo data: ~25 customers of a small agency.\n\n"
        "Without --db the demo lives in a temporary folder that is removed afterwards, so trying it never "
        "touches your real data. With --db PATH it is loaded into PATH (which must be empty) and kept.",
    ),
    "cli.help.import": (
        "Rechnungen, Zeiten, Ereignisse oder Kunden aus einem CSV-Export importieren.\n\n"
        "Erkennt deutsche Rechnungslisten, sevDesk, Toggl Track, Clockify, Harvest, Kimai und unsere "
        "Ereignis- und Kundenlisten; UTF-8 oder Windows-1252, `,` `;` oder Tab, Dezimalkommas und deutsche "
        "Datumsangaben. Eine fehlerhafte Zeile stoppt den Import mit Zeile und Spalte, und nichts wird "
        "geschrieben. Eine Datei zweimal zu importieren fügt nichts hinzu.",
        "Import invoices, time entries, events or customers from a CSV export.\n\n"
        "Recognises German invoice lists, sevDesk, Toggl Track, Clockify, Harvest, Kimai and our own event "
        "and customer lists; UTF-8 or Windows-1252, `,` `;` or tab, decimal commas and German dates. A bad "
        "row stops the import with its line and column, and nothing is written. Importing a file twice adds "
        "nothing new.",
    ),
    "cli.short.demo": ("Das Board auf Demodaten öffnen.", "Open the board on the demo data."),
    "cli.short.history": (
        "Abgeschlossene Quartale, oder ein Kunde je Quartal.",
        "Finished quarters, or one customer per quarter.",
    ),
    "cli.short.import": (
        "CSV-Exporte importieren: Rechnungen, Zeiten, Ereignisse, Kunden.",
        "Import CSV exports: invoices, time, events, customers.",
    ),
    "cli.short.move": ("Einen Kunden in eine Spalte verschieben.", "Move a customer to a column."),
    "cli.short.restore": ("Eine Datenbank aus einem Export neu aufbauen.", "Rebuild a database from an export."),
    "cli.short.review": ("Das Quartalsreview beginnen oder fortsetzen.", "Start or resume the quarterly review."),
    "cli.short.rules": ("Regelwerk prüfen oder vergleichen.", "Check or compare a rule set."),
    "cli.short.rules.check": ("Ein Regelwerk prüfen.", "Check a rule set."),
    "cli.short.rules.diff": ("Was ein anderes Regelwerk vorschlagen würde.", "What another rule set would suggest."),
    "cli.short.audit.verify": ("Die Hash-Kette des Protokolls prüfen.", "Check the log's hash chain."),
    "cli.epilog.import": ("Felder für --map, je Art:", "Fields for --map, per kind:"),
    "cli.help.review": (
        "Das Review von QUARTAL beginnen oder fortsetzen (z. B. 2026-Q4; Vorgabe: das laufende Quartal).",
        "Start or resume the review of QUARTER (like 2026-Q4; default: the current quarter).",
    ),
    "cli.help.history": (
        "Abgeschlossene Quartale mit ihren Zusammenfassungen, oder Spalte und Umsatz eines KUNDEN je Quartal.",
        "Finished quarters with their summaries, or one CUSTOMER's column and revenue per quarter.",
    ),
    "cli.help.suggest": (
        "Vorgeschlagene Spalte, Score und Gründe für jeden Kunden.",
        "Every customer's suggested column, score and the reasons behind it.",
    ),
    "cli.help.rules": (
        "Ein Regelwerk prüfen, oder sehen, was ein geändertes vorschlagen würde.",
        "Check a rule set, or see what a changed one would suggest.",
    ),
    "cli.help.rules.check": (
        "DATEI prüfen (Vorgabe: das verwendete Regelwerk) und OK oder jedes Problem ausgeben.",
        "Check FILE (default: the rule set in use) and print OK or every problem.",
    ),
    "cli.help.rules.diff": (
        "Welche Vorschläge sich ändern würden, wenn ANDERE das verwendete Regelwerk ersetzte.",
        "Which suggestions would change if OTHER replaced the rule set in use.",
    ),
    "cli.help.rules.backtest": (
        "Wie gut die Regeln vorhergesagt hätten: Vorschläge aus dem, was am --as-of-Tag bekannt war, gegen den "
        "Umsatz der folgenden --horizon Monate, neben einer schlichten Sortierung nach Umsatz.",
        "How well the rules would have predicted: suggestions from what was known on --as-of, against the "
        "revenue of the following --horizon months, beside plain sorting by revenue.",
    ),
    "cli.opt.rules.backtest.horizon": (
        "Nach wie vielen Monaten nach --as-of die Vorschläge beurteilt werden.",
        "How many months after --as-of to judge the suggestions by.",
    ),
    "cli.opt.rules.backtest.compare": (
        "Ein zweites Regelwerk, auf denselben Kunden daneben geprüft.",
        "A second rule set, tested side by side on the same customers.",
    ),
    "cli.help.portfolio": (
        "Die Walkurve des Deckungsbeitrags, die ABC-Aufteilung, Umsatz und Deckungsbeitrag je Spalte über 8 "
        "Quartale, und was es freisetzen würde, die Spalte Trennen gehen zu lassen.",
        "The whale curve of contribution, the ABC split, revenue and contribution per column for 8 quarters, "
        "and what letting the Trennen column go would free.",
    ),
    "cli.opt.portfolio.query": (
        "Auch sagen, was es freisetzen würde, die Kunden gehen zu lassen, auf die TEXT passt (Name, Tag, Warnzeichen).",
        "Also say what letting go of the customers matching TEXT (name, tag, warning sign) would free.",
    ),
    "cli.help.report": (
        "Das Quartal für die Akten: Review-Zusammenfassung, Entscheidungen mit Grund und Person, Umsatz und "
        "Deckungsbeitrag je Spalte vorher und nachher, die Walkurve und der Kopf der Protokollkette.",
        "The quarter for the records: review summary, decisions with reasons and actor, revenue and contribution "
        "per column before and after, the whale curve and the audit chain's head.",
    ),
    "cli.opt.report.fmt": (
        "Markdown oder eine druckbare HTML-Seite (Vorgabe: nach der Endung von -o, sonst md).",
        "Markdown or a printable HTML page (default: from -o's ending, else md).",
    ),
    "cli.opt.report.output": ("In DATEI schreiben statt auf den Bildschirm.", "Write to FILE instead of the screen."),
    "cli.help.export": (
        "Das Board als YAML für die Akten schreiben: Spalten mit Kunden, Kennzahlen und Vorschlägen, Fakten, "
        "Entscheidungen, Review-Schnappschüsse und das Regelwerk.\n\n"
        "DATEI ist sonst kundenboard-export-<Stichtag>.yaml im aktuellen Ordner; ein Ordner bekommt diesen "
        "Namen darin; `-` schreibt auf die Standardausgabe. Die Datei enthält personenbezogene Daten und ist "
        "nur für Sie lesbar.",
        "Write the board as YAML for the records: columns with customers, metrics and suggestions, facts, "
        "decisions, review snapshots and the rule set.\n\n"
        "FILE defaults to kundenboard-export-<as-of date>.yaml in the current folder; a folder puts that name "
        "inside it; `-` writes to standard output. The file holds personal data and is created readable by "
        "you only.",
    ),
    "cli.short.export": ("Das Board als YAML für die Akten schreiben.", "Write the board as YAML for the records."),
    "cli.help.restore": (
        "Die Datenbank in --db aus einer Export-DATEI neu aufbauen, ganz oder gar nicht.\n\n"
        "Die ganze Datei wird geprüft, bevor etwas geschrieben wird; ein Problem wird mit seiner Zeile "
        "genannt. Ein Ordner, der ein Board enthält, wird nur mit --force ersetzt.",
        "Rebuild the database in --db from an export FILE, all or nothing.\n\n"
        "The whole file is checked before anything is written; a problem is named with its line. A folder "
        "that holds a board is replaced only with --force.",
    ),
    # options shared by many commands
    "cli.opt.db": (
        "Datenbankordner (Vorgabe: $KUNDENBOARD_DB, sonst Ihr Datenordner).",
        "Database folder (default: $KUNDENBOARD_DB, else your data directory).",
    ),
    "cli.opt.lang": (
        "Sprache von Beschriftungen, Gründen, Beträgen und Daten (Vorgabe: de).",
        "Language of labels, reasons, money and dates (default: de).",
    ),
    "cli.opt.rules": (
        "Regelwerk als YAML (Vorgabe: rules.yaml im Datenbankordner, sonst das mitgelieferte).",
        "Rule set YAML (default: rules.yaml in the database folder, else the shipped one).",
    ),
    "cli.opt.as_of": (
        "Kennzahlen zu diesem Stichtag berechnen (Vorgabe: heute).",
        "Compute metrics as of this date (default: today).",
    ),
    "cli.opt.fmt": (
        "Ausgabeformat; json und yaml bleiben für Skripte stabil.",
        "Output format; json and yaml are stable for scripts.",
    ),
    "cli.version": ("kundenboard, Version {version}", "kundenboard, version {version}"),
    "cli.opt.version": ("Version zeigen und beenden.", "Show the version and exit."),
    # options of single commands
    "cli.opt.audit.customer": (
        "Nur dieser Kunde (Nummer oder eindeutiger Name; nach forget das Pseudonym).",
        "Only this customer (number or unambiguous name; a pseudonym after forget).",
    ),
    "cli.opt.audit.since": (
        "Nur Entscheidungen ab diesem Tag (2026-10-01 oder 01.10.2026).",
        "Only decisions on or after this date (2026-10-01 or 01.10.2026).",
    ),
    "cli.opt.audit.column": (
        "Nur Verschiebungen in diese Spalte: ideal, watch oder drop.",
        "Only moves into this column: ideal, watch or drop.",
    ),
    "cli.opt.audit.verify.anchor": (
        "Ein früher notierter Kopf-Hash (mindestens 8 Zeichen): auch prüfen, dass das Protokoll ihn noch enthält.",
        "A head hash noted earlier (at least 8 characters): also check the log still contains it.",
    ),
    "cli.opt.forget.yes": (
        "Nicht fragen; nötig, wenn kein Terminal zum Fragen da ist.",
        "Do not ask; needed when there is no terminal to ask on.",
    ),
    "cli.opt.forget.actor": (
        "Wer die Löschung ausgeführt hat (Vorgabe: Ihr Benutzername).",
        "Who carried out the erasure (default: your OS user name).",
    ),
    "cli.opt.customers.customer": (
        "Nur dieser Kunde (Nummer oder Name), mit allen über ihn gespeicherten Daten.",
        "Only this customer (number or name), with all data held on them.",
    ),
    "cli.opt.move.reason": ("Warum; Pflicht bei einer Verschiebung nach drop.", "Why; required for a move to drop."),
    "cli.opt.move.actor": (
        "Wer entschieden hat (Vorgabe: Ihr Benutzername).",
        "Who decided (default: your OS user name).",
    ),
    "cli.opt.demo.open_app": (
        "Das Board nach dem Laden öffnen (Vorgabe: öffnen).",
        "Open the board after loading (default: open).",
    ),
    "cli.opt.import.fmt": (
        "Das Format des Exports; auto erkennt es an den Spaltennamen.",
        "The export's format; auto recognises it by its column names.",
    ),
    "cli.opt.import.maps": (
        "Eine Spalte als eines unserer Felder lesen (wiederholbar); siehe die Liste unten.",
        "Read a column as one of our fields (repeatable); see the list below.",
    ),
    "cli.opt.import.dry_run": (
        "Zeigen, was importiert würde; nichts schreiben (geht auch bei offenem Board).",
        "Show what would be imported; write nothing (works while the board is open).",
    ),
    "cli.opt.import.no_create": (
        "Zeilen von Kunden ablehnen, die noch nicht in der Datenbank sind.",
        "Refuse rows of customers that are not in the database yet.",
    ),
    "cli.opt.import.trust_numbers": (
        "Die Kundennummer gilt, auch wenn die Datei unter ihr eine andere Firma nennt.",
        "A customer number wins where the file names another company under it.",
    ),
    "cli.opt.import.skip_unassigned": (
        "Zeiten ohne Kunde (interne Zeit) überspringen und sagen, wie viele Stunden.",
        "Skip time rows without a client (internal time) and say how many hours.",
    ),
    "cli.opt.restore.force": (
        "Das Board im --db-Ordner ersetzen (sonst: ablehnen, wenn dort eines ist).",
        "Replace the board in the --db folder (default: refuse if it holds one).",
    ),
    "cli.opt.review.yes": ("Ein künftiges Quartal ohne Nachfrage beginnen.", "Start a future quarter without asking."),
    # how arguments and options are written in usage lines
    "cli.options_metavar": ("[OPTIONEN]", "[OPTIONS]"),
    "cli.subcommand_metavar": ("BEFEHL [ARGUMENTE]...", "COMMAND [ARGS]..."),
    "cli.subcommand_metavar_optional": ("[BEFEHL] [ARGUMENTE]...", "[COMMAND] [ARGS]..."),
    "cli.arg.customer": ("KUNDE", "CUSTOMER"),
    "cli.metavar.db": ("ORDNER", "PATH"),
    "cli.metavar.rules": ("DATEI", "FILE"),
    "cli.metavar.as_of": ("DATUM", "DATE"),
    "cli.metavar.since": ("DATUM", "DATE"),
    "cli.metavar.customer": ("KUNDE", "CUSTOMER"),
    "cli.metavar.column": ("SPALTE", "COLUMN"),
    "cli.metavar.maps": ("CSV_SPALTE=feld", "CSV_COLUMN=field"),
    "cli.metavar.reason": ("TEXT", "TEXT"),
    "cli.metavar.actor": ("NAME", "NAME"),
    "cli.metavar.horizon": ("MONATE", "MONTHS"),
    "cli.metavar.compare": ("ANDERE.yaml", "OTHER.yaml"),
    "cli.metavar.query": ("TEXT", "TEXT"),
    "cli.metavar.output": ("DATEI", "FILE"),
    "cli.arg.column": ("SPALTE", "COLUMN"),
    "cli.arg.quarter": ("QUARTAL", "QUARTER"),
    "cli.arg.file": ("DATEI", "FILE"),
    "cli.arg.other": ("ANDERE", "OTHER"),
    # asking
    "cli.yes_no": ("[j/N]", "[y/N]"),
    "cli.yes_no_again": ("Bitte j (ja) oder n (nein).", "Please answer y (yes) or n (no)."),
    # messages shared by commands
    "cli.not_a_date": (
        "„{value}“ ist kein Datum: 2026-12-31 oder 31.12.2026 schreiben",
        "{value!r} is not a date: write 2026-12-31 or 31.12.2026",
    ),
    "cli.date_too_far": (
        "„{value}“ liegt zu weit von heute: ein Datum zwischen 1901 und 2998 angeben",
        "{value!r} is too far from today: give a date between 1901 and 2998",
    ),
    "cli.internal_error": (
        "interner Fehler: {kind}: {error}{where} – bitte melden",
        "internal error: {kind}: {error}{where} - please report it",
    ),
    "cli.crash_details": (" (Details in {path})", " (details in {path})"),
    "cli.no_database": (
        "keine Datenbank in {path}: --db angeben oder KUNDENBOARD_DB setzen",
        "no database at {path}: give --db or set KUNDENBOARD_DB",
    ),
    "cli.nothing_changed": ("Nichts wurde geändert.", "Nothing was changed."),
    # audit
    "cli.audit.filters_with_verify": (
        "--customer, --since und --column grenzen die Liste ein; „audit verify“ prüft alles",
        "--customer, --since and --column narrow the list; 'audit verify' checks all",
    ),
    "cli.audit.none": ("Keine Entscheidungen gefunden.", "No decisions found."),
    "cli.audit.head.no": ("Nr.", "No."),
    "cli.audit.head.time": ("Zeit", "Time"),
    "cli.audit.head.customer": ("Kunde", "Customer"),
    "cli.audit.head.from_to": ("Von → nach", "From → to"),
    "cli.audit.head.kind": ("Art", "Kind"),
    "cli.audit.head.who": ("Wer", "Who"),
    "cli.audit.head.reason": ("Grund", "Reason"),
    "cli.audit.kind.move": ("verschoben", "moved"),
    "cli.audit.kind.accept": ("Vorschlag übernommen", "suggestion accepted"),
    "cli.audit.kind.undo": ("rückgängig", "undone"),
    "cli.audit.kind.confirm": ("bestätigt", "confirmed"),
    "cli.audit.kind.erasure": ("gelöscht (Art. 17)", "erased (Art. 17)"),
    # audit verify
    "cli.verify.broken": ("DEFEKT: {problem}", "BROKEN: {problem}"),
    "cli.verify.not_an_entry": (
        "decisions.jsonl Zeile {line} ist kein Protokolleintrag",
        "decisions.jsonl line {line} is not a log entry",
    ),
    "cli.verify.changed": (
        "Eintrag #{entry} (decisions.jsonl Zeile {line}) wurde nach dem Schreiben verändert",
        "entry #{entry} (decisions.jsonl line {line}) was changed after it was written",
    ),
    "cli.verify.out_of_order": (
        "Eintrag #{entry} (decisions.jsonl Zeile {line}) steht falsch: #{expected} gehört davor",
        "entry #{entry} (decisions.jsonl line {line}) is out of order: #{expected} should come first",
    ),
    "cli.verify.missing": (
        "Eintrag {missing} fehlt (gelöscht?): decisions.jsonl Zeile {line} enthält #{entry}",
        "entry {missing} is missing (deleted?): decisions.jsonl line {line} holds #{entry}",
    ),
    "cli.verify.does_not_follow": (
        "Eintrag #{entry} (decisions.jsonl Zeile {line}) folgt nicht auf den davor (gelöscht oder umgestellt?)",
        "entry #{entry} (decisions.jsonl line {line}) does not follow the entry before it (deleted or reordered?)",
    ),
    "cli.verify.anchor_short": ("mindestens 8 Zeichen des Hashs angeben", "give at least 8 characters of the hash"),
    "cli.verify.anchor_missing": (
        "Anker {anchor} ist nicht im Protokoll: Einträge wurden am Ende abgeschnitten, oder es wurde ohne "
        "protokollierte Löschung neu versiegelt – mit einer Sicherung vergleichen",
        "anchor {anchor} is not in the log: entries were cut off its end, or it was re-sealed without an "
        "erasure on record - compare with a backup",
    ),
    "cli.verify.empty": ("OK: 0 Entscheidungen, das Protokoll ist leer", "OK: 0 decisions, the log is empty"),
    "cli.verify.ok": (
        "OK: {count} Entscheidung, Kette intakt (Kopf {head})|OK: {count} Entscheidungen, Kette intakt (Kopf {head})",
        "OK: {count} decision, chain intact (head {head})|OK: {count} decisions, chain intact (head {head})",
    ),
    "cli.verify.resealed": (
        "; neu versiegelt durch Löschung {entries}, die den Kopf davor nennt"
        "|; neu versiegelt durch Löschungen {entries}, jede nennt den Kopf davor",
        "; re-sealed by erasure {entries}, naming the head before it"
        "|; re-sealed by erasure {entries}, each naming the head before it",
    ),
    "cli.verify.anchor_found": ("; Anker {anchor} gefunden", "; anchor {anchor} found"),
    # forget
    "cli.forget.no_terminal": (
        "forget fragt nach: im Terminal aufrufen, oder --yes anhängen",
        "forget asks for confirmation: run it in a terminal, or add --yes",
    ),
    "cli.forget.question": (
        "Das lässt sich nicht rückgängig machen. Diesen Kunden vergessen?",
        "This cannot be undone. Forget this customer?",
    ),
    "cli.forget.done": (
        "Vergessen: {old} ist jetzt {pseudonym} ({name}); Protokolleinträge pseudonymisiert: {entries}, "
        "Gründe geleert: {reasons}; Löschung protokolliert als #{entry}. Früher erstellte Exporte und "
        "Sicherungen enthalten die alten Daten noch.",
        "Forgotten: {old} is now {pseudonym} ({name}); log entries pseudonymised: {entries}, reasons blanked: "
        "{reasons}; erasure recorded as #{entry}. Exports and backups made earlier still hold the old data.",
    ),
    "cli.forget.name": ("Name", "name"),
    "cli.forget.contact": ("Ansprechpartner", "contact person"),
    "cli.forget.notes": ("Notizen", "notes"),
    "cli.forget.tags": ("{count} Tag|{count} Tags", "{count} tag|{count} tags"),
    "cli.forget.ask": ("{old} {name} vergessen?", "Forget {old} {name}?"),
    "cli.forget.erased": (
        "  gelöscht:    {personal}; Gründe im Protokoll: {reasons}, Notizen zu Ereignissen: {notes}, "
        "Tätigkeiten in Zeiten: {activities}; Projektnamen werden zu Nummern",
        "  erased:  {personal}; reasons in the log: {reasons}, event notes: {notes}, "
        "time-entry activities: {activities}; project names become numbers",
    ),
    "cli.forget.renamed": (
        "  umbenannt:   zu {pseudonym} im Kundendatensatz, Protokolleinträge: {entries}, Rechnungen: {invoices}, "
        "Zeiten: {times}, Ereignisse: {events}",
        "  renamed: to {pseudonym} in the customer record, log entries: {entries}, invoices: {invoices}, "
        "time entries: {times}, events: {events}",
    ),
    "cli.forget.untouched": (
        "  unberührt:   früher erstellte Exporte und Sicherungen, und die Originale in Ihrer Buchhaltung",
        "  not touched: exports and backups made earlier, and the originals in your accounting system",
    ),
    # customers, move
    "cli.customers.head.no": ("Nr.", "No."),
    "cli.customers.head.name": ("Name", "Name"),
    "cli.customers.head.column": ("Spalte", "Column"),
    "cli.customers.head.suggested": ("Vorschlag", "Suggested"),
    "cli.customers.head.revenue": ("Umsatz", "Revenue"),
    "cli.customers.head.rate": ("€/h", "€/h"),
    "cli.customers.head.score": ("Score", "Score"),
    "cli.customers.prospect": (" (Interessent)", " (prospect)"),
    # export, demo, import
    "cli.export.written": ("Export geschrieben nach {path}", "Export written to {path}"),
    "cli.demo.not_empty": (
        "{path} enthält schon Daten: für die Demo einen neuen Ordner wählen (--db) oder --db weglassen",
        "{path} already holds data: choose a new folder for the demo (--db) or leave --db out",
    ),
    "cli.demo.loaded": (
        "Demo geladen nach {path}: {customers}, {facts}",
        "demo loaded into {path}: {customers}, {facts}",
    ),
    "cli.demo.customers": ("{count} Kunde|{count} Kunden", "{count} customer|{count} customers"),
    "cli.demo.facts": ("{count} Fakt|{count} Fakten", "{count} fact|{count} facts"),
    "cli.import.bad_map": (
        "„{value}“: CSV_SPALTE=feld schreiben, z. B. 'Betrag netto=net'",
        "{value!r}: write CSV_COLUMN=field, e.g. 'Betrag netto=net'",
    ),
    "cli.import.no_file": ("{path}: Datei nicht gefunden – den Pfad prüfen", "{path}: no such file - check the path"),
    "cli.import.not_a_file": (
        "{path} ist keine gewöhnliche Datei (ein Gerät oder Ordner): eine CSV-Datei angeben",
        "{path} is not a regular file (a device or folder): give a CSV file",
    ),
    "cli.import.step.reading": ("lesen", "reading"),
    "cli.import.step.matching_customers": ("Kunden zuordnen", "matching customers"),
    "cli.import.step.writing": ("schreiben", "writing"),
    "cli.import.step.updating_suggestions": ("Vorschläge aktualisieren", "updating suggestions"),
    # review, history
    "cli.review.future_question": (
        "{quarter} hat noch nicht begonnen (jetzt: {current}); Entscheidungen stünden unter {quarter}. "
        "Trotzdem beginnen?",
        "{quarter} has not begun yet (now: {current}); decisions would be recorded under {quarter}. Start anyway?",
    ),
    "cli.review.future_refused": (
        "{quarter} hat noch nicht begonnen (jetzt: {current}): „kundenboard review“ prüft das laufende "
        "Quartal; --yes beginnt {quarter} trotzdem",
        "{quarter} has not begun yet (now: {current}): 'kundenboard review' reviews the current quarter; "
        "--yes starts {quarter} anyway",
    ),
    "cli.history.none": (
        "noch kein abgeschlossenes Review: eines mit „kundenboard review“ beginnen",
        "no finished review yet: start one with 'kundenboard review'",
    ),
    "cli.history.head.quarter": ("Quartal", "Quarter"),
    "cli.history.head.column": ("Spalte", "Column"),
    "cli.history.head.suggested": ("Vorschlag", "Suggested"),
    "cli.history.head.score": ("Score", "Score"),
    "cli.history.head.revenue": ("Umsatz", "Revenue"),
    "cli.history.head.reviewed": ("geprüft", "Reviewed"),
    "cli.history.head.moves": ("Verschiebungen", "Moves"),
    "cli.history.head.dropped": ("getrennt", "Dropped"),
    # suggest, rules
    "cli.suggest.line": (
        "{id}  {name}: {column}, Score {score}{marker}",
        "{id}  {name}: {column}, score {score}{marker}",
    ),
    "cli.suggest.unknown": ("    ?  {count} nicht bewertet: {texts}", "    ?  {count} not evaluated: {texts}"),
    "cli.rules.problems": (
        "{path}: {count} Problem|{path}: {count} Probleme",
        "{path}: {count} problem|{path}: {count} problems",
    ),
    "cli.rules.ok": ("OK: {path} ({rules}, {knockouts})", "OK: {path} ({rules}, {knockouts})"),
    "cli.rules.rules": ("{count} Regel|{count} Regeln", "{count} rule|{count} rules"),
    "cli.rules.knockouts": ("{count} K.-o.-Regel|{count} K.-o.-Regeln", "{count} knock-out|{count} knock-outs"),
    "cli.diff.summary": (
        "{count} Vorschlag würde die Spalte wechseln, {scores} nur den Score ({customers}, {before} → {after})"
        "|{count} Vorschläge würden die Spalte wechseln, {scores} nur den Score ({customers}, {before} → {after})",
        "{count} suggestion would change column, {scores} only their score ({customers}, {before} → {after})"
        "|{count} suggestions would change column, {scores} only their score ({customers}, {before} → {after})",
    ),
    "cli.diff.head.id": ("Nr.", "No."),
    "cli.diff.head.name": ("Name", "Name"),
    "cli.diff.head.current": ("Spalte", "Column"),
    "cli.diff.head.suggested": ("Vorschlag", "Suggested"),
    "cli.diff.head.score": ("Score", "Score"),
}
