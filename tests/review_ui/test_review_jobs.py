"""The review screen says where a document's extraction stands, and why it failed."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from conftest import NOW, ORGANISATION
from playwright.sync_api import expect

from api.db.session import Database
from api.db.tables import DocumentRow, JobRow
from api.services.auth import get_or_create_org

pytestmark = pytest.mark.browser


def _document_with_job(server, *, status: str, **job: object) -> int:
    """A document and its job as a worker left them, written straight to the database."""
    db = Database(server.settings.url)
    with db.session() as session:
        org_id = get_or_create_org(session, ORGANISATION, now=NOW).id
        document = DocumentRow(org_id=org_id, filename="doc.txt", media_type="text/plain",
                               sha256=uuid.uuid4().hex * 2, size=1, status=status, type="Kết luận",
                               number=f"{uuid.uuid4().int % 900 + 100}-KL/TW", review_due=date(2025, 12, 15),
                               uploaded_by="test", created_at=NOW, updated_at=NOW,
                               error_code=job.get("error_code") if status == "failed" else None)
        session.add(document)
        session.flush()
        session.add(JobRow(kind="extract-view-test", document_id=document.id, max_attempts=3, run_after=NOW,
                           params={}, created_at=NOW, updated_at=NOW, **job))
        document_id = document.id
    db.dispose()
    return document_id


def test_review_jobs_failed_document_says_why_and_how_often(server, new_page, login):
    document_id = _document_with_job(server, status="failed", state="failed", stage="failed", attempts=3,
                                     error_code="E130", error="the job ran over its time limit of 300 s")
    page = new_page()
    login(page, "reviewer")
    page.goto(f"/review/documents/{document_id}")
    alert = page.locator(".job-failed")
    expect(alert).to_contain_text("sau 3/3 lần thử")
    expect(alert).to_contain_text("quá thời gian cho phép")
    expect(alert).to_contain_text("E130")


def test_review_jobs_running_document_shows_its_stage(server, new_page, login):
    document_id = _document_with_job(server, status="received", state="running", stage="reading", attempts=1,
                                     page=2, pages=7, lease_until=None, worker="elsewhere:1", token="held")
    page = new_page()
    login(page, "reviewer")
    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("#source-text")).to_have_text("Đang đọc trang 2/7…")
