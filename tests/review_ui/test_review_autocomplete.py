"""The body autocomplete cannot mislead: the typed name first, nothing chosen until the user
moves, one option per name, ended bodies marked with their successor."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _lead_box(page, login, upload, sample_text, number):
    login(page, "reviewer")
    document_id = upload(page, f"{number}.txt", sample_text(number).encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    task = page.locator("#cards .card", has_text="chủ trì rà soát")
    task.get_by_role("button", name="Sửa").click()
    task.get_by_role("button", name="Bỏ Ban Tổ chức Trung ương").click()
    return task, task.get_by_role("combobox", name="Chủ trì")


def test_review_autocomplete_arrow_down_enter_picks_the_typed_name(server, new_page, login, upload, sample_text):
    page = new_page()
    task, box = _lead_box(page, login, upload, sample_text, "931-KL/TW")
    # Typed slowly: the list is open and nothing in it is chosen until the user moves.
    box.press_sequentially("Bộ Tư pháp", delay=60)
    expect(task.locator(".combo-option").first).to_have_text("Bộ Tư pháp")
    expect(task.locator('[role="option"][aria-selected="true"]')).to_have_count(0)
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".+"))
    box.press("ArrowDown")
    expect(task.locator('[role="option"][aria-selected="true"]')).to_have_text("Bộ Tư pháp")
    box.press("Enter")
    expect(task.locator('[data-role="lead"] .chip-name')).to_have_text(["Bộ Tư pháp"])
    task.get_by_role("button", name="Bỏ Bộ Tư pháp").click()

    # Typed quickly, then ArrowDown+Enter at once: the keys wait for the answer to this text.
    box.press_sequentially("Bộ Tư pháp")
    box.press("ArrowDown")
    box.press("Enter")
    expect(task.locator('[data-role="lead"] .chip-name')).to_have_text(["Bộ Tư pháp"])

    task.get_by_role("button", name="Lưu").click()
    expect(task).to_have_attribute("data-status", "edited")
    with server.api("reviewer") as api:
        stored = api.get(f"/api/v1/proposals/{task.get_attribute('data-id')}").json()
    assert stored["lead"] == ["Bộ Tư pháp"]


def test_review_autocomplete_one_option_per_name_and_ended_bodies_marked(server, new_page, login, upload, sample_text):
    page = new_page()
    task, box = _lead_box(page, login, upload, sample_text, "932-KL/TW")
    box.press_sequentially("Sở Công Thương", delay=30)
    options = task.get_by_role("option")
    expect(options.first).to_be_visible()
    names = task.locator(".combo-option .option-name").all_inner_texts()
    assert names[0] == "Sở Công Thương"
    assert len(names) == len(set(names))

    box.fill("")
    box.press_sequentially("Bộ Kế hoạch và Đầu tư", delay=30)
    ended = task.locator(".combo-option-ended").first
    expect(ended).to_contain_text("nay là Bộ Tài chính")
    expect(ended.locator(".option-name")).to_have_text("Bộ Kế hoạch và Đầu tư")
