"""The board as YAML for the records, and a database rebuilt from that YAML.

An export holds everything the database holds (customers, facts, the audit log
exactly as stored, review snapshots, the rule set's text) plus what the board
showed that day (metrics, suggestions and their reasons), so a person can read
it and `restore` can rebuild the database from it alone. Metrics and
suggestions are for the reader: a restore recomputes them, it never reads them.

A restore checks the whole file before it writes anything, builds the new
database in a temp folder next to the target and swaps it in with one rename:
the target holds either its old content or the complete new one.

Built by job: `export` makes the export from a board, `yaml_out` writes it,
`yaml_in` reads it back, `schema` checks it, `rebuild` writes the new database
(its folder swap is `kanban.store.files.swap_in_folder`).
"""

from kanban.transfer.errors import ExportError, RestoreError, TransferError
from kanban.transfer.export import build_export, default_export_name, export_text, write_export, write_export_data
from kanban.transfer.rebuild import RestoreSummary, restore
from kanban.transfer.yaml_out import HEADER, dump_export, write_export_to

__all__ = [
    "HEADER", "ExportError", "RestoreError", "RestoreSummary", "TransferError", "build_export", "default_export_name",
    "dump_export", "export_text", "restore", "write_export", "write_export_data", "write_export_to",
]  # fmt: skip
