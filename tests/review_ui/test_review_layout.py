"""Any width: at 390, 768 and 1366 px no element is wider than the viewport, and on a phone the
document's action buttons stay reachable and work."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDTHS = (390, 768, 1366)
HEIGHT = 844

# Every rendered element's right edge, against the viewport's width (skip links park left).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > width + 1) wide.push(`${el.tagName}.${el.className} right=${Math.round(r.right)}`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10) };
}"""


def _fits(page, where):
    found = page.evaluate(OVERFLOW)
    assert found["wide"] == [], f"{where}: wider than {found['width']} px: {found['wide']}"
    assert found["scrollWidth"] <= found["width"], f"{where}: the page scrolls sideways: {found}"


def test_review_layout_nothing_overflows_at_any_width(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    document_id = upload(page, "941.txt", sample_text("941-KL/TW").encode("utf-8"), "text/plain")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.goto("/review/login")
        expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
        _fits(page, f"login at {width}")
        page.goto("/review/")
        expect(page.locator("#queue-rows tr").first).to_be_visible()
        _fits(page, f"queue at {width}")
        page.goto(f"/review/documents/{document_id}")
        expect(page.locator("#cards .card").first).to_be_visible()
        _fits(page, f"document at {width}")
        page.locator("#cards .card").first.get_by_role("button", name="Sửa").click()
        _fits(page, f"document with a card in edit at {width}")
        # The source pane keeps a readable width: never the 6 px sliver of old.
        source_width = page.eval_on_selector("#source-text", "e => e.getBoundingClientRect().width")
        assert source_width >= min(width - 40, 500), (width, source_width)


def test_review_layout_action_buttons_work_on_a_phone(server, new_page, login, upload, sample_text):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": HEIGHT})
    login(page, "approver")
    document_id = upload(page, "942.txt", sample_text("942-KL/TW").encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("#cards .card").first).to_be_visible()
    page.mouse.wheel(0, 2000)  # far down the cards: the bar is still on screen
    accept_all = page.get_by_role("button", name="Chấp nhận tất cả")
    box = accept_all.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= HEIGHT
    accept_all.click(trial=True)  # nothing covers it
    accept_all.click()
    expect(page.locator("#flash")).to_contain_text("Đã chấp nhận")
    with server.api("approver") as api:
        for p in api.get(f"/api/v1/documents/{document_id}").json()["proposals"]:
            if p["status"] == "proposed":
                api.patch(f"/api/v1/proposals/{p['id']}", json={"status": "rejected", "version": p["version"]}).raise_for_status()
    page.reload()
    publish = page.get_by_role("button", name="Công bố")
    expect(publish).to_be_enabled()
    box = publish.bounding_box()
    assert box and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= HEIGHT
    publish.click()
    page.locator("#publish-confirm").click()
    expect(page.locator("#doc-status")).to_have_text("Đã công bố")
