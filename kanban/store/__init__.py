"""Persistence: the only package that imports TinyDB."""

from kanban.store.files import StoreWriteError
from kanban.store.lock import StoreLocked
from kanban.store.storage import CorruptDatabase
from kanban.store.store import SCHEMA_VERSION, FactsAdded, NewerSchema, Store

# Errors a user can meet when opening or writing a database; each message is one line.
STORE_ERRORS = (StoreLocked, CorruptDatabase, NewerSchema, StoreWriteError)

__all__ = [
    "Store",
    "FactsAdded",
    "SCHEMA_VERSION",
    "STORE_ERRORS",
    "StoreLocked",
    "CorruptDatabase",
    "NewerSchema",
    "StoreWriteError",
]
