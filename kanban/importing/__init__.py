"""CSV import: real export files in, domain objects out, all or nothing.

    parsed = parse_file(path, "invoices")                 # or "time", "events", "customers"
    resolution = resolve_customers(parsed.customer_refs, existing, create=True)
    parsed = apply_resolution(parsed, resolution)         # facts now carry our customer ids

Every problem is an `ImportFileError` whose message is one line naming file,
line, column and value, and the fix.
"""

from kanban.importing.csvread import ImportFileError
from kanban.importing.formats import FIELDS, FORMAT_NAMES, KINDS, mapping_help
from kanban.importing.load import parse_file
from kanban.importing.parse import CustomerRef, ParsedImport
from kanban.importing.resolve import Resolution, apply_resolution, resolve_customers

__all__ = [
    "FIELDS",
    "FORMAT_NAMES",
    "KINDS",
    "CustomerRef",
    "ImportFileError",
    "ParsedImport",
    "Resolution",
    "apply_resolution",
    "mapping_help",
    "parse_file",
    "resolve_customers",
]
