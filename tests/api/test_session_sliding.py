"""Sessions slide: a session lasts ``session_max_age`` from the user's last request, except
the screen's own background polling, which keeps no idle session alive."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from api_helpers import BASE_URL, PASSWORD, SECRET
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer

from api.services import auth


def _age(cookie: str) -> float:
    _, stamp = URLSafeTimedSerializer(SECRET, salt="giaoviec.session").loads(cookie, return_timestamp=True)
    return time.time() - stamp.timestamp()


def _set_cookie(answer, name: str) -> str:
    header = next(c for c in answer.headers.get_list("set-cookie") if c.startswith(f"{name}="))
    return header.split(";", 1)[0].split("=", 1)[1].strip('"')


def _client_near_expiry(team) -> TestClient:
    user_id = team.reviewer.get("/api/v1/me").json()["id"]
    max_age = team.app.state.settings.session_max_age
    _, sid = auth.login(team.app.state.db, username=team.reviewer.username, password=PASSWORD,
                        now=datetime.now(UTC))
    old = auth.session_token(SECRET, user_id=user_id, csrf="c", session_id=sid,
                             issued_at=time.time() - max_age + 30)
    return TestClient(team.app, base_url=BASE_URL, cookies={"giaoviec_session": old, "giaoviec_csrf": "c"})


def test_session_sliding_a_request_renews_the_session(team):
    client = _client_near_expiry(team)
    answer = client.get("/api/v1/me")
    assert answer.status_code == 200
    max_age = team.app.state.settings.session_max_age
    assert answer.headers["x-session-expires-in"] == str(max_age)
    assert answer.json()["session_max_age"] == max_age
    renewed = _set_cookie(answer, "giaoviec_session")
    assert _age(renewed) < 5  # counted from now again, not from the login
    # The same session, the same CSRF token: logging out still revokes it.
    assert _set_cookie(answer, "giaoviec_csrf") == "c"


def test_session_sliding_background_polling_does_not_renew(team):
    client = _client_near_expiry(team)
    answer = client.get("/api/v1/me", headers={"X-Giaoviec-Background": "1"})
    assert answer.status_code == 200
    assert "x-session-expires-in" not in answer.headers
    assert not [c for c in answer.headers.get_list("set-cookie") if c.startswith("giaoviec_session=")]
