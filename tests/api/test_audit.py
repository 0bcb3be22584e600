"""The audit log: every human action chained by hashes; ``giaoviec audit verify`` finds tampering."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text

from api.db.session import Database
from api.db.tables import AuditEntry
from api.services import audit

ROOT = Path(__file__).resolve().parents[2]


def _verify_cli(database_url: str, settings) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "giaoviec"
    env = {**os.environ, "GIAOVIEC_DATABASE_URL": database_url, "GIAOVIEC_AUTO_MIGRATE": "false",
           "GIAOVIEC_AUDIT_KEY_FILE": str(settings.audit_key_path)}
    return subprocess.run([str(script), "audit", "verify"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_audit_human_actions_are_logged_with_before_and_after(team, extracted):
    view = extracted()
    proposal = view["proposals"][0]
    team.reviewer.patch(f"/api/v1/proposals/{proposal['id']}", json={"status": "rejected", "version": 1})
    with team.app.state.db.session(read_only=True) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "proposal",
                                                           AuditEntry.entity_id == str(proposal["id"]))).all()
    assert len(entries) == 1
    entry = entries[0]
    assert entry.actor == f"user:{team.reviewer.username}" and entry.action == "proposal.reject"
    assert entry.before["status"] == "proposed" and entry.after["status"] == "rejected"
    assert entry.hash == audit.entry_hash(entry, team.app.state.db.audit_key)


def test_audit_tampered_row_is_found_by_verify(team, extracted, database_url):
    view = extracted()
    team.reviewer.patch(f"/api/v1/proposals/{view['proposals'][0]['id']}",
                        json={"status": "accepted", "version": 1})
    db = team.app.state.db
    with db.session(read_only=True) as session:
        assert audit.verify(session).ok
        seq, actor = session.execute(select(AuditEntry.seq, AuditEntry.actor)
                                     .order_by(AuditEntry.seq.desc()).limit(1)).one()
    ok = _verify_cli(database_url, team.app.state.settings)
    assert ok.returncode == 0 and ok.stdout.startswith("OK"), ok.stderr
    with db.session() as session:
        session.execute(text("UPDATE audit_log SET actor = 'user:mallory' WHERE seq = :seq"), {"seq": seq})
    try:
        with db.session(read_only=True) as session:
            verdict = audit.verify(session)
        assert not verdict.ok and verdict.first_bad_seq == seq
        tampered = _verify_cli(database_url, team.app.state.settings)
        assert tampered.returncode == 1
        assert f"entry {seq}" in tampered.stdout
    finally:
        with db.session() as session:
            session.execute(text("UPDATE audit_log SET actor = :actor WHERE seq = :seq"),
                            {"actor": actor, "seq": seq})
    with db.session(read_only=True) as session:
        assert audit.verify(session).ok


@pytest.fixture
def small_log(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'audit.sqlite3'}", audit_key=b"k" * 32)
    db.upgrade()
    with db.session() as session:
        for n in range(3):
            audit.record(session, actor="user:a", action="proposal.accept", entity="proposal",
                         entity_id=n, org_id=1, before={"status": "proposed"},
                         after={"status": "accepted", "confidence": 0.92}, at=datetime.now(UTC))
    yield db
    db.dispose()


def test_audit_removed_entries_are_found(small_log):
    with small_log.session() as session:
        assert audit.verify(session) == audit.Verdict(True, 3)
        session.execute(delete(AuditEntry).where(AuditEntry.seq == 2))
        assert audit.verify(session).first_bad_seq == 2
        session.rollback()


def test_audit_removed_tail_is_found(small_log):
    with small_log.session() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == 3))
        verdict = audit.verify(session)
        assert not verdict.ok and verdict.first_bad_seq == 3
        session.rollback()
