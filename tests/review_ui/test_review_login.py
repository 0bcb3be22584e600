"""Logging in and out of the review screen; every message in Vietnamese."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", ["reviewer", "khong-co-nguoi-nay"])
def test_review_login_wrong_password_says_so_in_vietnamese(new_page, username):
    page = new_page()
    page.goto("/review/login")
    expect(page).to_have_title(re.compile("Đăng nhập"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    expect(page).to_have_url(re.compile(r"/review/login$"))
    expect(page.get_by_label("Mật khẩu")).to_have_value("")


def test_review_login_empty_form_asks_for_both_fields(new_page):
    page = new_page()
    page.goto("/review/login")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_have_text("Vui lòng nhập tên đăng nhập và mật khẩu.")


def test_review_login_required_and_returns_to_the_page_asked_for(new_page, login):
    page = new_page()
    page.goto("/review/documents/999999")
    page.wait_for_url(re.compile(r"/review/login\?"))
    # A first visit is asked to log in, not told that a session it never had "expired".
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    expect(page.locator("#flash")).to_be_hidden()
    page.get_by_label("Tên đăng nhập").fill("reviewer")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/review/documents/999999$"))
    # An unknown document: the service's Vietnamese sentence, never English.
    expect(page.locator("#doc-title")).to_have_text("Không tìm thấy văn bản hoặc nhiệm vụ này.")


def test_review_login_never_redirects_off_site(new_page):
    page = new_page()
    page.goto("/review/login?next=//example.org/")
    page.get_by_label("Tên đăng nhập").fill("reviewer")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/review/$"))


def test_review_logout_ends_the_session(new_page, login):
    page = new_page()
    login(page, "reviewer")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/review/login\?reason=logged_out"))
    expect(page.locator("#flash")).to_have_text("Bạn đã đăng xuất.")
    page.goto("/review/")
    page.wait_for_url(re.compile(r"/review/login\?"))
