"""Checks run on every change of a proposal: one consistent deadline, flags computed again."""

from __future__ import annotations


def _patch(client, proposal, **body):
    return client.patch(f"/api/v1/proposals/{proposal['id']}", json=body,
                        headers={"If-Match": f'"{proposal["version"]}"'})


def _flags(proposal):
    return {f["name"]: f["ok"] for f in proposal["flags"]}


def test_review_checks_a_date_makes_a_dateless_kind_a_date(team, extracted):
    proposal = extracted()["proposals"][0]
    answer = _patch(team.reviewer, proposal, status="accepted",
                    deadline={"kind": "none", "date": "2026-12-31"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["deadline"]["kind"] == "date"
    assert answer.json()["deadline"]["date"] == "2026-12-31"


def test_review_checks_kind_date_without_a_date_is_a_422_problem(team, extracted):
    proposal = extracted()["proposals"][0]
    for kind in ("date", "period"):
        answer = _patch(team.reviewer, proposal, status="accepted", deadline={"kind": kind, "date": None})
        assert answer.status_code == 422
        assert answer.headers["content-type"].startswith("application/problem+json")
        problem = answer.json()
        assert problem["code"] == "E120" and problem["field"] == "deadline.date"
        assert "phải có ngày" in problem["detail_vi"]
    unchanged = team.reviewer.get(f"/api/v1/proposals/{proposal['id']}").json()
    assert unchanged["version"] == proposal["version"] and unchanged["status"] == "proposed"


def test_review_checks_recurrence_needs_a_recurring_kind(team, extracted):
    proposal = extracted()["proposals"][0]
    answer = _patch(team.reviewer, proposal, status="accepted",
                    deadline={"kind": "date", "date": "2026-01-31", "recurrence": "monthly"})
    assert answer.status_code == 422 and answer.json()["field"] == "deadline.recurrence"


def test_review_checks_added_task_deadline_is_checked(team, extracted):
    view = extracted()
    answer = team.reviewer.post(f"/api/v1/documents/{view['id']}/proposals",
                                json={"start": 0, "end": 40, "lead": ["Bộ Tư pháp"],
                                      "deadline": {"kind": "period"}})
    assert answer.status_code == 422 and answer.json()["code"] == "E120"


def test_review_checks_flags_turn_ok_after_a_fixing_edit(team, extracted):
    view = extracted()
    proposal = next(p for p in view["proposals"] if p["deadline"]["kind"] == "none")
    answer = _patch(team.reviewer, proposal, status="accepted", lead=["Bộ Tư pháp"],
                    deadline={"kind": "date", "date": "2026-06-30"})
    assert answer.status_code == 200, answer.text
    flags = _flags(answer.json())
    assert flags["when"] is True and flags["one_lead"] is True and flags["lead_in_directory"] is True
    assert "no_lead" not in flags and "body_not_in_directory" not in flags

    two = _patch(team.reviewer, answer.json(), status="accepted",
                 lead=["Bộ Tư pháp", "Vụ Không Có Thật"], deadline={"kind": "none"})
    flags = _flags(two.json())
    assert flags["one_lead"] is False and flags["lead_in_directory"] is False
    assert flags["body_not_in_directory"] is False
    assert two.json()["deadline"] == {"text": None, "kind": "none", "date": None, "recurrence": None}


def test_review_checks_publish_refuses_a_stored_contradiction(team, extracted):
    view = extracted()
    with team.app.state.db.session() as session:
        from api.db.tables import ProposalRow

        row = session.get(ProposalRow, view["proposals"][0]["id"])
        row.deadline = {"text": None, "kind": "period", "date": None, "recurrence": None}
        row.status = "accepted"
    for p in team.reviewer.get(f"/api/v1/documents/{view['id']}").json()["proposals"]:
        if p["status"] == "proposed":
            assert _patch(team.reviewer, p, status="rejected").status_code == 200
    answer = team.approver.post(f"/api/v1/documents/{view['id']}/publish", json={})
    assert answer.status_code == 422
    assert answer.json()["code"] == "E120" and answer.json()["proposals"] == [view["proposals"][0]["id"]]
    assert team.reviewer.get(f"/api/v1/documents/{view['id']}").json()["status"] == "in_review"
