"""The rest of issue 14 (finding 7): Idempotency-Key on uploads, the API description behind
login in production, and every numeric input bounded (422, never 500)."""

from __future__ import annotations

import base64
import json

import pytest
from api_helpers import BASE_URL, SECRET, sample_bytes, seed_reviewed_document, upload
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings


def _post(client, data: bytes, key: str, filename: str = "ket-luan.txt"):
    return client.post("/api/v1/documents", files={"file": (filename, data)}, headers={"Idempotency-Key": key})


def test_input_bounds_idempotency_key_gives_the_same_document(team):
    first = _post(team.reviewer, sample_bytes(number="701-KL/TW"), "upload-701")
    assert first.status_code == 202, first.text
    again = _post(team.reviewer, sample_bytes(number="701-KL/TW"), "upload-701")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]


def test_input_bounds_idempotency_key_with_other_bytes_is_422_and_stores_nothing(team):
    first = _post(team.reviewer, sample_bytes(number="702-KL/TW"), "upload-702")
    assert first.status_code == 202
    other = _post(team.reviewer, sample_bytes(number="703-KL/TW"), "upload-702")
    assert other.status_code == 422
    assert other.json()["code"] == "E121" and other.json()["detail_vi"]
    assert team.reviewer.get("/api/v1/documents").json()["total"] == 1


def test_input_bounds_idempotency_keys_are_per_organisation(team, other_team):
    assert _post(team.reviewer, sample_bytes(number="704-KL/TW"), "shared-key").status_code == 202
    assert _post(other_team.reviewer, sample_bytes(number="705-KL/TW"), "shared-key").status_code == 202


@pytest.mark.parametrize("key", [b"", b"x" * 256, "khóa có dấu".encode()])
def test_input_bounds_bad_idempotency_key_is_422(team, key):
    answer = team.reviewer.post("/api/v1/documents", files={"file": ("a.txt", sample_bytes())},
                                headers={"Idempotency-Key": key})
    assert answer.status_code == 422


@pytest.mark.parametrize("issued", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_input_bounds_issued_far_away_is_422(team, issued):
    answer = team.reviewer.post("/api/v1/documents", files={"file": ("a.txt", sample_bytes(number="706-KL/TW"))},
                                data={"issued": issued})
    assert answer.status_code == 422, answer.text
    assert team.reviewer.get("/api/v1/documents").json()["total"] == 0


def test_input_bounds_issue_year_9999_in_the_text_is_not_an_issue_date(team):
    data = sample_bytes(number="707-KL/TW").decode().replace("năm 2025", "năm 9999").encode()
    answer = upload(team.reviewer, data)
    assert answer.status_code == 202, answer.text


def test_input_bounds_if_match_of_5000_digits_is_422(team):
    view = team.reviewer.get(f"/api/v1/documents/{seed_reviewed_document(team.app, team.org, tasks=1)}").json()
    proposal = view["proposals"][0]["id"]
    for value in ("9" * 5000, '"' + "1" * 5000 + '"', "99999999999"):
        answer = team.reviewer.patch(f"/api/v1/proposals/{proposal}", json={"status": "accepted"},
                                     headers={"If-Match": value})
        assert answer.status_code == 422, answer.text


def test_input_bounds_task_if_match_of_5000_digits_is_422(team):
    document = seed_reviewed_document(team.app, team.org, tasks=1)
    team.approver.post(f"/api/v1/documents/{document}/publish")
    task = team.approver.get("/api/v1/feed/tasks").json()["items"][0]["task_id"]
    answer = team.approver.patch(f"/api/v1/tasks/{task}", json={"status": "in_progress"},
                                 headers={"If-Match": "7" * 5000})
    assert answer.status_code == 422, answer.text


@pytest.mark.parametrize("position", [2**63, 2**64 + 5, 10**30, -1])
def test_input_bounds_feed_cursor_beyond_64_bits_is_422(team, position):
    cursor = base64.urlsafe_b64encode(json.dumps({"v": 1, "p": position}).encode()).rstrip(b"=").decode()
    answer = team.approver.get("/api/v1/feed/tasks", params={"cursor": cursor})
    assert answer.status_code == 422, answer.text


@pytest.mark.parametrize("params", [{"offset": str(2**63)}, {"offset": "9" * 5000}, {"limit": str(2**64)}])
def test_input_bounds_list_offset_beyond_64_bits_is_422(team, params):
    assert team.reviewer.get("/api/v1/documents", params=params).status_code == 422


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_input_bounds_export_dates_far_away_are_422(team, date):
    answer = team.approver.get("/api/v1/exports/tasks.csv", params={"deadline_from": date})
    assert answer.status_code in (404, 422), answer.text


def test_input_bounds_docs_need_login_in_production(tmp_path):
    settings = Settings(_env_file=None, environment="production", data_dir=tmp_path,  # type: ignore[call-arg]
                        secret_key=SECRET, auto_migrate=True, log_level="WARNING")
    app = create_app(settings)
    with TestClient(app, base_url=BASE_URL) as anonymous:
        for path in ("/docs", "/openapi.json", "/redoc"):
            assert anonymous.get(path).status_code in (401, 404), path
        assert anonymous.get("/openapi.json").json()["code"] == "E103"
        from datetime import UTC, datetime

        from api.services import auth

        _, key = auth.add_api_key(app.state.db, name="doc-reader", org="VP", role="tracker", now=datetime.now(UTC))
        logged_in = TestClient(app, base_url=BASE_URL, headers={"Authorization": f"Bearer {key}"})
        assert logged_in.get("/openapi.json").status_code == 200
        assert logged_in.get("/docs").status_code == 200


def test_input_bounds_docs_stay_public_outside_production(app, anonymous):
    assert app.state.settings.environment == "test"
    assert anonymous.get("/openapi.json").status_code == 200


def test_input_bounds_nul_in_text_and_filename_is_stored_as_a_space_and_underscore(team):
    # Found by the upload fuzz test: PostgreSQL refuses NUL in text columns (a 500 before).
    data = sample_bytes(number="708-KL/TW").replace(b"Ban", b"B\x00n", 1)
    body = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="a\x00b.txt"\r\n\r\n' + data
            + b"\r\n--b--\r\n")  # written by hand: httpx would percent-encode the NUL
    answer = team.reviewer.post("/api/v1/documents", content=body,
                                headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert answer.status_code == 202, answer.text
    view = team.reviewer.get(f"/api/v1/documents/{answer.json()['id']}").json()
    assert "\x00" not in view["text"] and "B n" in view["text"]
    assert view["filename"] == "a_b.txt"
