"""``/api/v1/proposals`` and the review actions: decide, conflicts, add, accept-all, publish."""

from __future__ import annotations

from sqlalchemy import select

from api.db.tables import TaskRevision, TrainingExample


def _patch(client, proposal, **body):
    return client.patch(f"/api/v1/proposals/{proposal['id']}", json=body,
                        headers={"If-Match": f'"{proposal["version"]}"'})


def _decide_all(client, view, status="accepted"):
    for proposal in view["proposals"]:
        if proposal["status"] == "proposed":
            assert _patch(client, proposal, status=status).status_code == 200


def test_proposals_accept_moves_version_and_writes_audit(team, extracted):
    view = extracted()
    proposal = view["proposals"][0]
    answer = _patch(team.reviewer, proposal, status="accepted")
    assert answer.status_code == 200
    assert answer.json()["status"] == "accepted" and answer.json()["version"] == 2
    assert answer.headers["etag"] == '"2"'
    assert answer.json()["decided_by"] == f"user:{team.reviewer.username}"
    history = team.reviewer.get(f"/api/v1/documents/{view['id']}/history").json()
    assert [h["action"] for h in history][:1] == ["document.upload"]


def test_proposals_two_reviewers_get_a_conflict_not_a_lost_update(team, extracted):
    view = extracted()
    proposal = view["proposals"][1]
    first, second = team.reviewer, team.user("reviewer")
    won = _patch(first, proposal, status="edited", lead=["Bộ Nội vụ"])
    lost = _patch(second, proposal, status="rejected")
    assert won.status_code == 200
    assert lost.status_code == 409
    problem = lost.json()
    assert problem["code"] == "E107" and problem["current_version"] == 2
    assert problem["current"]["lead"] == ["Bộ Nội vụ"]
    now = first.get(f"/api/v1/proposals/{proposal['id']}").json()
    assert now["status"] == "edited" and now["lead"] == ["Bộ Nội vụ"]
    retried = second.patch(f"/api/v1/proposals/{proposal['id']}", json={"status": "rejected", "version": 2})
    assert retried.status_code == 200 and retried.json()["version"] == 3


def test_proposals_edit_is_kept_as_training_example(team, extracted):
    view = extracted()
    proposal = view["proposals"][0]
    deadline = {"text": "trước ngày 30/6/2026", "kind": "date", "date": "2026-06-30", "recurrence": None}
    answer = _patch(team.reviewer, proposal, status="accepted", deadline=deadline,
                    support=["Bộ Tài chính"])
    assert answer.status_code == 200
    edited = answer.json()
    assert edited["status"] == "edited"  # changed fields make an acceptance an edit
    assert edited["deadline"] == deadline and edited["support"] == ["Bộ Tài chính"]
    with team.app.state.db.session(read_only=True) as session:
        example = session.scalar(select(TrainingExample).where(TrainingExample.proposal_id == proposal["id"]))
        assert example is not None and example.kind == "edited"
        assert example.before["support"] == proposal["support"]
        assert example.after["deadline"] == deadline
        assert example.pipeline_version == view["pipeline_version"]


def test_proposals_bad_bodies_are_422(team, extracted):
    view = extracted()
    proposal = view["proposals"][0]
    url = f"/api/v1/proposals/{proposal['id']}"
    malformed = team.reviewer.patch(url, content=b'{"status": "accepted"', headers={
        "Content-Type": "application/json", "If-Match": "1"})
    assert malformed.status_code == 422
    assert "not valid JSON" in malformed.json()["detail"] and malformed.json()["code"] == "E110"
    unknown_status = _patch(team.reviewer, proposal, status="approved")
    assert unknown_status.status_code == 422 and "status" in unknown_status.json()["detail"]
    bad_kind = _patch(team.reviewer, proposal, status="edited", deadline={"kind": "soon"})
    assert bad_kind.status_code == 422
    no_version = team.reviewer.patch(url, json={"status": "accepted"})
    assert no_version.status_code == 422 and "version" in no_version.json()["detail"]
    bad_if_match = team.reviewer.patch(url, json={"status": "accepted"}, headers={"If-Match": "*"})
    assert bad_if_match.status_code == 422
    edited_nothing = _patch(team.reviewer, proposal, status="edited")
    assert edited_nothing.status_code == 422
    extra_field = _patch(team.reviewer, proposal, status="accepted", secret="x")
    assert extra_field.status_code == 422
    assert team.reviewer.get(url).json()["version"] == 1  # nothing changed


def test_proposals_unknown_id_is_404(team):
    answer = team.reviewer.patch("/api/v1/proposals/987654321", json={"status": "accepted", "version": 1})
    assert answer.status_code == 404 and answer.json()["code"] == "E106"


def test_proposals_add_task_from_a_selection(team, extracted):
    view = extracted()
    sentence = "Ban Bí thư đánh giá cao kết quả công tác theo dõi, đôn đốc năm 2025"
    start = view["text"].index(sentence)
    body = {"start": start, "end": start + len(sentence), "lead": ["Văn phòng Trung ương Đảng"],
            "deadline": {"text": "năm 2026", "kind": "period", "date": "2026-12-31"}}
    answer = team.reviewer.post(f"/api/v1/documents/{view['id']}/proposals", json=body)
    assert answer.status_code == 201, answer.text
    added = answer.json()
    assert added["text"] == sentence and added["status"] == "added" and added["origin"] == "human"
    assert added["ordinal"] == len(view["proposals"]) + 1
    assert added["provenance"]["text"].startswith("human:")
    outside = team.reviewer.post(f"/api/v1/documents/{view['id']}/proposals",
                                 json={**body, "end": len(view["text"]) + 10})
    assert outside.status_code == 422


def test_proposals_accept_all_above_threshold(team, extracted):
    view = extracted()
    answer = team.reviewer.post(f"/api/v1/documents/{view['id']}/accept-all", json={"min_confidence": 0.9})
    assert answer.status_code == 200
    expected = [p["id"] for p in view["proposals"] if p["confidence"] >= 0.9]
    assert answer.json()["accepted"] == expected
    after = team.reviewer.get(f"/api/v1/documents/{view['id']}").json()
    for proposal in after["proposals"]:
        assert proposal["status"] == ("accepted" if proposal["id"] in expected else "proposed")


def test_proposals_reviewer_cannot_publish(team, extracted):
    view = extracted()
    _decide_all(team.reviewer, view)
    answer = team.reviewer.post(f"/api/v1/documents/{view['id']}/publish")
    assert answer.status_code == 403 and answer.json()["code"] == "E104"
    assert team.reviewer.get(f"/api/v1/documents/{view['id']}").json()["status"] == "in_review"


def test_proposals_product_is_editable_and_added_tasks_take_one(team, extracted):
    view = extracted()
    proposal = view["proposals"][0]
    edited = _patch(team.reviewer, proposal, status="accepted", product="Đề án trình Ban Bí thư")
    assert edited.status_code == 200, edited.text
    assert edited.json()["status"] == "edited" and edited.json()["product"] == "Đề án trình Ban Bí thư"
    cleared = team.reviewer.patch(f"/api/v1/proposals/{proposal['id']}", json={
        "status": "edited", "product": None, "version": edited.json()["version"]})
    assert cleared.status_code == 200 and cleared.json()["product"] is None
    added = team.reviewer.post(f"/api/v1/documents/{view['id']}/proposals", json={
        "start": proposal["start"], "end": proposal["end"], "lead": ["Bộ Nội vụ"],
        "product": "Báo cáo tổng kết"})
    assert added.status_code == 201 and added.json()["product"] == "Báo cáo tổng kết"


def test_proposals_publish_needs_every_proposal_decided(team, extracted):
    view = extracted()
    first, *rest = view["proposals"]
    assert _patch(team.reviewer, first, status="rejected").status_code == 200
    refused = team.approver.post(f"/api/v1/documents/{view['id']}/publish")
    assert refused.status_code == 409 and refused.json()["code"] == "E108"
    assert refused.json()["undecided"] == [p["id"] for p in rest]
    assert team.approver.get(f"/api/v1/documents/{view['id']}").json()["status"] == "in_review"


def test_proposals_publish_puts_decided_tasks_in_the_feed_table(team, extracted):
    view = extracted()
    rejected, *accepted = view["proposals"]
    _patch(team.reviewer, rejected, status="rejected")
    _decide_all(team.reviewer, {"proposals": accepted})
    answer = team.approver.post(f"/api/v1/documents/{view['id']}/publish")
    assert answer.status_code == 200, answer.text
    assert answer.json()["tasks"] == [p["id"] for p in accepted]
    published = team.approver.get(f"/api/v1/documents/{view['id']}").json()
    assert published["status"] == "published" and published["window_state"] == "closed"
    with team.app.state.db.session(read_only=True) as session:
        revisions = session.scalars(select(TaskRevision).where(TaskRevision.document_id == view["id"])
                                    .order_by(TaskRevision.seq)).all()
    assert [r.task_id for r in revisions] == [p["id"] for p in accepted]
    assert revisions[0].record["task"]["content"] == accepted[0]["text"] and revisions[0].revision == 1
    assert [r.position for r in revisions] == sorted(r.position for r in revisions)
    late = _patch(team.reviewer, {**accepted[0], "version": 2}, status="rejected")
    assert late.status_code == 409 and late.json()["code"] == "E109"
    tracker = team.key("tracker")
    assert tracker.get(f"/api/v1/documents/{view['id']}").status_code == 200
    again = team.approver.post(f"/api/v1/documents/{view['id']}/publish")
    assert again.status_code == 409


def test_proposals_reject_whole_document(team, extracted):
    view = extracted()
    assert team.reviewer.post(f"/api/v1/documents/{view['id']}/reject", json={}).status_code == 403
    answer = team.approver.post(f"/api/v1/documents/{view['id']}/reject", json={"reason": "trùng"})
    assert answer.status_code == 200 and answer.json()["status"] == "rejected"
    assert team.approver.post(f"/api/v1/documents/{view['id']}/publish").status_code == 409
    history = team.approver.get(f"/api/v1/documents/{view['id']}/history").json()
    assert history[-1]["action"] == "document.reject" and history[-1]["after"]["reason"] == "trùng"


def test_proposals_uploader_key_cannot_review(team, extracted):
    view = extracted()
    uploader = team.key("uploader")
    answer = _patch(uploader, view["proposals"][0], status="accepted")
    assert answer.status_code == 403
