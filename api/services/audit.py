"""The append-only audit log: who did what, when, with the record before and after.

Each entry's ``hash`` is ``sha256(prev_hash + canonical JSON of the entry)``, so changing,
removing or reordering a row breaks the chain from that row on (Regulation 08 Art. 18.1.d:
controlled AI, every human decision traceable). ``audit_head`` holds the chain's tip; a writer
first updates it (``seq = seq + 1``), which takes the row lock in PostgreSQL and the write lock
in SQLite, so two writers can never fork the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.db.tables import AuditEntry, AuditHead

GENESIS = "0" * 64


def record(session: Session, *, actor: str, action: str, entity: str, entity_id: int | str,
           org_id: int | None, before: dict[str, Any] | None, after: dict[str, Any] | None,
           at: datetime) -> AuditEntry:
    """Append one entry in the caller's transaction (it commits or rolls back with the change)."""
    head = session.execute(
        update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1)
        .returning(AuditHead.seq, AuditHead.hash)
    ).one()
    entry = AuditEntry(seq=head.seq, at=at.astimezone(UTC), org_id=org_id, actor=actor,
                       action=action, entity=entity, entity_id=str(entity_id), before=before,
                       after=after, prev_hash=head.hash, hash="")
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=entry.hash))
    return entry


def canonical(entry: AuditEntry) -> str:
    """The entry's fields as sorted, compact JSON: the bytes that are hashed."""
    return json.dumps(
        {
            "seq": entry.seq,
            "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
            "org_id": entry.org_id,
            "actor": entry.actor,
            "action": entry.action,
            "entity": entry.entity,
            "entity_id": entry.entity_id,
            "before": entry.before,
            "after": entry.after,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256((entry.prev_hash + canonical(entry)).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Verdict:
    """What ``verify`` found: ``ok``, how many entries it checked, the first bad one and why."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str | None = None


def verify(session: Session, *, batch: int = 1000) -> Verdict:
    """Recompute the chain from the first entry; stop at the first that does not fit."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for entry in _entries(session, batch):
        if entry.seq != expected_seq:
            return Verdict(False, checked, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != expected_prev:
            return Verdict(False, checked, entry.seq, "prev_hash does not match the entry before")
        if entry_hash(entry) != entry.hash:
            return Verdict(False, checked, entry.seq, "the entry was changed after it was written")
        expected_prev, expected_seq, checked = entry.hash, entry.seq + 1, checked + 1
    head = session.get(AuditHead, 1)
    if head is None or head.seq != checked or head.hash != expected_prev:
        return Verdict(False, checked, checked + 1, "entries at the end of the log were removed")
    return Verdict(True, checked)


def _entries(session: Session, batch: int) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def history(session: Session, *, entity: str, entity_id: int | str) -> list[dict[str, Any]]:
    """The entries about one record, oldest first."""
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.seq)
    ).all()
    return [
        {"seq": r.seq, "at": r.at.isoformat(), "actor": r.actor, "action": r.action,
         "before": r.before, "after": r.after}
        for r in rows
    ]
