"""``/api/v1/session`` and ``/api/v1/me``: login, cookies, CSRF, expiry, API keys."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from api_helpers import BASE_URL, PASSWORD, SECRET, sample_bytes, upload
from fastapi.testclient import TestClient

from api.services import auth


def test_session_login_sets_secure_cookies_and_me_answers(team):
    client = team.reviewer
    me = client.get("/api/v1/me").json()
    assert me["kind"] == "user" and me["role"] == "reviewer"
    assert me["organisation"]["name"] == team.org
    assert me["csrf_token"] == client.cookies.get("giaoviec_csrf")
    fresh = TestClient(team.app, base_url=BASE_URL)
    answer = fresh.post("/api/v1/session", json={"username": client.username, "password": PASSWORD})
    cookies = answer.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("giaoviec_session="))
    csrf_cookie = next(c for c in cookies if c.startswith("giaoviec_csrf="))
    assert "HttpOnly" in session_cookie and "Secure" in session_cookie
    assert "samesite=lax" in session_cookie.lower()
    assert "HttpOnly" not in csrf_cookie  # the screen's script reads it for the header


def test_session_wrong_password_is_401_without_saying_which(team, anonymous):
    name = team.reviewer.username
    wrong = anonymous.post("/api/v1/session", json={"username": name, "password": "sai-mat-khau"})
    nobody = anonymous.post("/api/v1/session", json={"username": "khong-co-ai", "password": "x"})
    assert wrong.status_code == nobody.status_code == 401
    assert wrong.json()["code"] == nobody.json()["code"] == "E111"
    assert wrong.json()["detail"] == nobody.json()["detail"]
    assert wrong.headers["content-type"] == "application/problem+json"


def test_session_not_logged_in_is_401(anonymous):
    answer = anonymous.get("/api/v1/me")
    assert answer.status_code == 401
    assert answer.json()["code"] == "E103"
    assert answer.json()["detail_vi"].startswith("Phiên làm việc")


def test_session_expired_is_401(team):
    user_id = team.reviewer.get("/api/v1/me").json()["id"]
    max_age = team.app.state.settings.session_max_age
    _, sid = auth.login(team.app.state.db, username=team.reviewer.username, password=PASSWORD,
                        now=datetime.now(UTC))
    old = auth.session_token(SECRET, user_id=user_id, csrf="c", session_id=sid,
                             issued_at=time.time() - max_age - 60)
    fresh = auth.session_token(SECRET, user_id=user_id, csrf="c", session_id=sid)
    client = TestClient(team.app, base_url=BASE_URL, cookies={"giaoviec_session": old})
    answer = client.get("/api/v1/me")
    assert answer.status_code == 401
    assert "expired" in answer.json()["detail"]
    client = TestClient(team.app, base_url=BASE_URL, cookies={"giaoviec_session": fresh})
    assert client.get("/api/v1/me").status_code == 200


def test_session_forged_cookie_is_401(team):
    forged = auth.session_token("another-secret" * 4, user_id=1, csrf="c", session_id="s")
    client = TestClient(team.app, base_url=BASE_URL, cookies={"giaoviec_session": forged})
    assert client.get("/api/v1/me").status_code == 401


def test_session_csrf_header_required_for_changes(team):
    client = team.reviewer
    token = client.headers.pop("X-CSRF-Token")
    refused = upload(client, sample_bytes())
    assert refused.status_code == 403
    assert refused.json()["code"] == "E105"
    client.headers["X-CSRF-Token"] = "not-the-token"
    assert upload(client, sample_bytes()).status_code == 403
    client.headers["X-CSRF-Token"] = token
    assert client.get("/api/v1/documents").json()["total"] == 0  # nothing was stored


def test_session_logout_clears_the_cookies(team):
    client = team.user("reviewer")
    assert client.delete("/api/v1/session").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_session_logout_revokes_the_session_on_the_server(team):
    client = team.user("reviewer")
    stolen = TestClient(team.app, base_url=BASE_URL,
                        cookies={"giaoviec_session": client.cookies["giaoviec_session"]})
    assert stolen.get("/api/v1/me").status_code == 200
    assert client.delete("/api/v1/session").status_code == 204
    answer = stolen.get("/api/v1/me")  # the copied cookie is still signed and fresh, but revoked
    assert answer.status_code == 401 and answer.json()["code"] == "E103"
    assert "logged out" in answer.json()["detail"]
    again = TestClient(team.app, base_url=BASE_URL)
    assert again.post("/api/v1/session", json={"username": client.username,
                                               "password": PASSWORD}).status_code == 200


def _client_at(app, address: str) -> TestClient:
    return TestClient(app, base_url=BASE_URL, client=(address, 40000))


def test_session_login_is_throttled_per_user_name_with_growing_delays(team, clock):
    name = team.user("reviewer").username
    clock.fixed = datetime.now(UTC)
    settings = team.app.state.settings
    for n in range(settings.login_max_failures):  # each try from another address
        wrong = _client_at(team.app, f"198.51.100.{n + 1}").post(
            "/api/v1/session", json={"username": name, "password": "sai-mat-khau"})
        assert wrong.status_code == 401
    user = _client_at(team.app, "203.0.113.9")
    blocked = user.post("/api/v1/session", json={"username": name, "password": PASSWORD})
    assert blocked.status_code == 429  # even the right password, until the delay has passed
    problem = blocked.json()
    assert problem["code"] == "E113" and problem["detail_vi"].startswith("Đăng nhập sai quá nhiều lần")
    assert blocked.headers["retry-after"] == "1"
    other = team.user("reviewer")  # another user name is not affected
    assert other.get("/api/v1/me").status_code == 200
    # Many more wrong passwords for the name: the wait doubles but never passes the cap, so the
    # real user is delayed, never locked out.
    waits = []
    for n in range(12):
        clock.fixed += timedelta(seconds=settings.login_max_delay_seconds)
        attacker = _client_at(team.app, f"198.51.101.{n + 1}")
        assert attacker.post("/api/v1/session", json={"username": name, "password": "sai"}).status_code == 401
        waits.append(int(user.post("/api/v1/session", json={"username": name, "password": PASSWORD})
                         .headers["retry-after"]))
    assert waits[:4] == [2, 4, 8, 16] and max(waits) == settings.login_max_delay_seconds
    clock.fixed += timedelta(seconds=settings.login_max_delay_seconds)
    assert user.post("/api/v1/session", json={"username": name, "password": PASSWORD}).status_code == 200


def test_session_login_is_throttled_per_client_address(team, clock):
    clock.fixed = datetime.now(UTC)
    settings = team.app.state.settings
    guesser = _client_at(team.app, "192.0.2.77")
    answers = [guesser.post("/api/v1/session", json={"username": f"ten-{n}", "password": "sai"}).status_code
               for n in range(settings.login_max_failures + 1)]
    # Twenty user names from one client are slowed: past the free failures, each name waits.
    assert answers[:settings.login_max_failures] == [401] * settings.login_max_failures
    assert answers[-1] == 429
    # A real user at another address is not slowed by that client.
    name = team.user("reviewer").username
    assert _client_at(team.app, "192.0.2.78").post(
        "/api/v1/session", json={"username": name, "password": PASSWORD}).status_code == 200


def test_session_api_key_identifies_machine_client(team):
    uploader = team.key("uploader")
    me = uploader.get("/api/v1/me").json()
    assert me["kind"] == "key" and me["role"] == "uploader"
    bad = TestClient(team.app, base_url=BASE_URL, headers={"Authorization": "Bearer gv_nope"})
    assert bad.get("/api/v1/me").status_code == 401
    basic = TestClient(team.app, base_url=BASE_URL, headers={"Authorization": "Basic eDp5"})
    assert basic.get("/api/v1/me").status_code == 401
