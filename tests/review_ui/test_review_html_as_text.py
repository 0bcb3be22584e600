"""HTML in a document (its text or its file name) is shown as text and never run."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.pwned=1</script>"
IMAGE = "<img src=x onerror=window.pwned=2>"


def test_review_html_in_document_is_shown_as_text(server, new_page, login, upload, sample_text):
    text = sample_text("902-KL/TW", in_item_2=f"{SCRIPT} {IMAGE}")
    page = new_page()
    login(page, "reviewer")
    name = f"{IMAGE}.txt"
    document_id = upload(page, name, text.encode("utf-8"), "text/plain")
    expect(page.locator("#queue-rows .filename", has_text=IMAGE)).to_have_count(1)

    page.goto(f"/review/documents/{document_id}")
    task = page.locator("#cards .card", has_text="xây dựng hệ thống theo dõi")
    expect(task.locator(".task-text")).to_contain_text(SCRIPT)
    expect(page.locator("#source-text")).to_contain_text(f"{SCRIPT} {IMAGE}")
    assert page.locator("#source-text script, #source-text img, #cards script, #cards img").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 3  # common.js, document.js, the messages


def test_review_pages_forbid_inline_scripts(server, new_page):
    page = new_page()
    response = page.goto("/review/login")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
