"""Metadata only, for real (issue 14, finding 2): a Mật document's task words are nowhere in
clear, in no table, no file of the data folder, no log line, no export and no webhook, through
its whole review; its sealed content opens for the cleared reviewer and is gone once it is
published. Database files are 0600, the data folder 0700, webhook secrets sealed."""

from __future__ import annotations

import io
import json
import logging
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import BASE_URL, SAMPLE, SECRET, Team, pull_all, upload, wait_until_extracted
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from test_webhooks import receiver  # noqa: F401 (the fixture)

from api.app import create_app
from api.db.tables import Base, DocumentRow, ProposalRow
from api.sealing import is_sealed
from api.services import audit
from api.settings import Settings

# Canary words: ASCII, so that they would show in the database file even inside JSON, and
# unique to this run.
RUN = uuid.uuid4().hex[:6]
CANARIES = {name: f"kimtuoc{name}{RUN}" for name in ("title", "task", "edit", "added", "body", "product")}
WEBHOOK_SECRET = f"webhook-secret-{RUN}-" + "x" * 24


def _marked_sample() -> bytes:
    text = SAMPLE.replace("Số 999-KL/TW", "Số 999-KL/TW\nMẬT", 1)
    text = text.replace("về việc tăng cường theo dõi", f"về việc tăng cường theo dõi {CANARIES['title']}", 1)
    text = text.replace("xây dựng hệ thống theo dõi", f"xây dựng hệ thống {CANARIES['task']} theo dõi", 1)
    return text.encode("utf-8")


@pytest.fixture
def private_app(tmp_path: Path) -> Iterator[FastAPI]:
    """An app whose SQLite database lives in its own data folder, so that every file the
    service writes can be searched."""
    settings = Settings(_env_file=None, environment="test", data_dir=tmp_path / "data",  # type: ignore[call-arg]
                        secret_key=SECRET, log_level="DEBUG", webhook_backoff_seconds=0.05,
                        webhook_poll_seconds=0.05, webhook_allowed_hosts=["127.0.0.1"])
    application = create_app(settings)
    with TestClient(application, base_url=BASE_URL):
        yield application


def _table_dump(app: FastAPI) -> str:
    with app.state.db.session(read_only=True) as session:
        rows = {table.name: [[str(v) for v in row] for row in session.execute(select(table)).all()]
                for table in Base.metadata.sorted_tables}
    return json.dumps(rows, ensure_ascii=False)


def _file_bytes(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _assert_no_canary(where: str, text: str | bytes) -> None:
    for name, word in CANARIES.items():
        needle = word.encode() if isinstance(text, bytes) else word
        assert needle not in text, f"the {name} canary in clear in {where}"


def _scan(app: FastAPI, data_dir: Path, logs: str) -> None:
    _assert_no_canary("the tables", _table_dump(app))
    for name, content in _file_bytes(data_dir).items():
        _assert_no_canary(name, content)
    _assert_no_canary("the log", logs)


def _review(team: Team, reviewer: TestClient) -> dict[str, Any]:
    answer = upload(reviewer, _marked_sample())
    assert answer.status_code == 202, answer.text
    view = wait_until_extracted(reviewer, answer.json()["id"])
    assert view["status"] == "extracted" and view["metadata"]["secrecy"] == "Mật"
    # The cleared reviewer sees the content, opened from its sealed form.
    assert CANARIES["title"] in view["metadata"]["title"]
    task = next(p for p in view["proposals"] if CANARIES["task"] in (p["text"] or ""))
    assert task["lead"] == ["Văn phòng Trung ương Đảng"] and task["deadline"]["text"]
    others = [p for p in view["proposals"] if p["id"] != task["id"]]
    edited = reviewer.patch(f"/api/v1/proposals/{task['id']}", json={
        "status": "edited", "version": task["version"], "text": f"{task['text']} {CANARIES['edit']}",
        "product": f"báo cáo {CANARIES['product']}", "lead": [f"Ban {CANARIES['body']}"]})
    assert edited.status_code == 200, edited.text
    assert CANARIES["edit"] in edited.json()["text"] and edited.json()["lead"] == [f"Ban {CANARIES['body']}"]
    rejected = reviewer.patch(f"/api/v1/proposals/{others[0]['id']}",
                              json={"status": "rejected", "version": others[0]["version"]})
    assert rejected.status_code == 200, rejected.text
    added = reviewer.post(f"/api/v1/documents/{view['id']}/proposals", json={
        "start": 0, "end": 1, "text": f"Giao Ban {CANARIES['added']} rà soát", "lead": ["Ban Tổ chức Trung ương"],
        "deadline": {"text": "trong tháng 3/2026", "kind": "date", "date": "2026-03-31"}})
    assert added.status_code == 201, added.text
    assert CANARIES["added"] in added.json()["text"]
    accepted = reviewer.post(f"/api/v1/documents/{view['id']}/accept-all", json={"min_confidence": 0})
    assert accepted.status_code == 200, accepted.text
    return view


@pytest.mark.integration
def test_secrecy_at_rest_no_task_word_in_clear_anywhere(private_app, receiver, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    data_dir = private_app.state.settings.data_dir
    team = Team(private_app, f"org-{RUN}")
    reviewer, approver = team.user("reviewer", clearance=1), team.user("approver", clearance=1)
    tracker = team.key("tracker")
    hook = tracker.post("/api/v1/webhooks", json={"url": receiver.url, "secret": WEBHOOK_SECRET})
    assert hook.status_code == 201, hook.text

    view = _review(team, reviewer)
    _scan(private_app, data_dir, caplog.text)  # under review: the content is there, sealed
    with private_app.state.db.session(read_only=True) as session:
        document = session.get(DocumentRow, view["id"])
        assert document is not None and is_sealed(document.title) and document.text is None
        proposals = session.scalars(select(ProposalRow).where(ProposalRow.document_id == view["id"])).all()
        assert proposals and all(is_sealed(p.text) for p in proposals)

    published = approver.post(f"/api/v1/documents/{view['id']}/publish")
    assert published.status_code == 200, published.text
    tasks = published.json()["tasks"]
    hooks = [r["body"].decode() for r in receiver.wait_for(len(tasks))]
    items, _ = pull_all(tracker)
    csv_text = tracker.get("/api/v1/exports/tasks.csv").text
    book = load_workbook(io.BytesIO(tracker.get("/api/v1/exports/tasks.xlsx").content))
    xlsx_text = json.dumps([list(r) for r in book.active.iter_rows(values_only=True)], ensure_ascii=False)
    assert len(items) == len(tasks) == len(hooks) == view["task_count"]  # one rejected, one added
    assert {i["record"]["deadline"]["date"] for i in items} >= {"2026-06-25", "2026-03-31"}
    corrected = approver.patch(f"/api/v1/tasks/{tasks[0]}", json={"status": "in_progress", "results": "đang làm"})
    assert corrected.status_code == 200, corrected.text
    refused = approver.patch(f"/api/v1/tasks/{tasks[0]}", json={"content": f"nội dung {CANARIES['edit']}"})
    assert refused.status_code == 422

    for where, text in {"feed": json.dumps(items), "webhooks": "\n".join(hooks), "csv": csv_text,
                        "xlsx": xlsx_text}.items():
        _assert_no_canary(where, text)
    _scan(private_app, data_dir, caplog.text)
    # Published: the sealed content is deleted; metadata, counts and deadlines stay.
    after = reviewer.get(f"/api/v1/documents/{view['id']}").json()
    assert after["metadata"]["title"] is None and after["metadata"]["number"] == "999-KL/TW"
    assert after["task_count"] == view["task_count"]
    assert all(p["text"] == "" for p in after["proposals"])
    assert {p["deadline"]["date"] for p in after["proposals"]} >= {"2026-06-25", "2026-03-31"}
    with private_app.state.db.session(read_only=True) as session:
        assert audit.verify(session).ok
        assert not any(is_sealed(p.text) for p in session.scalars(select(ProposalRow)).all())


def test_secrecy_at_rest_every_table_on_each_backend(team, caplog):
    """The same review on the shared app (SQLite and PostgreSQL): no table holds a task word."""
    caplog.set_level(logging.DEBUG)
    reviewer, approver = team.user("reviewer", clearance=1), team.user("approver", clearance=1)
    view = _review(team, reviewer)
    _assert_no_canary("the tables under review", _table_dump(team.app))
    assert approver.post(f"/api/v1/documents/{view['id']}/publish").status_code == 200
    _assert_no_canary("the tables after publishing", _table_dump(team.app))
    _assert_no_canary("the log", caplog.text)


@pytest.mark.integration
def test_secrecy_at_rest_files_are_private_and_webhook_secrets_sealed(private_app, receiver):  # noqa: F811
    team = Team(private_app, f"org-files-{RUN}")
    tracker = team.key("tracker")
    assert tracker.post("/api/v1/webhooks", json={"url": receiver.url, "secret": WEBHOOK_SECRET}).status_code == 201
    data_dir = private_app.state.settings.data_dir
    database = data_dir / "giaoviec.sqlite3"
    files = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
    assert all(f.exists() for f in files)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for file in [*files, data_dir / "keys" / "content.key"]:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    for name, content in _file_bytes(data_dir).items():
        assert WEBHOOK_SECRET.encode() not in content, name
    # That the sealed secret still signs deliveries: test_webhooks checks every signature.


def test_secrecy_at_rest_content_stored_in_clear_before_is_sealed_at_start(team):
    """A database from before issue 14: a Mật document under review with its proposals, an
    edit kept as a training example, a webhook secret, all in clear. The start-up step seals
    them; the cleared reviewer still reads the content; publishing then deletes it."""
    from api_helpers import seed_reviewed_document

    from api.db.tables import TrainingExample, Webhook
    from api.services import withheld

    db = team.app.state.db
    word = f"kimtuoclegacy{uuid.uuid4().hex[:6]}"
    document_id = seed_reviewed_document(team.app, team.org, secrecy="Mật")
    with db.session() as session:
        proposals = session.scalars(select(ProposalRow).where(ProposalRow.document_id == document_id)).all()
        proposals[0].text = f"Giao Văn phòng {word} rà soát"
        document = session.get(DocumentRow, document_id)
        session.add(TrainingExample(org_id=document.org_id, document_id=document_id, proposal_id=proposals[0].id,
                                    kind="edited", before=None, after={"text": word}, actor="test",
                                    created_at=document.created_at))
        session.add(Webhook(org_id=document.org_id, url="https://tracker.example/hook", secret=f"secret-{word}",
                            is_active=False, created_by="test", created_at=document.created_at))
    assert word in _table_dump(team.app)
    assert withheld.seal_stored(db) >= 3
    assert withheld.seal_stored(db) == 0  # nothing left to do the second time
    assert word not in _table_dump(team.app)
    reviewer = team.user("reviewer", clearance=1)
    view = reviewer.get(f"/api/v1/documents/{document_id}").json()
    assert any(word in p["text"] for p in view["proposals"])
    assert view["metadata"]["title"] == "về công việc thử nghiệm"
    approver = team.user("approver", clearance=1)
    assert approver.post(f"/api/v1/documents/{document_id}/publish").status_code == 200
    with db.session(read_only=True) as session:
        rows = session.scalars(select(ProposalRow).where(ProposalRow.document_id == document_id)).all()
        assert all(p.text == "" and p.lead == [] and p.product is None for p in rows)
