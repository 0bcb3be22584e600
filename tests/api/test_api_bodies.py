"""``/api/v1/bodies``: autocomplete over the directory of bodies."""

from __future__ import annotations


def test_bodies_search_without_diacritics(team):
    answer = team.reviewer.get("/api/v1/bodies", params={"q": "ban to chuc", "limit": 5})
    assert answer.status_code == 200
    names = [b["name"] for b in answer.json()]
    assert "Ban Tổ chức Trung ương" in names and len(names) <= 5


def test_bodies_needs_login_and_a_query(team, anonymous):
    assert anonymous.get("/api/v1/bodies", params={"q": "bo"}).status_code == 401
    answer = team.reviewer.get("/api/v1/bodies")
    assert answer.status_code == 422 and answer.json()["code"] == "E110"
