"""Accessibility: axe-core (from the npm registry, installed by scripts/setup into
node_modules/) finds no serious or critical violation on the login, queue and document pages,
at a laptop's width and a phone's."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture
def axe_page(browser, server):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/setup (it installs axe-core with npm)")
    # The pages forbid inline scripts (CSP); the checker is injected past it, the app is not.
    context = browser.new_context(base_url=server.url, locale="vi-VN", bypass_csp=True,
                                  viewport={"width": 1366, "height": 768})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
      const result = await axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    }""")
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in found if v["impact"] in BLOCKING]


def test_review_accessibility_no_serious_violations(axe_page, login, upload, sample_text):
    page = axe_page
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/review/login")
        expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
        assert _violations(page) == [], f"login at {width}"
    login(page, "reviewer")
    document_id = upload(page, "991.txt", sample_text("991-KL/TW").encode("utf-8"), "text/plain")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/review/")
        expect(page.locator("#queue-rows tr").first).to_be_visible()
        assert _violations(page) == [], f"queue at {width}"
        page.goto(f"/review/documents/{document_id}")
        expect(page.locator("#cards .card").first).to_be_visible()
        assert _violations(page) == [], f"document at {width}"
        page.locator("#cards .card").first.get_by_role("button", name="Sửa").click()
        assert _violations(page) == [], f"document with a card in edit at {width}"
