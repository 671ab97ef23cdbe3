"""Words of rule files: what `rules check`, a broken `--rules` file or `rules.yaml` say, and YAML syntax errors.

Rule ids, YAML keys (version, settings, bands, rules, knockouts, when, points, ...), column ids and metric
names stay as written in the file: they are what the user types.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # where a problem is
    "rules.where.rule": (" Regel '{rule}':", " rule '{rule}':"),
    "rules.where.col": (" (Stelle {col})", " (col {col})"),
    "rules.did_you_mean": (": meinten Sie '{name}'?", ": did you mean '{name}'?"),
    "rules.allowed": (": erlaubt sind {keys}", ": allowed are {keys}"),
    "rules.section.rules": ("Regel", "rule"),
    "rules.section.knockouts": ("Knock-out", "knock-out"),
    "rules.top_level": ("oberste Ebene", "top level"),
    "rules.language.de": ("Deutsch", "German"),
    "rules.language.en": ("Englisch", "English"),
    # reading the file
    "rules.file_not_found": (
        "Datei nicht gefunden: geben Sie den Pfad einer Regel-Datei (YAML) an",
        "file not found: give the path of a rules YAML file",
    ),
    "rules.file_unreadable": ("Datei nicht lesbar: {reason}", "cannot read the file: {reason}"),
    "rules.yaml.not_utf8": (
        "kein UTF-8-Text: speichern Sie die Datei als UTF-8",
        "not UTF-8 text: save the file as UTF-8",
    ),
    "rules.yaml.syntax": ("YAML-Syntax: {problem}", "YAML syntax: {problem}"),
    "rules.yaml.in_context": (
        "{problem} ({context}, beginnt in Zeile {line})",
        "{problem} ({context} that starts on line {line})",
    ),
    "rules.yaml.control": (
        "Steuerzeichen {char} ist nicht erlaubt: entfernen Sie es",
        "control character {char} is not allowed: remove it",
    ),
    "rules.yaml.parser": ("der YAML-Leser meldet „{message}“", "the YAML reader says “{message}”"),
    # PyYAML's most frequent messages, in the user's words; any other is quoted as the reader's
    "rules.yaml.mapping_values": (
        "hier darf kein 'Schlüssel: Wert' stehen (Einrückung falsch, oder ein ':' im Text? Den Text in "
        "Anführungszeichen setzen)",
        "mapping values are not allowed here (wrong indentation, or a ':' in a text? Put the text in quotes)",
    ),
    "rules.yaml.expected": ("hier fehlt {what}", "did not find expected {what}"),
    "rules.yaml.expected_key": (
        "hier fehlt ein Schlüssel (die Einrückung passt nicht, oder eine Liste steht in einer Zuordnung)",
        "did not find expected key (the indentation does not match, or a list stands in a mapping)",
    ),
    "rules.yaml.expected_either": ("hier fehlt {first} oder {second}", "did not find expected {first} or {second}"),
    "rules.yaml.tab": (
        "ein Tabulator rückt ein: YAML rückt nur mit Leerzeichen ein",
        "a tab indents: YAML indents with spaces only",
    ),
    "rules.yaml.block_end": (
        "die Einrückung passt nicht zur Zeile davor",
        "the indentation does not match the line before",
    ),
    "rules.yaml.unclosed_quote": (
        "ein Anführungszeichen wird nicht geschlossen",
        "a quotation mark is never closed",
    ),
    "rules.yaml.in_mapping": ("in einer Zuordnung", "while parsing a block mapping"),
    "rules.yaml.in_list": ("in einer Liste", "while parsing a block collection"),
    "rules.yaml.in_flow_mapping": (
        "in einer Zuordnung in geschweiften Klammern",
        "while parsing a flow mapping",
    ),
    "rules.yaml.in_flow_list": ("in einer Liste in eckigen Klammern", "while parsing a flow sequence"),
    "rules.yaml.in_quoted": ("in einem Text in Anführungszeichen", "while scanning a quoted scalar"),
    # the whole file
    "rules.not_mapping": (
        "die Datei muss eine Zuordnung mit version, settings, bands und rules sein",
        "the file must be a mapping with version, settings, bands and rules",
    ),
    "rules.duplicate_key": (
        "Schlüssel '{field}' doppelt (zuerst in Zeile {line}): behalten Sie einen",
        "duplicate key '{field}' (first on line {line}): keep one",
    ),
    "rules.unknown_key": ("{where}: unbekannter Schlüssel '{field}'{hint}", "{where}: unknown key '{field}'{hint}"),
    "rules.version_missing": (
        "version fehlt: schreiben Sie 'version: {version}' an den Anfang",
        "version is missing: add 'version: {version}' at the top",
    ),
    "rules.version_unsupported": (
        "version {version} wird nicht unterstützt: dieses kundenboard liest Version {supported}",
        "version {version} is not supported: this kundenboard reads version {supported}",
    ),
    # settings
    "rules.settings_not_mapping": (
        "settings muss eine Zuordnung sein ({names})",
        "settings must be a mapping ({names})",
    ),
    "rules.setting_not_number": (
        "settings.{name} muss eine Zahl ab 0 sein, nicht {value}",
        "settings.{name} must be a number of 0 or more, got {value}",
    ),
    "rules.target_rate_zero": (
        "settings.target_hourly_rate muss über 0 liegen",
        "settings.target_hourly_rate must be above 0",
    ),
    "rules.window_months": (
        "settings.window_months muss ganze Monate von 1 bis 60 angeben, nicht {value}",
        "settings.window_months must be whole months from 1 to 60, got {value}",
    ),
    "rules.abc_share": (
        "settings.{name} muss ein Prozentsatz über 0 und bis 100 sein, nicht {value}",
        "settings.{name} must be a percentage above 0 and up to 100, got {value}",
    ),
    "rules.abc_order": (
        "settings.abc_a_share muss unter abc_b_share liegen (A endet bei {a} %, B bei {b} %)",
        "settings.abc_a_share must be below abc_b_share (A ends at {a} %, B at {b} %)",
    ),
    # bands
    "rules.bands_not_mapping": (
        "bands muss jeder Spalte einen Punktebereich zuordnen, z. B. {example}",
        "bands must map each column to a score range, e.g. {example}",
    ),
    "rules.band_missing": (
        "bands: '{column}' fehlt: jede Spalte braucht einen Punktebereich",
        "bands: '{column}' is missing: every column needs a score range",
    ),
    "rules.band_unknown": ("bands: unbekannte Spalte '{field}'{hint}", "bands: unknown column '{field}'{hint}"),
    "rules.band_bounds": (
        "bands.{field}: geben Sie 'min' (einschließlich) und/oder 'below' (ausschließlich) an, nicht {value}",
        "bands.{field}: give 'min' (inclusive) and/or 'below' (exclusive), got {value}",
    ),
    "rules.band_not_number": (
        "bands.{field}.{name} muss eine Zahl sein, nicht {value}",
        "bands.{field}.{name} must be a number, got {value}",
    ),
    "rules.band_min_below": (
        "bands.{field}: min {low} muss kleiner sein als below {high}",
        "bands.{field}: min {low} must be less than below {high}",
    ),
    "rules.band_gap_low": (
        "die Bänder lassen eine Lücke: Punktzahlen unter {min} passen in keine Spalte; entfernen Sie 'min' aus "
        "'{column}'",
        "bands leave a gap: scores below {min} fit no column; remove 'min' from '{column}'",
    ),
    "rules.band_gap_high": (
        "die Bänder lassen eine Lücke: Punktzahlen ab {below} passen in keine Spalte; entfernen Sie 'below' aus "
        "'{column}'",
        "bands leave a gap: scores from {below} up fit no column; remove 'below' from '{column}'",
    ),
    "rules.band_overlap": (
        "die Bänder '{a}' und '{b}' überlappen: {scores} passen in beide; {fix}",
        "bands '{a}' and '{b}' overlap: {scores} fit both; {fix}",
    ),
    "rules.band_fix_end": ("lassen Sie '{a}' unter {start} enden", "let '{a}' end below {start}"),
    "rules.band_fix_min": ("geben Sie '{b}' ein 'min'", "give '{b}' a 'min'"),
    "rules.band_gap": (
        "die Bänder lassen eine Lücke: {scores} passen in keine Spalte; lassen Sie '{b}' bei {end} beginnen",
        "bands leave a gap: {scores} fit no column; let '{b}' start at {end}",
    ),
    "rules.band_order": (
        "die Bänder stehen in falscher Reihenfolge ({order}): drop muss die niedrigsten Punktzahlen halten und "
        "ideal die höchsten, denn positive Punkte sprechen für die Partnerschaft",
        "bands are in the wrong order ({order}): drop must hold the lowest scores and ideal the highest, since "
        "positive points are good for the partnership",
    ),
    "rules.scores_below": ("Punktzahlen unter {end}", "scores below {end}"),
    "rules.scores_from": ("Punktzahlen ab {start}", "scores from {start} up"),
    "rules.scores_between": ("Punktzahlen von {start} bis unter {end}", "scores from {start} to below {end}"),
    # the lists of rules
    "rules.missing": ("rules fehlt: legen Sie eine Liste 'rules:' an", "rules are missing: add a 'rules:' list"),
    "rules.not_list": (
        "{field} muss eine Liste von Regeln sein, jede beginnt mit '- id: ...'",
        "{field} must be a list of rules, each starting with '- id: ...'",
    ),
    "rules.empty": (
        "rules: die Liste ist leer: legen Sie mindestens eine Regel an",
        "rules: the list is empty: add at least one rule",
    ),
    # one rule
    "rules.item_not_mapping": (
        "{section} Nr. {number} muss eine Zuordnung sein, die mit 'id:' beginnt, nicht {value}",
        "{section} #{number} must be a mapping starting with 'id:', got {value}",
    ),
    "rules.no_id": (
        "{section} Nr. {number} hat keine 'id': ergänzen Sie z. B. 'id: late_payment'",
        "{section} #{number} has no 'id': add e.g. 'id: late_payment'",
    ),
    "rules.bad_id": (
        "id {value} muss mit einem Buchstaben beginnen und darf nur Buchstaben, Ziffern, _ und - enthalten",
        "id {value} must start with a letter and use only letters, digits, _ and -",
    ),
    "rules.duplicate_id": (
        "id '{id}' doppelt (zuerst in Zeile {line}): ids müssen eindeutig sein",
        "duplicate id '{id}' (first on line {line}): ids must be unique",
    ),
    "rules.thresholds_not_mapping": (
        "thresholds muss Namen Zahlen zuordnen, z. B. {{max_reminders: 2}}, nicht {value}",
        "thresholds must map names to numbers, e.g. {{max_reminders: 2}}, got {value}",
    ),
    "rules.threshold_name": (
        "Schwellenname {value} muss ein einfacher Name wie max_reminders sein",
        "threshold name {value} must be a plain name like max_reminders",
    ),
    "rules.threshold_taken": (
        "Schwellenname '{name}' ist schon eine Kennzahl oder Einstellung: benennen Sie ihn um",
        "threshold name '{name}' is taken by a metric or setting: rename it",
    ),
    "rules.threshold_not_number": (
        "Schwelle '{name}' muss eine Zahl sein, nicht {value}",
        "threshold '{name}' must be a number, got {value}",
    ),
    "rules.when_missing": (
        "'when' fehlt: ergänzen Sie eine Bedingung, z. B. 'when: reminders > 2'",
        "'when' is missing: add a condition, e.g. 'when: reminders > 2'",
    ),
    "rules.when_not_text": (
        "when muss eine Bedingung als Text sein, nicht {value}",
        "when must be a condition written as text, got {value}",
    ),
    "rules.when": ("when: {message}", "when: {message}"),
    "rules.points_missing": (
        "'points' fehlt: ergänzen Sie z. B. 'points: -2' (negativ = schlecht für die Partnerschaft)",
        "'points' is missing: add e.g. 'points: -2' (negative = bad for the partnership)",
    ),
    "rules.points_not_number": (
        "points muss eine Zahl sein (z. B. -2 oder 1.5), nicht {value}",
        "points must be a number (e.g. -2 or 1.5), got {value}",
    ),
    "rules.knockout_points": (
        "ein Knock-out hat keine points: er setzt die Spalte; verschieben Sie die Bewertung nach 'rules'",
        "a knock-out carries no points: it sets the column; move scoring to 'rules'",
    ),
    "rules.knockout_effect": (
        "ein Knock-out braucht genau eines von {effects} (z. B. 'force: drop'), gefunden: {count}",
        "a knock-out needs exactly one of {effects} (e.g. 'force: drop'), got {count}",
    ),
    "rules.knockout_column": (
        "{effect}: unbekannte Spalte {value}: verwenden Sie ideal, watch oder drop",
        "{effect}: unknown column {value}: use ideal, watch or drop",
    ),
    "rules.texts_not_mapping": (
        "{field} muss den Text auf Deutsch und Englisch geben: '{field}: {{de: ..., en: ...}}'",
        "{field} must give the text in German and English: '{field}: {{de: ..., en: ...}}'",
    ),
    "rules.texts_language": (
        "{field}: unbekannte Sprache {value}: verwenden Sie de und en",
        "{field}: unknown language {value}: use de and en",
    ),
    "rules.texts_empty": (
        "{field}.{code} fehlt oder ist leer: schreiben Sie den Text auf {language}",
        "{field}.{code} is missing or empty: write the text in {language}",
    ),
    "rules.reason_brace": (
        "{where}: eine geschweifte Klammer steht allein: schreiben Sie '{{{{' oder '}}}}' für eine Klammer im Text",
        "{where}: a brace stands alone: write '{{{{' or '}}}}' for a literal brace",
    ),
    "rules.placeholder_plain": (
        "{where}: Platzhalter {{{name}}} muss ein einfacher Name wie {{reminders}} sein",
        "{where}: placeholder {{{name}}} must be a plain name like {{reminders}}",
    ),
    "rules.placeholder_unknown": (
        "{where}: unbekannter Platzhalter {{{name}}}{hint}",
        "{where}: unknown placeholder {{{name}}}{hint}",
    ),
    "rules.placeholder_format": (
        "{where}: unbekanntes Format ':{spec}' in {{{name}:{spec}}}: verwenden Sie eines von {units}",
        "{where}: unknown format ':{spec}' in {{{name}:{spec}}}: use one of {units}",
    ),
    # conditions (`when:`)
    "rules.expr.col": ("{message} (Stelle {col})", "{message} (col {col})"),
    "rules.expr.empty": (
        "die Bedingung ist leer: schreiben Sie z. B. 'reminders > 2'",
        "the condition is empty: write e.g. 'reminders > 2'",
    ),
    "rules.expr.too_long": (
        "die Bedingung ist länger als {limit} Zeichen: teilen Sie sie auf mehrere Regeln auf",
        "the condition is longer than {limit} characters: split it into several rules",
    ),
    "rules.expr.too_deep": (
        "die Bedingung ist zu tief verschachtelt: teilen Sie sie auf mehrere Regeln auf",
        "the condition is nested too deeply: split it into several rules",
    ),
    "rules.expr.deeper_than": (
        "die Bedingung ist mehr als {limit} Ebenen tief verschachtelt: teilen Sie sie auf",
        "the condition is nested more than {limit} levels deep: split it",
    ),
    "rules.expr.number_not_condition": (
        "die Bedingung ist eine Zahl, nicht wahr/falsch: vergleichen Sie sie, z. B. '{text} > 0'",
        "the condition is a number, not true/false: compare it, e.g. '{text} > 0'",
    ),
    "rules.expr.syntax": ("Syntaxfehler: {message}", "syntax error: {message}"),
    "rules.expr.and_not_ampersands": ("schreiben Sie 'and' statt '&&'", "use 'and' instead of '&&'"),
    "rules.expr.or_not_bars": ("schreiben Sie 'or' statt '||'", "use 'or' instead of '||'"),
    "rules.expr.ends_early": ("die Bedingung endet zu früh", "the condition ends too early"),
    "rules.expr.assign": (
        "vergleichen Sie mit '==' ('=' weist zu)",
        "use '==' to compare ('=' assigns)",
    ),
    "rules.expr.invalid_syntax": ("ungültige Syntax", "invalid syntax"),
    "rules.expr.never_closed": ("'{bracket}' wird nie geschlossen", "'{bracket}' was never closed"),
    "rules.expr.unmatched": ("'{bracket}' ohne öffnendes Gegenstück", "unmatched '{bracket}'"),
    "rules.expr.too_many_parentheses": ("zu viele verschachtelte Klammern", "too many nested parentheses"),
    "rules.expr.invalid_number": (
        "ungültige Zahl (Zahlen ohne Einheit schreiben: 2500, nicht 2.5k)",
        "invalid number (write numbers without a unit: 2500, not 2.5k)",
    ),
    "rules.expr.unterminated_text": (
        "ein Anführungszeichen wird nicht geschlossen (Bedingungen vergleichen Zahlen, keinen Text)",
        "a quotation mark is never closed (conditions compare numbers, not text)",
    ),
    "rules.expr.python": ("Python meldet „{message}“", "Python says “{message}”"),
    "rules.expr.call": ("Funktionsaufrufe sind nicht erlaubt", "function calls are not allowed"),
    "rules.expr.attribute": ("Zugriff mit '.' ist nicht erlaubt", "attribute access ('.') is not allowed"),
    "rules.expr.subscript": ("Indizes ('[...]') sind nicht erlaubt", "indexing ('[...]') is not allowed"),
    "rules.expr.lambda": ("lambda ist nicht erlaubt", "lambda is not allowed"),
    "rules.expr.comprehension": ("Comprehensions sind nicht erlaubt", "comprehensions are not allowed"),
    "rules.expr.walrus": ("':=' ist nicht erlaubt", "':=' is not allowed"),
    "rules.expr.if_else": (
        "'x if c else y' wird nicht unterstützt: teilen Sie es auf zwei Regeln auf",
        "'x if c else y' is not supported: split it into two rules",
    ),
    "rules.expr.text": (
        "Text wird nicht unterstützt: Bedingungen vergleichen Zahlen",
        "text is not supported: conditions compare numbers",
    ),
    "rules.expr.list": ("Listen sind nicht erlaubt", "lists are not allowed"),
    "rules.expr.set": ("Mengen sind nicht erlaubt", "sets are not allowed"),
    "rules.expr.dict": ("Zuordnungen sind nicht erlaubt", "dicts are not allowed"),
    "rules.expr.starred": ("Entpacken mit '*' ist nicht erlaubt", "'*' unpacking is not allowed"),
    "rules.expr.tuple": (
        "Tupel sind nicht erlaubt (ein Dezimalkomma? schreiben Sie 2.5, nicht 2,5)",
        "tuples are not allowed (a decimal comma? write 2.5, not 2,5)",
    ),
    "rules.expr.not_allowed": (
        "'{text}' ist in einer Bedingung nicht erlaubt",
        "'{text}' is not allowed in a condition",
    ),
    "rules.expr.none": (
        "None wird nicht unterstützt: prüfen Sie einen fehlenden Wert mit 'x is unknown'",
        "None is not supported: test a missing value with 'x is unknown'",
    ),
    "rules.expr.bad_number": ("'{text}' ist keine unterstützte Zahl", "'{text}' is not a supported number"),
    "rules.expr.dunder": (
        "Namen, die mit '__' beginnen, sind nicht erlaubt: '{name}'",
        "names starting with '__' are not allowed: '{name}'",
    ),
    "rules.expr.unknown_alone": (
        "'unknown' geht nur in einer Prüfung: schreiben Sie 'x is unknown' oder 'x is not unknown'",
        "'unknown' only works in a test: write 'x is unknown' or 'x is not unknown'",
    ),
    "rules.expr.unknown_metric": ("unbekannte Kennzahl '{name}'{hint}", "unknown metric '{name}'{hint}"),
    "rules.expr.capitalize": (": schreiben Sie {name}", ": write {name}"),
    "rules.expr.tilde": (
        "'~' wird nicht unterstützt: verwenden Sie 'not' oder '-'",
        "'~' is not supported: use 'not' or '-'",
    ),
    "rules.expr.power": ("'**' wird nicht unterstützt: verwenden Sie + - * /", "'**' is not supported: use + - * /"),
    "rules.expr.floor_division": ("'//' wird nicht unterstützt: verwenden Sie /", "'//' is not supported: use /"),
    "rules.expr.modulo": ("'%' wird nicht unterstützt: verwenden Sie + - * /", "'%' is not supported: use + - * /"),
    "rules.expr.ampersand": ("schreiben Sie 'and' statt '&'", "use 'and' instead of '&'"),
    "rules.expr.bar": ("schreiben Sie 'or' statt '|'", "use 'or' instead of '|'"),
    "rules.expr.operator": (
        "'{text}' wird nicht unterstützt: verwenden Sie + - * /",
        "'{text}' is not supported: use + - * /",
    ),
    "rules.expr.division_by_zero": ("Division durch 0", "division by zero"),
    "rules.expr.in": (
        "'in' wird nicht unterstützt: vergleichen Sie mit < <= > >= == !=",
        "'in' is not supported: compare with < <= > >= == !=",
    ),
    "rules.expr.number_with_truth": (
        "'{comparison}' vergleicht eine Zahl mit wahr/falsch",
        "'{comparison}' compares a number with true/false",
    ),
    "rules.expr.unknown_chained": (
        "'is unknown' lässt sich nicht mit anderen Vergleichen verketten: verbinden Sie mit 'and'",
        "'is unknown' cannot be chained with other comparisons: use 'and'",
    ),
    "rules.expr.is_only_unknown": (
        "'is' prüft nur auf unknown: schreiben Sie '{text} == ...', um zu vergleichen",
        "'is' only tests for unknown: write '{text} == ...' to compare",
    ),
    "rules.expr.truth_not_number": (
        "'{text}' ist wahr/falsch, keine Zahl",
        "'{text}' is true/false, not a number",
    ),
    "rules.expr.number_not_truth": (
        "'{text}' ist eine Zahl, nicht wahr/falsch: vergleichen Sie sie vor '{word}', z. B. '{text} > 0'",
        "'{text}' is a number, not true/false: compare it before '{word}', e.g. '{text} > 0'",
    ),
}
