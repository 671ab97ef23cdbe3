"""One fact table (invoices, time entries or events) in its own TinyDB file.

Each customer's facts of the kind are rows (lists, in the order of `row_names`)
in one document, the rows as one JSON text: `{"customer_id": "K-1", "rows":
"[[...], ...]"}`. One customer's facts are a dict lookup and one small parse
(the detail screen), and an import of events rewrites only the events file.

Why a text and not a JSON array: parsed, each row is a list of Python objects,
several times the size of its text, in every process that opens the file. As
texts the files stay small in memory, and a customer's rows are parsed when
needed (a few microseconds), then dropped. The README's Performance section
has the figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kanban.domain import fact_schema
from kanban.domain.fact_schema import FactSchema
from kanban.plain_json import plain_encoder
from kanban.store.storage import AtomicJSONStorage, CorruptDatabase
from kanban.texts import text

# The fact kinds as their declaration derives them (fields, row layout, identity).
FactKind = FactSchema
INVOICES, TIME_ENTRIES, EVENTS = fact_schema.INVOICES, fact_schema.TIME_ENTRIES, fact_schema.EVENTS
FACT_KINDS = fact_schema.FACT_SCHEMAS


_NOT_READ = object()
_parse = json.JSONDecoder().decode  # json.loads less its checks for bytes: a row text is always a str
# (orjson parses faster but reads a whole number past 64 bits as a float, so a hand edit would read otherwise)


class FactFile:
    """The rows of one fact kind by customer, read from and written to its storage."""

    def __init__(self, kind: FactKind, storage: AtomicJSONStorage) -> None:
        self.kind = kind
        self.storage = storage
        self._table: object = _NOT_READ  # the storage's table the index was built from
        self._index: dict[str, dict[str, Any]] = {}  # customer number -> their document

    def _documents(self) -> dict[str, dict[str, Any]]:
        """Customer number -> document, rebuilt whenever the storage's table is another object.

        A failed write makes the storage read the file again: the index must not
        outlive the state it was built from. Built aside and then set, as the app's
        export reads facts on a worker thread.
        """
        table = self.storage.content().get(self.kind.table, {})
        if table is not self._table:
            if not isinstance(table, dict):
                raise self._corrupt(text("errors.facts_not_a_table", table=self.kind.table))
            index = {}
            for doc_id, doc in table.items():
                if not (doc_id.isdigit() and isinstance(doc, dict) and isinstance(doc.get("customer_id"), str)
                        and isinstance(doc.get("rows"), str)):  # fmt: skip
                    raise self._corrupt(text("errors.facts_not_rows", doc=doc_id))
                index[doc["customer_id"]] = doc
            self._index, self._table = index, table
        return self._index

    def _corrupt(self, what: str) -> CorruptDatabase:
        return CorruptDatabase(text("errors.corrupt_file", path=self.storage.path, what=what))

    def _rows(self, customer_id: str, doc: dict[str, Any]) -> list[list[Any]]:
        try:
            rows = _parse(doc["rows"])
        except ValueError:
            raise self._corrupt(text("errors.facts_not_json", customer=customer_id)) from None
        width, at = len(self.kind.row_names), self.kind.identity_at
        # `type(...) is`: json.loads makes lists and strs, never subclasses; a loop, as every row is read
        if type(rows) is list:
            for row in rows:
                if type(row) is not list or len(row) != width or type(row[at]) is not str:
                    break
            else:
                return rows
        raise self._corrupt(text("errors.facts_bad_row", customer=customer_id, fields=", ".join(self.kind.row_names)))

    def _all_rows(self) -> Iterator[tuple[str, list[list[Any]]]]:
        """Every customer's rows, parsed one customer at a time."""
        for customer_id, doc in self._documents().items():
            yield customer_id, self._rows(customer_id, doc)

    def parsed_rows(self) -> Iterator[tuple[str, list[list[Any]]]]:
        return self._all_rows()

    def count(self) -> int:
        return sum(len(rows) for _, rows in self._all_rows())

    def size(self) -> tuple[int, int]:
        """The documents, and the length of their rows' texts together."""
        documents = self._documents()
        return len(documents), sum(len(doc["rows"]) for doc in documents.values())

    def any(self) -> bool:
        """Whether any fact of this kind is stored (a customer has a document only with rows)."""
        return bool(self._documents())

    def customer_ids(self) -> set[str]:
        return set(self._documents())

    def row_texts(self) -> dict[str, str]:
        """Each customer's rows as the stored JSON text, unparsed (for telling which customers changed)."""
        return {customer_id: doc["rows"] for customer_id, doc in self._documents().items()}

    def of(self, customer_id: str) -> tuple[Any, ...]:
        """One customer's facts, decoded."""
        doc = self._documents().get(customer_id)
        return self._decode(customer_id, self._rows(customer_id, doc)) if doc else ()

    def _decode(self, customer_id: str, rows: list[list[Any]]) -> tuple[Any, ...]:
        try:
            return self.kind.from_rows(customer_id, rows)
        except (TypeError, ValueError, KeyError):  # a hand edit: a row of the wrong length or type
            raise self._corrupt(
                text("errors.facts_bad_row", customer=customer_id, fields=", ".join(self.kind.row_names))
            ) from None

    def rows_by_customer(self) -> Iterator[tuple[str, list[list[Any]]]]:
        """Every customer's stored rows, by customer number.

        Each customer's rows are decoded once on the way, and dropped: a hand-edited
        row must stop an export here, not make one that cannot be restored.
        """
        documents = self._documents()
        for customer_id in sorted(documents):
            rows = self._rows(customer_id, documents[customer_id])
            self._decode(customer_id, rows)
            yield customer_id, rows

    def identities(self) -> set[str]:
        at = self.kind.identity_at
        return {row[at] for _, rows in self._all_rows() for row in rows}

    def find(self, identities: set[str]) -> dict[str, Any]:
        """Stored facts with these identities, decoded, by identity."""
        at = self.kind.identity_at
        found: dict[str, Any] = {}
        if not identities:
            return found
        for customer_id, rows in self._all_rows():
            for row in rows:
                if row[at] in identities:
                    found[row[at]] = self._decode(customer_id, [row])[0]
        return found

    def add(self, facts: Iterable[Any], replace_same: bool) -> tuple[int, int, int]:
        """Add facts not stored yet; with `replace_same`, a changed fact replaces the stored one.

        Returns (added, replaced, unchanged or duplicate). Writes only when something changed.
        """
        facts = list(facts)
        if not facts:
            return 0, 0, 0  # an import of events must not parse, index or rewrite the invoices
        at, to_row = self.kind.identity_at, self.kind.to_row
        where = {row[at]: (customer_id, n) for customer_id, rows in self._all_rows()
                 for n, row in enumerate(rows)}  # fmt: skip
        changed: dict[str, list[list[Any]]] = {}  # customer -> their new rows

        def rows_of(customer_id: str) -> list[list[Any]]:
            if customer_id not in changed:
                doc = self._index.get(customer_id)
                changed[customer_id] = self._rows(customer_id, doc) if doc else []
            return changed[customer_id]

        added = replaced = same = 0
        for fact in facts:
            row = to_row(fact)
            identity, customer_id = row[at], fact.customer_id
            known = where.get(identity)
            if known is None:
                rows = rows_of(customer_id)
                where[identity] = (customer_id, len(rows))
                rows.append(row)
                added += 1
            elif not replace_same or self._row(*known, changed) == row or known[0] != customer_id:
                same += 1  # another customer's number is refused by the import before it gets here
            else:
                rows_of(known[0])[known[1]] = row
                replaced += 1
        if changed:
            self._write(changed)
        return added, replaced, same

    def _row(self, customer_id: str, n: int, changed: dict[str, list[list[Any]]]) -> list[Any]:
        if customer_id in changed:
            return changed[customer_id][n]
        return self._rows(customer_id, self._index[customer_id])[n]

    def replace_customer(self, old_id: str, customer_id: str, facts: Iterable[Any]) -> None:
        """A customer's facts under a (new) number, instead of those under the old one (an erasure)."""
        rows = [self.kind.to_row(fact) for fact in facts]
        if rows or old_id in self._documents():
            self._write({customer_id: rows}, drop=old_id)

    def put_texts(self, texts_by_customer: dict[str, str]) -> None:
        """These customers' rows, given as their texts (see `rows_text`), set as they are."""
        if texts_by_customer:
            self._write_texts(texts_by_customer)

    def _write(self, rows_by_customer: dict[str, list[list[Any]]], drop: str | None = None) -> None:
        """Write the table with these customers' rows set; copy on write, so a failed write changes nothing."""
        self._write_texts({customer_id: rows_text(rows) if rows else None
                           for customer_id, rows in rows_by_customer.items()}, drop)  # fmt: skip

    def _write_texts(self, texts_by_customer: Mapping[str, str | None], drop: str | None = None) -> None:
        state = self.storage.read() or {}
        table = dict(state.get(self.kind.table, {}))
        ids = {doc["customer_id"]: doc_id for doc_id, doc in table.items()}
        next_id = max(map(int, table), default=0) + 1
        if drop is not None and drop in ids and drop not in texts_by_customer:
            del table[ids.pop(drop)]
        for customer_id, rows in texts_by_customer.items():
            doc_id = ids.get(customer_id)
            if rows is None:  # no document for a customer without facts of this kind
                if doc_id is not None:
                    del table[doc_id]
                continue
            if doc_id is None:
                doc_id, next_id = str(next_id), next_id + 1
            table[doc_id] = {"customer_id": customer_id, "rows": rows}
        self.storage.write({**state, self.kind.table: table})


def rows_document(customer_id: str, rows: list[list[Any]]) -> dict[str, Any]:
    """A customer's document: their rows as one JSON text (see the module's docstring)."""
    return {"customer_id": customer_id, "rows": rows_text(rows)}


def rows_text(rows: list[list[Any]]) -> str:
    """A customer's rows of one kind as the one JSON text their document keeps."""
    return _rows_text(rows)


_rows_text = plain_encoder(",", ":")
