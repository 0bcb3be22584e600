"""Review tools: undo of the last decision, comments for the approver, a task's history, a
task's span moved to another stretch of the text."""

from __future__ import annotations


def _patch(client, proposal, **body):
    return client.patch(f"/api/v1/proposals/{proposal['id']}", json=body,
                        headers={"If-Match": f'"{proposal["version"]}"'})


def _undo(client, proposal):
    return client.post(f"/api/v1/proposals/{proposal['id']}/undo", headers={"If-Match": f'"{proposal["version"]}"'})


def test_review_tools_undo_restores_the_proposal_as_it_was(team, extracted):
    proposal = extracted()["proposals"][0]
    edited = _patch(team.reviewer, proposal, status="accepted", product="Báo cáo khác").json()
    assert edited["status"] == "edited"
    undone = _undo(team.reviewer, edited)
    assert undone.status_code == 200, undone.text
    back = undone.json()
    assert back["status"] == "proposed" and back["product"] == proposal["product"]
    assert back["decided_by"] is None and back["version"] == edited["version"] + 1
    # Only one step back: the undo itself is not a decision to take back.
    again = _undo(team.reviewer, back)
    assert again.status_code == 409 and again.json()["code"] == "E109"
    stale = _undo(team.reviewer, edited)
    assert stale.status_code == 409 and stale.json()["code"] == "E107"
    actions = [h["action"] for h in team.reviewer.get(f"/api/v1/proposals/{proposal['id']}/history").json()]
    assert actions == ["proposal.edit", "proposal.undo"]


def test_review_tools_no_undo_after_publishing(team, extracted):
    view = extracted()
    decided = [_patch(team.reviewer, p, status="accepted").json() for p in view["proposals"]]
    assert team.approver.post(f"/api/v1/documents/{view['id']}/publish", json={}).status_code == 200
    answer = _undo(team.reviewer, decided[0])
    assert answer.status_code == 409 and answer.json()["code"] == "E109"


def test_review_tools_comments_reach_the_document_view(team, extracted):
    view = extracted()
    proposal = view["proposals"][1]
    answer = team.reviewer.post(f"/api/v1/proposals/{proposal['id']}/comments",
                                json={"text": "  Đề nghị xem lại thời hạn.  "})
    assert answer.status_code == 201
    assert answer.json()["text"] == "Đề nghị xem lại thời hạn."
    shown = team.approver.get(f"/api/v1/documents/{view['id']}").json()
    comments = next(p for p in shown["proposals"] if p["id"] == proposal["id"])["comments"]
    assert [(c["actor"], c["text"]) for c in comments] == [(f"user:{team.reviewer.username}", "Đề nghị xem lại thời hạn.")]
    empty = team.reviewer.post(f"/api/v1/proposals/{proposal['id']}/comments", json={"text": ""})
    assert empty.status_code == 422


def test_review_tools_span_moves_and_takes_its_words(team, extracted):
    view = extracted()
    proposal = view["proposals"][0]
    start = view["text"].index("Giao Văn phòng")
    end = start + 60
    answer = _patch(team.reviewer, proposal, status="accepted", start=start, end=end)
    assert answer.status_code == 200, answer.text
    moved = answer.json()
    assert (moved["start"], moved["end"]) == (start, end)
    assert moved["text"] == view["text"][start:end] and moved["status"] == "edited"
    outside = _patch(team.reviewer, moved, status="accepted", start=0, end=10**7)
    assert outside.status_code == 422
    half = _patch(team.reviewer, moved, status="accepted", start=3)
    assert half.status_code == 422
