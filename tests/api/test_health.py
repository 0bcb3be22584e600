"""``/api/v1/health`` and the problem shape of paths that do not exist."""

from __future__ import annotations


def test_health_reports_the_database(anonymous):
    answer = anonymous.get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok" and answer.json()["database"] == "ok"


def test_health_reports_ocr(anonymous):
    ocr = anonymous.get("/api/v1/health").json()["ocr"]
    # scripts/setup installs tesseract-ocr, -vie and -script-viet
    assert ocr["available"] is True, ocr
    assert ocr["engine"].startswith("tesseract 5")
    assert ocr["languages"] == ["vie", "Vietnamese"]


def test_health_unknown_path_and_method_are_problems(anonymous):
    missing = anonymous.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert set(missing.json()) >= {"type", "title", "status", "detail", "code", "detail_vi"}
    wrong = anonymous.put("/api/v1/health")
    assert wrong.status_code == 405 and wrong.json()["status"] == 405


def test_health_internal_error_is_a_500_problem_without_traceback(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(_env_file=None, data_dir=tmp_path, log_level="CRITICAL"))  # type: ignore[call-arg]

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret document text must not leak")

    with TestClient(app) as client:
        answer = client.get("/boom")
    assert answer.status_code == 500
    assert answer.json()["code"] == "internal"
    assert "secret" not in answer.text and "Traceback" not in answer.text


def test_health_root_leads_to_the_review_screen(anonymous):
    import pytest

    pytest.importorskip("review_ui.routes")
    answer = anonymous.get("/", follow_redirects=False)
    assert answer.status_code in (302, 307) and answer.headers["location"] == "/review/"
