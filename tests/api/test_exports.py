"""``/api/v1/exports/tasks.csv`` and ``.xlsx``, their filters, and ``giaoviec verify`` /
``giaoviec feed export`` on records the service published."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from api_helpers import pull_all, seed_reviewed_document
from openpyxl import load_workbook

GIAOVIEC = str(Path(sys.executable).parent / "giaoviec")


def _rows(client, **params):
    answer = client.get("/api/v1/exports/tasks.csv", params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.text.removeprefix("\ufeff"))))


def _publish(team, **seed):
    document_id = seed_reviewed_document(team.app, team.org, **seed)
    assert team.approver.post(f"/api/v1/documents/{document_id}/publish").status_code == 200
    return document_id


def test_exports_csv_and_xlsx_with_filters(team):
    first = _publish(team, tasks=2)
    second = _publish(team, tasks=3)
    items, _ = pull_all(team.approver)
    task = items[0]["task_id"]
    team.approver.patch(f"/api/v1/tasks/{task}", json={
        "lead": ["=HYPERLINK(\"http://x\")"], "status": "in_progress",
        "deadline": {"date": "2026-01-15", "text": "tháng 1/2026", "kind": "date"}})
    rows = _rows(team.reviewer)
    assert len(rows) == 5  # one row per task: its newest revision
    corrected = next(r for r in rows if r["task_id"] == str(task))
    assert corrected["revision"] == "2" and corrected["status"] == "in_progress"
    assert corrected["lead"].startswith("'=")  # a formula is shown, never run
    assert {r["document_id"] for r in _rows(team.reviewer, document_id=second)} == {str(second)}
    assert [r["task_id"] for r in _rows(team.reviewer, status="in_progress")] == [str(task)]
    assert [r["task_id"] for r in _rows(team.reviewer, deadline_to="2026-02-01")] == [str(task)]
    assert len(_rows(team.reviewer, deadline_from="2030-01-01")) == 4
    assert len(_rows(team.reviewer, lead="tổ chức")) == 0
    assert len(_rows(team.reviewer, lead="văn phòng trung ương")) == 4
    xlsx = team.reviewer.get("/api/v1/exports/tasks.xlsx", params={"document_id": first})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "task_id" and len(values) == 3
    assert "Nhiệm vụ số 1" in values[1][values[0].index("content")] + values[2][values[0].index("content")]
    assert team.key("uploader").get("/api/v1/exports/tasks.csv").status_code == 403
    assert team.reviewer.get("/api/v1/exports/tasks.csv", params={"status": "done"}).status_code == 422


def test_exports_verify_command_checks_a_record_offline(team, tmp_path, anonymous):
    _publish(team, tasks=1)
    [item], _ = pull_all(team.approver)
    record_file = tmp_path / "item.json"
    record_file.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    key_file = tmp_path / "key.json"
    key_file.write_text(anonymous.get("/.well-known/giaoviec-signing-key").text, encoding="utf-8")
    pem_file = tmp_path / "key.pem"
    pem_file.write_text(json.loads(key_file.read_text())["keys"][0]["pem"], encoding="ascii")

    def verify(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([GIAOVIEC, "verify", *args], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "GIAOVIEC_DATA_DIR": str(tmp_path)})

    ok = verify(str(record_file), "--key", str(key_file))
    assert ok.returncode == 0 and ok.stdout.startswith("OK: task"), ok.stderr
    assert verify(str(record_file), "--key", str(pem_file)).returncode == 0
    item["record"]["deadline"]["date"] = "2099-01-01"
    record_file.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    bad = verify(str(record_file), "--key", str(key_file), "--format", "json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["ok"] is False
    assert verify(str(record_file)).returncode == 2  # no key in this data dir


def test_exports_feed_export_command(tmp_path):
    from datetime import UTC, datetime

    from api.db.session import Database
    from api.services import auth

    env = {**os.environ, "GIAOVIEC_DATA_DIR": str(tmp_path / "data")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([GIAOVIEC, *args], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)

    assert run("db", "upgrade").returncode == 0
    from api.services.audit import load_or_create_key

    db = Database(f"sqlite:///{tmp_path / 'data' / 'giaoviec.sqlite3'}",
                  audit_key=load_or_create_key(tmp_path / "data" / "keys" / "audit.key"))
    auth.add_user(db, username="an", password="mat-khau-dai-lam", org="VP", role="approver", now=datetime.now(UTC))
    db.dispose()
    answer = run("feed", "export", "--org", "VP")
    assert answer.returncode == 0 and answer.stdout.removeprefix("\ufeff").startswith("task_id,revision")
    assert run("feed", "export", "--org", "nobody").returncode == 2
    out = tmp_path / "tasks.xlsx"
    assert run("feed", "export", "--org", "VP", "--format", "xlsx", "--output", str(out)).returncode == 0
    assert out.read_bytes()[:2] == b"PK"
