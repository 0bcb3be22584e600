"""``/api/v1/feed/tasks``, ``/api/v1/tasks/{id}``, corrections, the record and its signature."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from api_helpers import ROOT, pull_all, seed_reviewed_document

from api.services import signing
from api.services.records import RECORD_SCHEMA


def _publish(team, **seed) -> int:
    document_id = seed_reviewed_document(team.app, team.org, **seed)
    answer = team.approver.post(f"/api/v1/documents/{document_id}/publish")
    assert answer.status_code == 200, answer.text
    return document_id


def _public_key(client):
    return signing.load_public_key(json.dumps(client.get("/.well-known/giaoviec-signing-key").json()))


def test_feed_pages_every_revision_once_and_corrections_come_again(team):
    tracker = team.key("tracker")
    first_doc = _publish(team, tasks=3)
    second_doc = _publish(team, tasks=2)
    page = tracker.get("/api/v1/feed/tasks", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["has_more"]
    items, cursor = pull_all(tracker, limit=2)
    assert [i["record"]["document"]["id"] for i in items] == [first_doc] * 3 + [second_doc] * 2
    positions = [i["position"] for i in items]
    assert positions == sorted(positions) and len(set(positions)) == 5
    assert all(i["event"] == "published" and i["revision"] == 1 for i in items)
    assert pull_all(tracker, cursor) == ([], cursor)  # nothing new: the stored cursor stays

    task_id = items[1]["task_id"]
    corrected = team.approver.patch(f"/api/v1/tasks/{task_id}", headers={"If-Match": '"1"'},
                                    json={"lead": ["Bộ Nội vụ"], "priority": "urgent", "reason": "giao nhầm"})
    assert corrected.status_code == 200, corrected.text
    assert corrected.headers["etag"] == '"2"' and corrected.json()["event"] == "corrected"
    new, cursor = pull_all(tracker, cursor)
    assert [(i["task_id"], i["revision"]) for i in new] == [(task_id, 2)]
    record = new[0]["record"]
    assert record["lead"] == ["Bộ Nội vụ"] and record["group"]["priority"] == "urgent"
    assert record["task"] == items[1]["record"]["task"]  # the rest is carried over
    stale = team.approver.patch(f"/api/v1/tasks/{task_id}", headers={"If-Match": '"1"'}, json={"status": "in_progress"})
    assert stale.status_code == 409 and stale.json()["code"] == "E107" and stale.json()["current_version"] == 2
    assert tracker.get(f"/api/v1/tasks/{task_id}").json()["revision"] == 2
    history = tracker.get(f"/api/v1/tasks/{task_id}/revisions").json()
    assert [h["revision"] for h in history] == [1, 2]
    assert pull_all(tracker, cursor) == ([], cursor)


def test_feed_records_follow_article_5_and_their_schema(team):
    tracker = team.key("tracker")
    document_id = _publish(team, tasks=2, number="226-KL/TW")
    items, _ = pull_all(tracker)
    record = items[0]["record"]
    jsonschema.Draft202012Validator(RECORD_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(record)
    assert record["document"] == {"id": document_id, "name": "Kết luận", "number": "226", "symbol": "KL/TW",
                                  "summary": "về công việc thử nghiệm", "issued": "2025-12-10",
                                  "signer": "Trần Cẩm Tú", "secrecy": None, "task_count": 2}
    assert record["issuing_body"] == record["assigning_body"] == "Ban Bí thư"
    assert record["monitoring_body"] == team.org  # default: the organisation's office
    assert record["status"] == "not_started" and record["results"] is None and record["evaluation"] is None
    assert record["deadline"] == {"date": "2030-06-30", "text": "trước ngày 30/6/2030", "kind": "date",
                                  "recurrence": None}
    assert record["group"] == {"has_deadline": True, "scope": "national", "priority": "regular",
                               "secrecy": "normal"}
    assert record["lead"] == ["Văn phòng Trung ương Đảng"] and record["support"] == ["Ban Tổ chức Trung ương"]
    assert record["task"]["product"] == "Báo cáo"
    clocks = record["clocks"]
    assert clocks["assigned"] < clocks["acknowledgement_due"] < clocks["objection_due"]
    assert clocks["checkpoints"][0]["kind"] == "periodic"  # 2030: monthly updates (Art. 6.2.b.4)
    assert clocks["checkpoints"][0]["due"] > clocks["assigned"][:10]


def test_feed_signatures_verify_with_the_public_key(team, anonymous):
    tracker = team.key("tracker")
    _publish(team, tasks=1)
    [item], _ = pull_all(tracker)
    key = anonymous.get("/.well-known/giaoviec-signing-key").json()["keys"][0]
    assert key["kty"] == "OKP" and key["crv"] == "Ed25519" and key["kid"] == item["signature"]["kid"]
    public = _public_key(anonymous)
    assert signing.verify(item["record"], item["signature"]["value"], public)
    assert not signing.verify({**item["record"], "status": "completed"}, item["signature"]["value"], public)
    assert signing.verify(item["record"], item["signature"]["value"], signing.load_public_key(key["pem"]))


def test_feed_key_file_is_private(app):
    path = app.state.settings.signing_key_path
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600


def test_feed_schema_is_served_and_saved_in_docs(anonymous):
    answer = anonymous.get("/api/v1/schemas/task-record.json")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/schema+json")
    saved = json.loads(Path(ROOT / "docs" / "task-record.schema.json").read_text(encoding="utf-8"))
    assert answer.json() == saved == RECORD_SCHEMA


def test_feed_access_rules(team, other_team):
    _publish(team, tasks=1)
    assert team.reviewer.get("/api/v1/feed/tasks").status_code == 403
    assert team.key("uploader").get("/api/v1/feed/tasks").status_code == 403
    assert team.approver.get("/api/v1/feed/tasks").json()["items"]
    outsider = other_team.key("tracker")
    assert outsider.get("/api/v1/feed/tasks").json()["items"] == []
    [item], _ = pull_all(team.key("tracker"))
    assert outsider.get(f"/api/v1/tasks/{item['task_id']}").status_code == 404
    assert team.key("tracker").patch(f"/api/v1/tasks/{item['task_id']}", json={"status": "completed"}).status_code == 403
    bad = team.approver.get("/api/v1/feed/tasks", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 422 and bad.json()["code"] == "E110"
    empty = team.approver.patch(f"/api/v1/tasks/{item['task_id']}", json={})
    assert empty.status_code == 422
