"""A keyed audit chain and signed checkpoints (issue 14, finding 6): an edited and recomputed
chain passes a plain hash check but not the HMAC key, nor a checkpoint for a key holder."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from api.db.session import Database
from api.db.tables import AuditEntry, AuditHead
from api.services import audit

ROOT = Path(__file__).resolve().parents[2]
GIAOVIEC = str(Path(sys.executable).parent / "giaoviec")


@pytest.fixture
def log(tmp_path):
    """Five entries in a fresh SQLite file, keyed with the data dir's audit key."""
    data = tmp_path / "data"
    key = audit.load_or_create_key(data / "keys" / "audit.key")
    db = Database(f"sqlite:///{data / 'giaoviec.sqlite3'}", audit_key=key)
    db.upgrade()
    with db.session() as session:
        for n in range(5):
            audit.record(session, actor="user:an", action="proposal.accept", entity="proposal", entity_id=n,
                         org_id=1, before={"status": "proposed"}, after={"status": "accepted"}, at=datetime.now(UTC))
    yield db, key, data
    db.dispose()


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIAOVIEC_DATA_DIR": str(data), "GIAOVIEC_AUTO_MIGRATE": "false"}
    env.pop("GIAOVIEC_AUDIT_KEY", None)
    return subprocess.run([GIAOVIEC, *args], capture_output=True, text=True, env=env, cwd=data.parent, timeout=120)


def _rewrite_from(db: Database, seq: int, *, actor: str, hasher) -> None:
    """Edit entry ``seq`` and recompute every later hash and the head, as a tamperer would."""
    with db.session() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == seq).values(actor=actor))
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        prev = audit.GENESIS
        for entry in entries:
            entry.prev_hash = prev
            entry.hash = hasher(entry)
            prev = entry.hash
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=prev))


def test_audit_checkpoint_catches_a_chain_recomputed_with_the_key(log):
    db, key, data = log
    checkpoint = data.parent / "audit-checkpoint.json"
    written = _cli(data, "audit", "checkpoint", "--output", str(checkpoint))
    assert written.returncode == 0, written.stderr
    assert checkpoint.stat().st_size < 1024  # small enough to mail or print
    assert json.loads(checkpoint.read_text())["seq"] == 5
    ok = _cli(data, "audit", "verify", "--checkpoint", str(checkpoint))
    assert ok.returncode == 0 and ok.stdout.startswith("OK: 5 entries"), ok.stdout + ok.stderr

    # Someone who holds the audit key edits entry 2 and recomputes the chain: it is consistent...
    _rewrite_from(db, 2, actor="user:mallory", hasher=lambda e: audit.entry_hash(e, key))
    plain = _cli(data, "audit", "verify")
    assert plain.returncode == 0, plain.stdout
    # ...but its entry 5 no longer has the hash the service signed.
    caught = _cli(data, "audit", "verify", "--checkpoint", str(checkpoint))
    assert caught.returncode == 1
    assert "TAMPERED: entry 5" in caught.stdout and "recomputed" in caught.stdout


def test_audit_checkpoint_chain_recomputed_without_the_key_fails_plain_verify(log):
    db, _, _ = log
    # The old, unkeyed hash: what anyone with write access to the database could recompute.
    _rewrite_from(db, 2, actor="user:mallory",
                  hasher=lambda e: hashlib.sha256((e.prev_hash + audit.canonical(e)).encode()).hexdigest())
    with db.session(read_only=True) as session:
        verdict = audit.verify(session)
    assert not verdict.ok and verdict.first_bad_seq == 1


def test_audit_checkpoint_forged_or_truncated(log):
    db, _, data = log
    with db.session(read_only=True) as session:
        from api.services.signing import load_or_create

        signer = load_or_create(data / "signing" / "ed25519.pem")
        signed = audit.checkpoint(session, signer=signer, now=datetime.now(UTC))
    forged = dict(signed, hash="0" * 64)
    with pytest.raises(ValueError, match="signature"):
        audit.read_checkpoint(forged, signer.public_key)
    checkpoint = audit.read_checkpoint(signed, signer.public_key)
    # The last two entries removed and the head rewound to entry 3: consistent, but short.
    with db.session() as session:
        third = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == 3))
        session.execute(delete(AuditEntry).where(AuditEntry.seq > 3))
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=3, hash=third))
    with db.session(read_only=True) as session:
        assert audit.verify(session).ok
        verdict = audit.verify(session, checkpoint=checkpoint)
    assert not verdict.ok and "removed" in (verdict.reason or "")


def test_audit_checkpoint_an_unkeyed_database_cannot_write_entries(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    db.upgrade()
    with pytest.raises(RuntimeError, match="audit key"):
        with db.session() as session:
            audit.record(session, actor="a", action="x", entity="y", entity_id=1, org_id=None, before=None,
                         after=None, at=datetime.now(UTC))
    db.dispose()
