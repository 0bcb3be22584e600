"""The append-only audit log: who did what, when, with the record before and after.

Each entry's ``hash`` is ``HMAC-SHA256(audit key, prev_hash + canonical JSON of the entry)``,
so changing, removing or reordering a row breaks the chain from that row on (Regulation 08
Art. 18.1.d: controlled AI, every human decision traceable). The key lives outside the
database (``GIAOVIEC_AUDIT_KEY`` or the file ``data_dir/keys/audit.key``), so whoever can
only write the database cannot recompute the chain after an edit. Against someone who also
holds the key, ``checkpoint`` signs the chain's head with the service's Ed25519 key into a
small file kept elsewhere; ``verify(..., checkpoint=...)`` then finds a recomputed chain,
because the entry at the checkpoint's ``seq`` no longer has the signed hash.

``audit_head`` holds the chain's tip; a writer first updates it (``seq = seq + 1``), which
takes the row lock in PostgreSQL and the write lock in SQLite, so two writers can never fork
the chain. ``Database(url, audit_key=...)`` puts the key in every session's ``info``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.db.tables import AuditEntry, AuditHead

GENESIS = "0" * 64
KEY_INFO = "audit_key"
KEY_BYTES = 32
CHECKPOINT_FORMAT = "giaoviec-audit-checkpoint-1"


def load_or_create_key(path: Path) -> bytes:
    """The audit key in ``path``; 32 random bytes are written there (mode 0600) the first time."""
    if path.exists():
        return load_key(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:  # O_EXCL: two processes starting at once never overwrite each other's key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_key(path)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(KEY_BYTES) + "\n")
    return load_key(path)


def load_key(path: Path) -> bytes:
    """The audit key written by ``load_or_create_key`` (hex), or ValueError."""
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as error:
        raise ValueError(f"cannot read the audit key {path}: {error}") from error
    if len(key) < KEY_BYTES:
        raise ValueError(f"the audit key {path} is shorter than {KEY_BYTES} bytes")
    return key


def configured_key(secret: str | None, path: Path, *, create: bool = True) -> bytes:
    """The key from ``GIAOVIEC_AUDIT_KEY`` (``secret``, 32 characters or more) or from the key
    file at ``path`` (made when ``create`` and missing; read only otherwise)."""
    if secret:
        if len(secret) < KEY_BYTES:
            raise ValueError(f"GIAOVIEC_AUDIT_KEY must have {KEY_BYTES} characters or more")
        return secret.encode("utf-8")
    return load_or_create_key(path) if create else load_key(path)


def session_key(session: Session) -> bytes:
    """The audit key of the session's Database; refuses to write an unkeyed entry."""
    key = session.info.get(KEY_INFO)
    if not key:
        raise RuntimeError("the audit key is not set: open the database with Database(url, audit_key=...)")
    return bytes(key)


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
    entry.hash = entry_hash(entry, session_key(session))
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


def entry_hash(entry: AuditEntry, key: bytes) -> str:
    return hmac.new(key, (entry.prev_hash + canonical(entry)).encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Verdict:
    """What ``verify`` found: ``ok``, how many entries it checked, the first bad one and why."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str | None = None


def verify(session: Session, *, key: bytes | None = None, checkpoint: Checkpoint | None = None,
           batch: int = 1000) -> Verdict:
    """Recompute the chain from the first entry; stop at the first that does not fit.

    ``key`` defaults to the session's; with a ``checkpoint`` (already checked with
    ``read_checkpoint``), the entry at its ``seq`` must also carry its signed hash.
    """
    key = key if key is not None else session_key(session)
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for entry in _entries(session, batch):
        if entry.seq != expected_seq:
            return Verdict(False, checked, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != expected_prev:
            return Verdict(False, checked, entry.seq, "prev_hash does not match the entry before")
        if not hmac.compare_digest(entry_hash(entry, key), entry.hash):
            return Verdict(False, checked, entry.seq, "the entry was changed after it was written")
        if checkpoint is not None and entry.seq == checkpoint.seq and entry.hash != checkpoint.hash:
            return Verdict(False, checked, entry.seq, "the chain was recomputed: this entry's hash is not "
                                                      "the one the checkpoint signed")
        expected_prev, expected_seq, checked = entry.hash, entry.seq + 1, checked + 1
    head = session.get(AuditHead, 1)
    if head is None or head.seq != checked or head.hash != expected_prev:
        return Verdict(False, checked, checked + 1, "entries at the end of the log were removed")
    if checkpoint is not None and checked < checkpoint.seq:
        return Verdict(False, checked, checked + 1, f"the checkpoint signed {checkpoint.seq} entries; "
                                                    "entries at the end of the log were removed")
    return Verdict(True, checked)


# --- signed checkpoints of the head ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The chain's head as signed at ``at``: ``seq`` entries ending in ``hash``."""

    seq: int
    hash: str
    at: str


def checkpoint(session: Session, *, signer: Any, now: datetime) -> dict[str, Any]:
    """The signed head, as the JSON to write into a checkpoint file (a few hundred bytes)."""
    head = session.get(AuditHead, 1)
    assert head is not None  # made by the first migration
    body = {"format": CHECKPOINT_FORMAT, "seq": head.seq, "hash": head.hash,
            "at": now.astimezone(UTC).isoformat(timespec="seconds"), "key_id": signer.key_id}
    return {**body, "signature": signer.sign(body)}


def read_checkpoint(data: dict[str, Any], public_key: Any) -> Checkpoint:
    """The checkpoint in ``data`` when its signature holds under ``public_key``; else ValueError."""
    from api.services.signing import verify as verify_signature

    body = {k: v for k, v in data.items() if k != "signature"}
    if body.get("format") != CHECKPOINT_FORMAT or not isinstance(data.get("signature"), str):
        raise ValueError("not a giaoviec audit checkpoint")
    if not verify_signature(body, data["signature"], public_key):
        raise ValueError("the checkpoint's signature does not hold: it was changed or signed by another key")
    seq, hash_ = body.get("seq"), body.get("hash")
    if not isinstance(seq, int) or seq < 0 or not isinstance(hash_, str):
        raise ValueError("the checkpoint has no valid seq and hash")
    return Checkpoint(seq=seq, hash=hash_, at=str(body.get("at")))


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
