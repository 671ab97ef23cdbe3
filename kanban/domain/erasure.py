"""Forgetting a customer (GDPR Art. 17) without losing the audit log.

The hash chain exists to make edits visible, and an erasure is an edit. So the
erasure is done in the open: the customer's own entries are pseudonymised (and
no other entry is touched), and a new entry of kind `erasure` lists them, with
the chain head before it. An entry with a salt keeps its hash through this (see
domain/audit.py), so every anchor noted before stays valid; an entry written
before salts existed changes its hash, and the chain is re-sealed from there. A
log that is already broken is refused: re-sealing it would launder the
tampering.

Everything here is pure: it takes what the store holds and returns what the
store should hold afterwards; `Store.forget_customer` writes it, all of it or none.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kanban.domain.audit import first_broken, personal_seal, record_hash, seal
from kanban.domain.codec import decision_to_dict
from kanban.domain.model import Customer, Decision, DecisionKind, Facts, quarter_of
from kanban.texts import text as catalogue_text

_MARKER = {"de": "[gelöscht]", "en": "[erased]"}  # both in audit.ERASED_REASONS
_ERASED_NAME = {"de": "Gelöscht ({id})", "en": "Erased ({id})"}
_PROJECT = {"de": "Projekt {n}", "en": "Project {n}"}
_HEAD = re.compile(r"\b[0-9a-f]{64}\b")


class ErasureRefused(Exception):
    """The erasure cannot be done as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Erasure:
    """What the store holds after forgetting one customer."""

    old_id: str
    customer: Customer  # the record under its pseudonym, without personal data
    facts: Facts  # the invoice, time and event copies under the pseudonym, free text blanked
    log: list[dict[str, Any]]  # the whole log, re-sealed, the erasure entry last
    snapshots: list[dict[str, Any]]  # quarter snapshots that named the customer, scrubbed
    entry: Decision  # the erasure entry
    entries_pseudonymised: int  # the customer's own log entries
    reasons_blanked: int
    other_mentions: tuple[int, ...]  # other customers' entries whose reason names this one (left as they are)
    first_resealed: int | None  # id of the first entry with a new hash; None when only appended
    previous_head: str  # the chain head before the erasure ("" for an empty log)

    @property
    def pseudonym(self) -> str:
        return self.customer.id


def erased_name(pseudonym: str, lang: str = "de") -> str:
    return _ERASED_NAME.get(lang, _ERASED_NAME["de"]).format(id=pseudonym)


def is_erased(customer: Customer) -> bool:
    """Forgotten already: the name is the pseudonym's and nothing personal is left."""
    named = any(customer.name == template.format(id=customer.id) for template in _ERASED_NAME.values())
    return named and not (customer.contact or customer.notes or customer.tags)


def new_pseudonym(taken: Collection[str], token: Callable[[], str] = lambda: secrets.token_hex(4)) -> str:
    """A random `P-` id no customer has. Random, not derived from the number: it must not lead back."""
    while True:
        pseudonym = f"P-{token()}"
        if pseudonym not in taken:
            return pseudonym


def erase(
    customer: Customer,
    facts: Facts,
    log: Sequence[Mapping[str, Any]],
    pseudonym: str,
    at: dt.datetime,
    actor: str,
    lang: str = "de",
    snapshots: Sequence[Mapping[str, Any]] = (),
) -> Erasure:
    """Forget `customer`: their record, their facts' free text and their identity in the log."""
    if is_erased(customer):
        raise ErasureRefused(catalogue_text("errors.already_forgotten", lang, number=customer.id))
    broken = first_broken(log)
    if broken is not None:
        key = "transfer.chain_changed" if broken.changed else "transfer.chain_not_following"
        what = catalogue_text(key, lang)
        raise ErasureRefused(
            catalogue_text(
                "errors.erasure_on_broken_log",
                lang,
                line=broken.position + 1,
                entry=log[broken.position].get("id"),
                problem=what,
            )
        )
    marker = _MARKER.get(lang, _MARKER["de"])
    records, own, blanked = _pseudonymise_log(log, customer.id, pseudonym, marker)
    first = next((i for i, (old, new) in enumerate(zip(log, records, strict=True)) if old["hash"] != record_hash(new)),
                 None)  # fmt: skip
    resealed = _reseal(records, first) if first is not None else records
    previous_head = log[-1]["hash"] if log else ""
    counts = (len(own), blanked)
    entry = _erasure_entry(customer, resealed, pseudonym, at, actor, counts, first, previous_head, lang, own)
    return Erasure(
        old_id=customer.id,
        customer=_pseudonymous_customer(customer, pseudonym, lang),
        facts=_pseudonymous_facts(facts, pseudonym, marker, lang),
        log=[*resealed, decision_to_dict(entry)],
        snapshots=_scrub_snapshots(snapshots, customer, pseudonym, marker),
        entry=entry,
        entries_pseudonymised=len(own),
        reasons_blanked=blanked,
        other_mentions=_mentions(log, customer),
        first_resealed=resealed[first]["id"] if first is not None else None,
        previous_head=previous_head,
    )


def recorded_previous_head(record: Mapping[str, Any]) -> str | None:
    """The chain head an erasure entry says the log had before it was re-sealed."""
    if record.get("kind") != DecisionKind.ERASURE.value:
        return None
    found = _HEAD.search(record.get("reason", ""))
    return found.group(0) if found else None


def _pseudonymise_log(
    log: Sequence[Mapping[str, Any]], old_id: str, pseudonym: str, marker: str
) -> tuple[list[dict[str, Any]], list[int], int]:
    """The customer's own entries under the pseudonym with blank reasons; every other entry as it was.

    An entry with a salt keeps the seal of its number and reason in place of
    the salt, so its hash stays; the salt goes, or the old number could be
    checked against the seal.
    """
    records, own, blanked = [], [], 0
    for record in log:
        new = dict(record)
        if record.get("customer_id") == old_id:
            own.append(record["id"])
            if record.get("salt"):
                new["sealed"] = personal_seal(record)
                del new["salt"]
            new["customer_id"] = pseudonym
            if str(record.get("reason", "")).strip():
                new["reason"] = marker
                blanked += 1
        records.append(new)
    return records, own, blanked


def _mentions(log: Sequence[Mapping[str, Any]], customer: Customer) -> tuple[int, ...]:
    """Other customers' entries whose reason names this one, as a whole word: the owner may want to know.

    Case matters: a customer called "Teuer" is not meant by "zu teuer".
    """
    names = [text.strip() for text in (customer.name, customer.contact) if len(text.strip()) > 1]
    if not names:
        return ()
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return tuple(r["id"] for r in log if r.get("customer_id") != customer.id and pattern.search(str(r.get("reason"))))


def _reseal(records: list[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    """New prev_hash and hash for every entry from `start` on; the ones before keep theirs."""
    prev = records[start - 1]["hash"] if start else ""
    for record in records[start:]:
        record["prev_hash"] = prev
        record["hash"] = record_hash(record)
        prev = record["hash"]
    return records


def _erasure_entry(
    customer: Customer,
    log: list[dict[str, Any]],
    pseudonym: str,
    at: dt.datetime,
    actor: str,
    counts: tuple[int, int],
    first: int | None,
    previous_head: str,
    lang: str,
    erased: list[int],
) -> Decision:
    own, blanked = counts
    head = previous_head or ("(leer)" if lang == "de" else "(empty)")
    if lang == "de":
        resealed = f"Kette ab #{log[first]['id']} neu versiegelt" if first is not None else "nichts neu versiegelt"
        reason = (
            f"Personenbezogene Daten gelöscht (Art. 17 DSGVO): Einträge pseudonymisiert: {own}, "
            f"Gründe geleert: {blanked}; {resealed}; "
            f"Kettenkopf vorher: {head}"
        )
    else:
        resealed = f"chain re-sealed from #{log[first]['id']}" if first is not None else "nothing re-sealed"
        reason = (
            f"Personal data erased (GDPR Art. 17): entries pseudonymised: {own}, reasons blanked: {blanked}; "
            f"{resealed}; chain head before: {head}"
        )
    entry = Decision(
        id=log[-1]["id"] + 1 if log else 1,
        at=at,
        customer_id=pseudonym,
        from_column=customer.column,
        to_column=customer.column,
        reason=reason,
        actor=actor,
        quarter=quarter_of(at.date()),
        kind=DecisionKind.ERASURE,
        erased=tuple(erased),
    )
    return seal(entry, log[-1]["hash"] if log else "")


def _pseudonymous_customer(customer: Customer, pseudonym: str, lang: str) -> Customer:
    """Column, contract, prospect and `since` stay: they are the business relation the board shows."""
    return replace(customer, id=pseudonym, name=erased_name(pseudonym, lang), contact="", notes="", tags=())


def _pseudonymous_facts(facts: Facts, pseudonym: str, marker: str, lang: str) -> Facts:
    """Amounts, dates, hours and kinds stay, so the metrics do; names of projects and notes go."""
    dated = sorted([(t.date, t.project) for t in facts.time_entries] + [(e.date, e.project) for e in facts.events])
    projects: dict[str, str] = {}
    for _, project in dated:
        if project and project not in projects:
            projects[project] = _PROJECT.get(lang, _PROJECT["de"]).format(n=len(projects) + 1)

    def blank(text: str) -> str:
        return marker if text.strip() else text

    return Facts(
        invoices=tuple(replace(i, customer_id=pseudonym) for i in facts.invoices),
        time_entries=tuple(
            replace(t, customer_id=pseudonym, project=projects.get(t.project, ""), activity=blank(t.activity))
            for t in facts.time_entries
        ),
        events=tuple(
            replace(e, customer_id=pseudonym, project=projects.get(e.project, ""), note=blank(e.note))
            for e in facts.events
        ),
    )


def _scrub_snapshots(
    snapshots: Sequence[Mapping[str, Any]], customer: Customer, pseudonym: str, marker: str
) -> list[dict[str, Any]]:
    """Quarter snapshots that name the customer: the number becomes the pseudonym, names the marker."""
    personal = {text for text in (customer.name, customer.contact) if text.strip()}

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            return pseudonym if value == customer.id else marker if value in personal else value
        if isinstance(value, Mapping):
            return {scrub(k): scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    return [scrubbed for doc in snapshots if (scrubbed := scrub(doc)) != doc]


def confirmation_text(plan: Erasure, old: Customer, facts: Facts, lang: str | None = None) -> str:
    """What the owner is about to erase, in counts, before they say yes (CLI and app ask with it)."""

    def t(key: str, count: int | None = None, **values: object) -> str:
        return catalogue_text(key, lang, count=count, **values)

    personal = [
        t("cli.forget.name"),
        *([t("cli.forget.contact")] if old.contact else []),
        *([t("cli.forget.notes")] if old.notes else []),
        *([t("cli.forget.tags", count=len(old.tags))] if old.tags else []),
    ]
    notes = sum(1 for e in facts.events if e.note.strip())
    activities = sum(1 for e in facts.time_entries if e.activity.strip())
    how = t("records.resealed_from", entry=plan.first_resealed) if plan.first_resealed else t("records.hashes_kept")
    mentions = ", ".join(f"#{entry}" for entry in plan.other_mentions)
    return "\n".join(
        [
            t("cli.forget.ask", old=plan.old_id, name=old.name),
            t(
                "cli.forget.erased",
                personal=", ".join(personal),
                reasons=plan.reasons_blanked,
                notes=notes,
                activities=activities,
            ),
            t(
                "cli.forget.renamed",
                pseudonym=plan.pseudonym,
                entries=plan.entries_pseudonymised,
                invoices=len(facts.invoices),
                times=len(facts.time_entries),
                events=len(facts.events),
            ),
            t("records.kept_log", how=how, entry=plan.entry.id),
            *([t("records.mentions", count=len(plan.other_mentions), entries=mentions)] if mentions else []),
            t("cli.forget.untouched"),
        ]
    )
