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


def test_bodies_search_exact_name_first_and_one_option_per_name(team):
    names = [b["name"] for b in team.reviewer.get("/api/v1/bodies", params={"q": "Bộ Tư pháp"}).json()]
    assert names[0] == "Bộ Tư pháp"
    repeated = [b["name"] for b in team.reviewer.get("/api/v1/bodies", params={"q": "Sở Công Thương"}).json()]
    assert repeated[0] == "Sở Công Thương" and len(repeated) == len(set(repeated))


def test_bodies_search_marks_ended_bodies_with_their_successor(team, clock):
    from datetime import UTC, datetime

    clock.fixed = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
    options = team.reviewer.get("/api/v1/bodies", params={"q": "Sở Công Thương tỉnh Hà", "limit": 20}).json()
    ended = [o for o in options if o["ended"]]
    assert ended, options
    first_ended = options.index(ended[0])
    assert all(o["ended"] for o in options[first_ended:])  # the living ones come first
    ha_nam = next(o for o in options if o["name"] == "Sở Công Thương tỉnh Hà Nam")
    assert ha_nam["ended"] and ha_nam["successor_name"] == "Sở Công Thương tỉnh Ninh Bình"
    # On a day it still existed, the same body is not marked.
    clock.fixed = datetime(2025, 6, 1, 3, 0, tzinfo=UTC)
    before = team.reviewer.get("/api/v1/bodies", params={"q": "Sở Công Thương tỉnh Hà Nam"}).json()
    assert before[0]["name"] == "Sở Công Thương tỉnh Hà Nam" and before[0]["ended"] is False
