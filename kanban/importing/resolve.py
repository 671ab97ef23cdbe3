"""Match the customers a file points at to the customers we have. Pure: no store.

A reference is matched by customer number, else by exact name, else by name
ignoring case and whitespace. A number whose name in the file is another
company than ours (beyond case, spacing and legal form) stops the import,
unless the caller trusts the numbers: two numbering schemes must not book one
customer's revenue on another. What does not match becomes a new customer (its
number from the file, else a stable generated id `K-` + a hash of the name), or,
when creating is not allowed, stops the import naming the first unknown
customer and the closest names we have.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from kanban.domain.fact_schema import FACT_SCHEMAS
from kanban.domain.model import Customer
from kanban.importing.csvread import ImportFileError, normalise_text
from kanban.importing.names import same_company
from kanban.importing.parse import CustomerRef, ParsedImport
from kanban.texts import text


@dataclass(frozen=True)
class Resolution:
    mapping: dict[str, str]  # CustomerRef.key (what the parsed facts carry) -> customer id
    new_customers: tuple[Customer, ...]  # to create, in the order the file names them


def _folded(name: str) -> str:
    return normalise_text(name).casefold()


class _Directory:
    """Existing customers plus those created so far, looked up by id, name and folded name."""

    def __init__(self, existing: Mapping[str, Customer]) -> None:
        self.ids: set[str] = set(existing)
        self.by_name: dict[str, list[str]] = {}
        self.by_folded: dict[str, list[str]] = {}
        for customer in existing.values():
            self.add(customer)

    def add(self, customer: Customer) -> None:
        self.ids.add(customer.id)
        self.by_name.setdefault(customer.name, []).append(customer.id)
        self.by_folded.setdefault(_folded(customer.name), []).append(customer.id)

    def find(self, ref: CustomerRef) -> str | None:
        if ref.id and ref.id in self.ids:
            return ref.id
        if not ref.name:
            return None
        for ids in (self.by_name.get(ref.name), self.by_folded.get(_folded(ref.name))):
            if ids and len(ids) > 1:
                where = f"{ref.source or 'import'}:{ref.first_line}"
                raise ImportFileError(
                    text(
                        "imports.name_fits_several",
                        where=where,
                        name=ref.name,
                        count=len(ids),
                        ids=", ".join(sorted(ids)),
                    )
                )
            if ids:
                return ids[0]
        return None

    def new_id(self, ref: CustomerRef) -> str:
        if ref.id:
            return ref.id
        digest = hashlib.blake2b(_folded(ref.name or "").encode(), digest_size=8).hexdigest()
        for length in (8, 12, 16):
            candidate = "K-" + digest[:length]
            if candidate not in self.ids:
                return candidate
        raise ImportFileError(text("imports.no_free_id", name=ref.name))


def resolve_customers(
    refs: Iterable[CustomerRef],
    existing: Mapping[str, Customer],
    create: bool = True,
    trust_numbers: bool = False,
) -> Resolution:
    """Map every reference to a customer id; new customers for unknown ones, or an error if not `create`.

    A number that names another company is refused unless `trust_numbers`.
    """
    refs = sorted(refs, key=lambda r: r.first_line)
    if not trust_numbers:
        _refuse_other_names(refs, existing)
    directory = _Directory(existing)
    mapping: dict[str, str] = {}
    new: list[Customer] = []
    for ref in refs:
        found = directory.find(ref)
        if found is None:
            if not create:
                raise _unknown(ref, existing)
            customer = Customer(id=directory.new_id(ref), name=ref.name or ref.id or "")
            directory.add(customer)
            new.append(customer)
            found = customer.id
        mapping[ref.key] = found
    return Resolution(mapping, tuple(new))


def _refuse_other_names(refs: list[CustomerRef], existing: Mapping[str, Customer]) -> None:
    """Stop at the first row whose number names another company than the one stored under it, or than
    the name an earlier row of the file gives it; say how many more numbers do not match."""
    found: list[tuple[int, str, dict[str, Any]]] = []  # (line, text key, values)
    for ref in refs:
        where = ref.source or "import"
        stored = existing[ref.id].name if ref.id is not None and ref.id in existing else None
        if ref.name and stored is not None and ref.name != stored and not same_company(ref.name, stored):
            found.append(
                (
                    ref.first_line,
                    "imports.number_names_other",
                    {
                        "where": f"{where}:{ref.first_line}",
                        "number": ref.id,
                        "stored": stored,
                        "named": ref.name,
                        "owner": "",
                    },
                )
            )
        elif ref.other_name:
            line, name = ref.other_name
            found.append(
                (
                    line,
                    "imports.number_names_two",
                    {
                        "where": f"{where}:{line}",
                        "number": ref.id,
                        "named": name,
                        "first": ref.first_line,
                        "first_name": ref.name,
                    },
                )
            )
    if found:
        line, key, values = min(found, key=lambda finding: finding[0])
        if key == "imports.number_names_other":  # whose the name is, looked up for the one reported only
            named = str(values["named"])
            owner = next((c.id for c in existing.values() if same_company(c.name, named)), None)
            values["owner"] = text("imports.name_is_number", number=owner) if owner else ""
        more = text("imports.more_numbers", count=len(found) - 1) if len(found) > 1 else ""
        raise ImportFileError(text(key, more=more, **values))


def _unknown(ref: CustomerRef, existing: Mapping[str, Customer]) -> ImportFileError:
    if ref.id and ref.name:
        what = text("imports.name_and_number", name=ref.name, number=ref.id)
    else:
        what = text("imports.number", number=ref.id) if ref.id else repr(ref.name)
    names = [customer.name for customer in existing.values()]
    close = difflib.get_close_matches(ref.name, names, n=3, cutoff=0.6) if ref.name else []
    if ref.id:
        close += [f"{existing[i].name} ({i})" for i in difflib.get_close_matches(ref.id, list(existing), n=2)]
    hint = text("imports.did_you_mean", names=", ".join(repr(c) for c in close)) if close else ""
    return ImportFileError(
        text("imports.unknown_customer", where=f"{ref.source or 'import'}:{ref.first_line}", what=what, hint=hint)
    )


def apply_resolution(parsed: ParsedImport, resolution: Resolution) -> ParsedImport:
    """The parsed import with every `customer_id` (and customer id) rewritten to the resolved id."""
    mapping = resolution.mapping
    missing = [ref.key for ref in parsed.customer_refs if ref.key not in mapping]
    if missing:
        raise ValueError(f"resolution lacks customers {missing[:3]}: resolve the refs of this import first")
    return dataclasses.replace(
        parsed,
        customers=_moved(parsed.customers, "id", mapping),
        invoices=_moved(parsed.invoices, "customer_id", mapping),
        time_entries=_moved(parsed.time_entries, "customer_id", mapping),
        events=_moved(parsed.events, "customer_id", mapping),
        customer_refs=tuple(dataclasses.replace(ref, id=mapping[ref.key]) for ref in parsed.customer_refs),
    )


def _moved(facts: tuple[Any, ...], attribute: str, mapping: Mapping[str, str]) -> tuple[Any, ...]:
    """Facts with `attribute` mapped, rebuilt column by column (dataclasses.replace per fact is slower)."""
    if not facts:
        return facts
    old = list(map(attrgetter(attribute), facts))
    new = list(map(mapping.__getitem__, old))
    if new == old:
        return facts
    names = [field.name for field in dataclasses.fields(facts[0])]
    columns = [new if name == attribute else list(map(attrgetter(name), facts)) for name in names]
    kind = type(facts[0])
    return tuple(map(_MAKE.get(kind, kind), *columns))


_MAKE = {schema.cls: schema.make for schema in FACT_SCHEMAS}  # a fact class -> its quicker constructor
