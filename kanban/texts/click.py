"""Click's own words (usage, errors, help headings), looked up by click's English message.

click asks gettext for these; `kanban.cli.common.speak_click` answers from here.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "click.usage": ("Aufruf:", "Usage:"),
    "click.options": ("Optionen", "Options"),
    "click.commands": ("Befehle", "Commands"),
    "click.positional": ("Argumente", "Positional arguments"),
    "click.help_option": ("Diese Hilfe zeigen und beenden.", "Show this message and exit."),
    "click.version_option": ("Version zeigen und beenden.", "Show the version and exit."),
    "click.version": ("%(prog)s, Version %(version)s", "%(prog)s, version %(version)s"),
    "click.error": ("Fehler: {message}", "Error: {message}"),
    "click.try_help": ("Hilfe mit „{command} {option}“.", "Try '{command} {option}' for help."),
    "click.aborted": ("Abgebrochen.", "Aborted!"),
    "click.invalid_input": ("Fehler: ungültige Eingabe", "Error: invalid input"),
    "click.invalid_value_for": (
        "Ungültiger Wert für {param_hint}: {message}",
        "Invalid value for {param_hint}: {message}",
    ),
    "click.invalid_value": ("Ungültiger Wert: {message}", "Invalid value: {message}"),
    "click.missing_argument": ("Argument fehlt", "Missing argument"),
    "click.missing_option": ("Option fehlt", "Missing option"),
    "click.missing_parameter": ("Angabe fehlt", "Missing parameter"),
    "click.missing_parameter_named": ("Angabe fehlt: {param_name}", "Missing parameter: {param_name}"),
    "click.missing_command": ("Befehl fehlt.", "Missing command."),
    "click.missing_type": ("{param_type} fehlt", "Missing {param_type}"),
    "click.no_such_command": ("Befehl {name!r} gibt es nicht.", "No such command {name!r}."),
    "click.no_such_option": ("Option {name!r} gibt es nicht.", "No such option {name!r}."),
    "click.no_value": ("Option {name!r} nimmt keinen Wert.", "Option {name!r} does not take a value."),
    "click.default": ("Vorgabe: {default}", "default: {default}"),
    "click.env_var": ("Umgebungsvariable: {var}", "env var: {var}"),
    "click.choose_from": ("Zur Wahl:\n\t{choices}", "Choose from:\n\t{choices}"),
    "click.not_a_number": (
        "{value!r} ist keine gültige Zahl ({number_type}).",
        "{value!r} is not a valid {number_type}.",
    ),
    "click.not_in_range": ("{value} liegt nicht im Bereich {range}.", "{value} is not in the range {range}."),
    "click.file": ("Datei", "file"),
    "click.directory": ("Ordner", "directory"),
    "click.path": ("Pfad", "path"),
    "click.missing_path": ("{name} {filename!r} gibt es nicht.", "{name} {filename!r} does not exist."),
    "click.is_directory": ("{name} {filename!r} ist ein Ordner.", "{name} {filename!r} is a directory."),
    "click.is_file": ("{name} {filename!r} ist eine Datei.", "{name} {filename!r} is a file."),
    "click.not_readable": ("{name} {filename!r} ist nicht lesbar.", "{name} {filename!r} is not readable."),
    "click.not_writable": ("{name} {filename!r} ist nicht beschreibbar.", "{name} {filename!r} is not writable."),
    "click.cannot_open": (
        "Datei {filename!r} lässt sich nicht öffnen: {message}",
        "Could not open file {filename!r}: {message}",
    ),
    "click.continue": ("Fortfahren?", "Do you want to continue?"),
    # plural messages (ngettext): singular|plural
    "click.extra_arguments": (
        "Überzähliges Argument ({args})|Überzählige Argumente ({args})",
        "Got unexpected extra argument ({args})|Got unexpected extra arguments ({args})",
    ),
    "click.did_you_mean": (
        "Meinten Sie {possibility}?|(Meinten Sie eines von: {possibilities}?)",
        "Did you mean {possibility}?|(Did you mean one of: {possibilities}?)",
    ),
    "click.needs_argument": (
        "Option {name!r} braucht einen Wert.|Option {name!r} braucht {nargs} Werte.",
        "Option {name!r} requires an argument.|Option {name!r} requires {nargs} arguments.",
    ),
    "click.not_a_choice": (
        "{value!r} ist nicht {choice}.|{value!r} ist keiner von {choices}.",
        "{value!r} is not {choice}.|{value!r} is not one of {choices}.",
    ),
}
