"""``PATCH /api/v1/documents/{id}``: the metadata corrected before publishing, audited, moving
the review window and reaching the feed record."""

from __future__ import annotations

import uuid
from datetime import date

from api_helpers import pull_all, sample_bytes, seed_reviewed_document, upload, wait_until_extracted

from extraction.calendar import default_calendar


def test_document_metadata_number_corrected_reaches_the_feed(team):
    document_id = seed_reviewed_document(team.app, team.org, number="386-BC/BTCTW")
    answer = team.reviewer.patch(f"/api/v1/documents/{document_id}",
                                 json={"number": " 386-KL/TW ", "type": "Kết luận"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["metadata"]["number"] == "386-KL/TW"
    assert answer.json()["id"] == document_id and "proposals" in answer.json()
    history = team.reviewer.get(f"/api/v1/documents/{document_id}/history").json()
    edit = [h for h in history if h["action"] == "document.edit"]
    assert len(edit) == 1 and edit[0]["actor"] == f"user:{team.reviewer.username}"
    assert edit[0]["before"]["number"] == "386-BC/BTCTW" and edit[0]["after"]["number"] == "386-KL/TW"

    assert team.approver.post(f"/api/v1/documents/{document_id}/publish", json={}).status_code == 200
    items, _ = pull_all(team.approver)
    records = [i["record"] for i in items if i["record"]["document"]["id"] == document_id]
    assert records and all(r["document"]["number"] == "386" and r["document"]["symbol"] == "KL/TW"
                           for r in records)
    late = team.reviewer.patch(f"/api/v1/documents/{document_id}", json={"number": "1-KL/TW"})
    assert late.status_code == 409 and late.json()["code"] == "E109"


def test_document_metadata_issue_date_moves_the_review_window(team):
    undated = sample_bytes(number=f"{uuid.uuid4().int % 900 + 100}-KL/TW").decode()
    undated = undated.replace("Hà Nội, ngày 10 tháng 12 năm 2025", "Hà Nội")
    answer = upload(team.reviewer, undated.encode())
    view = wait_until_extracted(team.reviewer, answer.json()["id"])
    # No printed date: the window counts from the upload, and the document says so.
    assert view["metadata"]["issued"] is None and view["review_from"] == "upload"
    moved = team.reviewer.patch(f"/api/v1/documents/{view['id']}", json={"issued": "2026-01-09"})
    assert moved.status_code == 200, moved.text
    body = moved.json()
    due = default_calendar().add_working_days(date(2026, 1, 9), 3)
    assert body["metadata"]["issued"] == "2026-01-09" and body["review_due"] == due.isoformat()
    assert body["review_due"] != view["review_due"]
    assert body["review_from"] == "issued"


def test_document_metadata_refusals(team):
    document_id = seed_reviewed_document(team.app, team.org)
    bad_date = team.reviewer.patch(f"/api/v1/documents/{document_id}", json={"issued": "2026-02-30"})
    assert bad_date.status_code == 422 and bad_date.json()["code"] == "E110"
    unknown = team.reviewer.patch(f"/api/v1/documents/{document_id}", json={"title": "x"})
    assert unknown.status_code == 422
    top = team.reviewer.patch(f"/api/v1/documents/{document_id}", json={"secrecy": "Tuyệt mật"})
    assert top.status_code == 422 and top.json()["code"] == "E102"
    secret = team.reviewer.patch(f"/api/v1/documents/{document_id}", json={"secrecy": "Mật"})
    assert secret.status_code == 200 and secret.json()["metadata"]["secrecy"] == "Mật"


def test_document_metadata_same_number_marks_a_possible_duplicate(team):
    first = seed_reviewed_document(team.app, team.org, number="501-KL/TW")
    second = seed_reviewed_document(team.app, team.org, number="502-KL/TW")
    answer = team.reviewer.patch(f"/api/v1/documents/{second}", json={"number": "501-KL/TW"})
    assert answer.json()["possible_duplicate_of"] == first
    again = team.reviewer.patch(f"/api/v1/documents/{second}", json={"number": "503-KL/TW"})
    assert again.json()["possible_duplicate_of"] is None
