"""Each fact kind's layout, derived from its dataclass in `model.py`: the one place that names its fields.

The dataclass says the fields, their order, types and defaults. From it come:
the stored row (the fields in declaration order, less the customer number the
store files them under), the plain dict of the export and `customers --format
json` (declaration order), and the value kinds a restore checks. Adding a field to
`Invoice` is that one edit: a stored file written before it is read by field
name and gets the default (see `kanban/store/store.py`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from types import MemberDescriptorType
from typing import Any

from kanban.domain.model import Event, Invoice, TimeEntry

REQUIRED: Any = dataclasses.MISSING  # a field without a default


@dataclass(frozen=True)
class ValueKind:
    """How one type of value is written as plain data (JSON, YAML) and read back."""

    name: str  # text, number, int, flag, date, optional_date, or an enum's choice
    to_plain: Callable[[Any], Any]
    from_plain: Callable[[Any], Any]
    choices: tuple[str, ...] = ()  # an enum's values


def _same(value: Any) -> Any:
    return value


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _optional_iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _optional_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_KINDS: dict[Any, ValueKind] = {
    str: ValueKind("text", _same, _same),
    float: ValueKind("number", _same, float),
    int: ValueKind("int", _same, int),
    bool: ValueKind("flag", _same, bool),
    dt.date: ValueKind("date", _iso, dt.date.fromisoformat),
    dt.date | None: ValueKind("optional_date", _optional_iso, _optional_date),
}


def value_kind(annotation: Any) -> ValueKind:
    """The value kind of a field's type; a type no fact may have yet is a programming error, found at import."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ValueKind(annotation.__name__, _enum_value, _enum_reader(annotation),
                         tuple(member.value for member in annotation))  # fmt: skip
    if annotation in _KINDS:
        return _KINDS[annotation]
    raise TypeError(f"a fact field of type {annotation!r} has no stored form: add it to fact_schema._KINDS")


def _enum_value(member: Enum) -> Any:
    return member.value


def _enum_reader(enum: type[Enum]) -> Callable[[Any], Any]:
    """The member of a stored value: a dict lookup, as calling the enum costs as much as building the fact.
    Anything else goes to the enum itself, for its own answer (a member, or its ValueError)."""
    members = {member.value: member for member in enum}

    def read(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):  # TypeError: an unhashable value, a hand edit
            return enum(value)

    return read


@dataclass(frozen=True)
class FactField:
    name: str
    kind: ValueKind
    default: Any  # REQUIRED when the fact cannot be made without it


class FactSchema:
    """One fact kind: its fields and the converters between the fact, its stored row and its plain dict."""

    def __init__(self, cls: type, table: str, identity: str) -> None:
        hints = typing.get_type_hints(cls)
        self.cls = cls
        self.table = table  # the store's table and file, the export's key
        self.identity = identity  # the field that tells two facts apart (invoice number, import key)
        self.fields = tuple(FactField(f.name, value_kind(hints[f.name]), f.default) for f in dataclasses.fields(cls))
        self.names = tuple(f.name for f in self.fields)
        self.row_fields = tuple(f for f in self.fields if f.name != "customer_id")
        self.row_names = tuple(f.name for f in self.row_fields)
        self.identity_at = self.row_names.index(identity)
        self._customer_at = self.names.index("customer_id")
        # A day's first start decodes every stored row: compiled, as dataclasses compiles __init__,
        # a row takes the time of hand-written code instead of twice that in a loop over the fields.
        self.to_row: Callable[[Any], list[Any]] = _compile_to_row(self.row_fields)
        self.from_rows = _compile_from_rows(cls, self.fields)
        self.make = _compile_make(cls, self.fields)

    def from_row(self, customer_id: str, row: list[Any]) -> Any:
        """`(customer number, row) -> fact`; ValueError or TypeError as `from_rows`."""
        return self.from_rows(customer_id, [row])[0]

    def to_dict(self, fact: Any) -> dict[str, Any]:
        return {f.name: f.kind.to_plain(getattr(fact, f.name)) for f in self.fields}

    def from_dict(self, record: dict[str, Any]) -> Any:
        """A fact from its plain dict; a missing field takes its default (KeyError if it has none)."""
        values = {}
        for f in self.fields:
            if f.name in record:
                values[f.name] = f.kind.from_plain(record[f.name])
            elif f.default is REQUIRED:
                raise KeyError(f.name)
        return self.cls(**values)

    def relayout(self, stored_names: list[str]) -> Callable[[list[Any]], list[Any]] | None:
        """Rows stored with other fields (an older schema) to rows of this layout, or None if they cannot be.

        Stored fields are found by name; a field declared since takes its default.
        A stored field no longer declared, or a missing one without a default, cannot be converted.
        """
        if not set(stored_names) <= set(self.row_names) or len(set(stored_names)) != len(stored_names):
            return None
        at = {name: n for n, name in enumerate(stored_names)}
        plan: list[tuple[int | None, Any]] = []
        for f in self.row_fields:
            if f.name in at:
                plan.append((at[f.name], None))
            elif f.default is REQUIRED:
                return None
            else:
                plan.append((None, f.kind.to_plain(f.default)))
        return lambda row: [row[n] if n is not None else default for n, default in plan]


# Converters written into the compiled code as the expression they compute: an import converts every fact.
_INLINE: dict[Callable[[Any], Any], str] = {_iso: "{}.isoformat()", _enum_value: "{}.value"}


def _compile_to_row(fields: tuple[FactField, ...]) -> Callable[[Any], list[Any]]:
    """`fact -> [plain value of each field]`, the converters called only where a value is not plain already."""
    scope: dict[str, Any] = {}
    values = []
    for n, f in enumerate(fields):
        if f.kind.to_plain is _same:
            values.append(f"fact.{f.name}")
        elif f.kind.to_plain in _INLINE:
            values.append(_INLINE[f.kind.to_plain].format(f"fact.{f.name}"))
        else:
            scope[f"out{n}"] = f.kind.to_plain
            values.append(f"out{n}(fact.{f.name})")
    to_row: Callable[[Any], list[Any]] = _compile(
        f"def to_row(fact):\n    return [{', '.join(values)}]", scope, "to_row"
    )
    return to_row


def _compile_from_rows(cls: type, fields: tuple[FactField, ...]) -> Callable[[str, list[list[Any]]], tuple[Any, ...]]:
    """`(customer number, rows) -> facts`, one call for all of a customer's rows; a row of another length or
    with a value that does not convert raises ValueError or TypeError.

    Facts are built as `_compile_make` builds them.
    """
    slots = _slots(cls, fields)
    scope: dict[str, Any] = {"cls": cls, "new": object.__new__}
    names, values = [], []
    for n, f in enumerate(fields):
        if f.name == "customer_id":
            values.append("customer_id")
            continue
        names.append(f"v{n}")
        if f.kind.from_plain is _same:
            values.append(f"v{n}")
        else:
            scope[f"read{n}"] = f.kind.from_plain
            values.append(f"read{n}(v{n})")
    if slots:
        scope.update({f"set{n}": slot.__set__ for n, slot in enumerate(slots)})
        build = ["fact = new(cls)", *(f"set{n}(fact, {value})" for n, value in enumerate(values))]
    else:
        build = [f"fact = cls({', '.join(values)})"]
    body = "\n        ".join([*build, "facts.append(fact)"])
    source = (
        f"def from_rows(customer_id, rows):\n    facts = []\n    for {', '.join(names)}, in rows:\n"
        f"        {body}\n    return tuple(facts)"
    )
    return _compile(source, scope, "from_rows")  # type: ignore[no-any-return]


def _slots(cls: type, fields: tuple[FactField, ...]) -> list[Any] | None:
    """The slots of a fact class that has one for every field and no __post_init__, else None.

    A frozen dataclass's __init__ sets each field through `object.__setattr__`; setting the slots
    directly builds the same fact at half the cost, where every field is given.
    """
    slots = [slot for f in fields if isinstance(slot := getattr(cls, f.name, None), MemberDescriptorType)]
    return slots if len(slots) == len(fields) and not hasattr(cls, "__post_init__") else None


def _compile_make(cls: type, fields: tuple[FactField, ...]) -> Callable[..., Any]:
    """`cls` called with every field positionally, in declaration order: the importer's parsers build
    each fact of a file this way."""
    slots = _slots(cls, fields)
    if not slots:
        return cls
    scope: dict[str, Any] = {"cls": cls, "new": object.__new__}
    scope.update({f"set{n}": slot.__set__ for n, slot in enumerate(slots)})
    params = ", ".join(f"v{n}" for n in range(len(fields)))
    sets = "".join(f"\n    set{n}(fact, v{n})" for n in range(len(fields)))
    return _compile(f"def make({params}):\n    fact = new(cls){sets}\n    return fact", scope, "make")  # type: ignore[no-any-return]


def _compile(source: str, scope: dict[str, Any], name: str) -> Any:
    exec(source, scope)  # noqa: S102 - the source is made above from the dataclass's own field names
    return scope[name]


INVOICES = FactSchema(Invoice, "invoices", identity="number")
TIME_ENTRIES = FactSchema(TimeEntry, "time_entries", identity="key")
EVENTS = FactSchema(Event, "events", identity="key")
FACT_SCHEMAS = (INVOICES, TIME_ENTRIES, EVENTS)
