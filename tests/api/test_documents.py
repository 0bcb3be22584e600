"""``/api/v1/documents``: upload, duplicates, bad files, secrecy, list, view, organisations."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from api_helpers import sample_bytes, upload, wait_until_extracted
from files_factory import docx_bytes, pdf_bytes, png_bytes, zip_bomb_docx
from sqlalchemy import func, select

from api.db.tables import DocumentRow
from api.errors import UploadTooLarge
from api.services.documents import read_limited, window_state


def _count_documents(app, org_client) -> int:
    return org_client.get("/api/v1/documents").json()["total"]


def test_documents_upload_answers_202_then_extracts(team):
    answer = upload(team.reviewer, sample_bytes())
    assert answer.status_code == 202
    body = answer.json()
    assert body["status"] == "received" and body["duplicate_of"] is None and body["is_new"]
    assert answer.headers["location"] == f"/api/v1/documents/{body['id']}"
    view = wait_until_extracted(team.reviewer, body["id"])
    assert view["status"] == "extracted"  # reading changes nothing
    assert team.reviewer.get(f"/api/v1/documents/{body['id']}").json()["status"] == "extracted"
    assert view["metadata"]["number"] == "999-KL/TW"
    assert view["metadata"]["issued"] == "2025-12-10"
    assert view["pipeline_version"].startswith("giaoviec-")
    from models.loaders import active_version

    if active_version():  # every proposal records the model that made it (issue 7)
        assert view["pipeline_version"].endswith(f"+{active_version()}")
    task = next(p for p in view["proposals"] if "hệ thống theo dõi" in p["text"])
    assert task["lead"] == ["Văn phòng Trung ương Đảng"]
    assert task["deadline"]["date"] == "2026-06-25"
    assert task["status"] == "proposed" and task["version"] == 1 and task["origin"] == "model"
    assert task["provenance"]["lead"].startswith("giaoviec_roles_v1")
    assert view["text"][task["start"] : task["end"]] == task["text"]


def test_documents_open_starts_the_review_once(team):
    document_id = upload(team.reviewer, sample_bytes(number="31-KL/TW")).json()["id"]
    assert wait_until_extracted(team.reviewer, document_id)["status"] == "extracted"
    tracker = team.key("tracker")
    assert tracker.post(f"/api/v1/documents/{document_id}/open").status_code in (403, 404)
    first = team.reviewer.post(f"/api/v1/documents/{document_id}/open")
    again = team.reviewer.post(f"/api/v1/documents/{document_id}/open")
    assert first.status_code == again.status_code == 200
    assert first.json() == {"id": document_id, "status": "in_review", "opened": True}
    assert again.json()["opened"] is False and again.json()["status"] == "in_review"
    history = team.reviewer.get(f"/api/v1/documents/{document_id}/history").json()
    assert [h["action"] for h in history].count("document.open") == 1


def test_documents_proposals_carry_spans_product_and_flags(team):
    document_id = upload(team.reviewer, sample_bytes(number="32-KL/TW")).json()["id"]
    view = wait_until_extracted(team.reviewer, document_id)
    assert view["accept_all_threshold"] == team.app.state.settings.accept_all_threshold
    task = next(p for p in view["proposals"] if "hệ thống theo dõi" in p["text"])
    text = view["text"]
    # The spans are the extractor's own (Body.span, Deadline.span), offsets into the text.
    assert [text[s["start"]:s["end"]] for s in task["spans"]["lead"]] == ["Văn phòng Trung ương Đảng"]
    assert [text[s["start"]:s["end"]] for s in task["spans"]["deadline"]] == ["trước ngày 25/6/2026"]
    for span in task["spans"]["lead"] + task["spans"]["support"] + task["spans"]["deadline"]:
        assert task["start"] <= span["start"] < span["end"] <= task["end"]
    names = {f["name"] for f in task["flags"]}
    assert {"one_lead", "lead_in_directory", "who", "what", "when", "responsibility", "authority",
            "product"} <= names
    assert all(set(f) == {"name", "ok", "words"} for f in task["flags"])
    assert "product" in task


def test_documents_same_file_twice_gives_the_existing_document(team):
    first = upload(team.reviewer, sample_bytes())
    second = upload(team.reviewer, sample_bytes(), filename="copy.txt")
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["is_new"] is False
    assert _count_documents(team.app, team.reviewer) == 1


def test_documents_same_number_other_file_is_flagged(team):
    first = upload(team.reviewer, sample_bytes()).json()
    second = upload(team.reviewer, sample_bytes(extra="Văn phòng Trung ương Đảng theo dõi.")).json()
    assert second["id"] != first["id"]
    assert second["duplicate_of"] == first["id"]
    view = wait_until_extracted(team.reviewer, second["id"])
    assert view["possible_duplicate_of"] == first["id"]


def test_documents_same_file_in_two_organisations_is_two_documents(team, other_team):
    mine = upload(team.reviewer, sample_bytes()).json()
    theirs = upload(other_team.reviewer, sample_bytes()).json()
    assert mine["id"] != theirs["id"] and theirs["duplicate_of"] is None


@pytest.mark.parametrize("name, data, status, code", [
    ("empty.txt", b"", 422, "E001"),
    ("anh.png", png_bytes(), 415, "E002"),
    ("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", 422, "E003"),
    ("mat-khau.pdf", pdf_bytes(["Kết luận của Ban Bí thư về công tác cán bộ."], encrypt="123"), 422, "E004"),
    ("bom.docx", zip_bomb_docx(20), 422, "E007"),
    ("english.txt", b"The committee met on Monday and agreed to review the budget next year. " * 5, 422, "E006"),
])
def test_documents_bad_files_are_refused_and_not_stored(team, name, data, status, code):
    answer = upload(team.reviewer, data, filename=name)
    assert answer.status_code == status, answer.text
    problem = answer.json()
    assert problem["code"] == code and problem["status"] == status
    assert problem["detail"] and problem["detail_vi"]
    assert "Traceback" not in answer.text
    assert _count_documents(team.app, team.reviewer) == 0


def test_documents_oversize_is_413_and_not_stored(team):
    big = b"Giao Bo Tai chinh chu tri. " * 50_000  # 1.3 MB, the tests' limit is 1 MB
    answer = upload(team.reviewer, big)
    assert answer.status_code == 413
    assert answer.json()["code"] == "E101"
    assert _count_documents(team.app, team.reviewer) == 0


def test_documents_read_limited_stops_at_the_limit():
    assert read_limited(io.BytesIO(b"x" * 10), max_bytes=10) == b"x" * 10
    with pytest.raises(UploadTooLarge):
        read_limited(io.BytesIO(b"x" * 11), max_bytes=10)


def test_documents_top_secret_is_refused_before_it_is_stored(team):
    answer = upload(team.reviewer, sample_bytes(header_line="TUYỆT MẬT"))
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["code"] == "E102"
    assert "Điều 5" in problem["rule_source"] and "tuyệt mật" in problem["rule"]
    assert "Quy chế 08" in problem["detail"] and "Tuyệt mật" in problem["detail_vi"]
    with team.app.state.db.session(read_only=True) as session:
        digest = __import__("hashlib").sha256(sample_bytes(header_line="TUYỆT MẬT")).hexdigest()
        assert session.scalar(select(func.count()).where(DocumentRow.sha256 == digest)) == 0


def test_documents_secret_document_keeps_no_text_and_needs_clearance(team):
    answer = upload(team.reviewer, sample_bytes(header_line="MẬT"))
    assert answer.status_code == 202
    view = wait_until_extracted(team.reviewer, answer.json()["id"])
    assert view["metadata"]["secrecy"] == "Mật"
    assert view["text"] is None and view["content_withheld"]
    assert view["proposals"] and all(p["text"] is None and p["lead"] is None for p in view["proposals"])
    with team.app.state.db.session(read_only=True) as session:
        assert session.get(DocumentRow, view["id"]).text is None
    cleared = team.user("reviewer", clearance=1)
    seen = cleared.get(f"/api/v1/documents/{view['id']}").json()
    assert not seen["content_withheld"]
    assert all(p["text"] for p in seen["proposals"])
    first = view["proposals"][0]
    refused = team.reviewer.patch(f"/api/v1/proposals/{first['id']}", json={"status": "accepted"},
                                  headers={"If-Match": str(first["version"])})
    assert refused.status_code == 403


@pytest.mark.parametrize("make", [
    lambda text: pdf_bytes(text.splitlines()),
    lambda text: docx_bytes(text.splitlines()),
], ids=["pdf", "docx"])
def test_documents_pdf_and_docx_are_extracted(team, make):
    answer = upload(team.reviewer, make(sample_bytes().decode()), filename="ket-luan.bin")
    assert answer.status_code == 202, answer.text
    view = wait_until_extracted(team.reviewer, answer.json()["id"])
    assert view["media_type"] in ("application/pdf",
                                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert any(p["lead"] == ["Văn phòng Trung ương Đảng"] for p in view["proposals"])


def test_documents_html_in_text_stays_text(team):
    html = '<script>alert("x")</script><b>Bộ Tài chính</b>'
    answer = upload(team.reviewer, sample_bytes(extra=f"6. Giao Bộ Tài chính chủ trì {html} trước ngày 30/6/2026."))
    view = wait_until_extracted(team.reviewer, answer.json()["id"])
    raw = team.reviewer.get(f"/api/v1/documents/{view['id']}")
    assert raw.headers["content-type"] == "application/json"
    assert html in raw.json()["text"]
    assert any(html in p["text"] for p in raw.json()["proposals"])


def test_documents_list_is_sorted_by_review_window(team, clock):
    clock.fixed = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)  # Wednesday, 10:00 in Hà Nội
    late = upload(team.reviewer, sample_bytes(number="1-KL/TW"), issued=date(2026, 2, 2)).json()
    soon = upload(team.reviewer, sample_bytes(number="2-KL/TW"), issued=date(2026, 3, 2)).json()
    fresh = upload(team.reviewer, sample_bytes(number="3-KL/TW"), issued=date(2026, 3, 4)).json()
    listing = team.reviewer.get("/api/v1/documents").json()
    assert [d["id"] for d in listing["items"]] == [late["id"], soon["id"], fresh["id"]]
    states = {d["id"]: (d["window_state"], d["review_due"]) for d in listing["items"]}
    assert states[late["id"]][0] == "overdue"
    assert states[soon["id"]] == ("due_soon", "2026-03-05")
    assert states[fresh["id"]] == ("ok", "2026-03-09")
    assert "text" not in listing["items"][0]


def test_documents_review_window_uses_the_working_day_calendar():
    due = date(2026, 2, 24)  # issued Thursday 12/02/2026, Tết in between (calendar docstring)
    assert window_state("in_review", due, datetime(2026, 2, 12, 3, tzinfo=UTC)) == ("ok", 3)
    assert window_state("in_review", due, datetime(2026, 2, 13, 3, tzinfo=UTC)) == ("ok", 2)
    assert window_state("in_review", due, datetime(2026, 2, 23, 3, tzinfo=UTC))[0] == "due_soon"
    assert window_state("in_review", due, datetime(2026, 2, 25, 3, tzinfo=UTC))[0] == "overdue"
    assert window_state("published", due, datetime(2026, 2, 25, 3, tzinfo=UTC))[0] == "closed"


def test_documents_other_organisation_sees_404(team, other_team, extracted):
    view = extracted()
    stranger = other_team.reviewer
    assert stranger.get(f"/api/v1/documents/{view['id']}").status_code == 404
    proposal = view["proposals"][0]
    assert stranger.get(f"/api/v1/proposals/{proposal['id']}").status_code == 404
    patched = stranger.patch(f"/api/v1/proposals/{proposal['id']}", json={"status": "rejected", "version": 1})
    assert patched.status_code == 404
    assert stranger.post(f"/api/v1/documents/{view['id']}/accept-all", json={}).status_code == 404
    assert stranger.get("/api/v1/documents").json()["total"] == 0


def test_documents_unknown_id_is_404(team):
    answer = team.reviewer.get("/api/v1/documents/987654321")
    assert answer.status_code == 404 and answer.json()["code"] == "E106"
    assert team.reviewer.get("/api/v1/documents/abc").status_code == 422


def test_documents_uploader_key_uploads_tracker_key_cannot(team):
    uploader, tracker = team.key("uploader"), team.key("tracker")
    answer = upload(uploader, sample_bytes())
    assert answer.status_code == 202
    assert uploader.get(f"/api/v1/documents/{answer.json()['id']}").status_code == 200
    refused = upload(tracker, sample_bytes(number="5-KL/TW"))
    assert refused.status_code == 403 and refused.json()["code"] == "E104"
    assert tracker.get(f"/api/v1/documents/{answer.json()['id']}").status_code == 404  # not published
    annotator = team.user("annotator")
    assert upload(annotator, sample_bytes(number="6-KL/TW")).status_code == 403
