"""What goes wrong in an export or a restore, said in one line."""

from __future__ import annotations

from kanban.board import UserError


class TransferError(UserError):
    """An export or restore that cannot be done; the one-line message says where and what to do."""


class ExportError(TransferError):
    """The export could not be written (disk full, no such folder, no permission); nothing was written."""


class RestoreError(TransferError):
    """The export cannot be restored, or not into that folder; nothing was written."""
