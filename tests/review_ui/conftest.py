"""Fixtures of the browser tests: a real giaoviec server, real users, and Debian's Chromium.

The server is ``api.app.create_app`` on a temporary SQLite database, served by uvicorn on a
free 127.0.0.1 port in a background thread. Chromium is driven by Playwright for Python with
``executable_path`` (no browser download); set ``GIAOVIEC_CHROMIUM`` to use another binary.
Screenshots go to a temporary folder, and also to ``GIAOVIEC_SCREENSHOT_DIR`` when it is set
(``GIAOVIEC_SCREENSHOT_DIR=docs/screenshots pytest tests/review_ui`` refreshes the docs).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from api.app import create_app
from api.db.session import Database
from api.services import audit
from api.services.auth import add_user
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "samples" / "ket-luan-mau.txt"
CHROMIUM = os.environ.get("GIAOVIEC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "mat-khau-thu-nghiem"
ORGANISATION = "Văn phòng Tỉnh ủy Thử nghiệm"
USERS = {"reviewer": "reviewer", "reviewer2": "reviewer", "approver": "approver"}
EXTRACTION_TIMEOUT_MS = 120_000
# The service's clock: two days after the sample's issue date (10/12/2025), so its 3-working-day
# review window (due Monday 15/12/2025) is nearly spent, whatever day the tests run.
NOW = datetime(2025, 12, 12, 9, 0, tzinfo=UTC)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the review screen in headless Chromium")


@dataclass(frozen=True)
class Server:
    url: str
    settings: Settings

    @contextmanager
    def api(self, username: str) -> Iterator[httpx.Client]:
        """An API client logged in as ``username``, sending the CSRF header on every request."""
        with httpx.Client(base_url=self.url, timeout=30) as client:
            response = client.post("/api/v1/session", json={"username": username, "password": PASSWORD})
            response.raise_for_status()
            client.headers["X-CSRF-Token"] = client.cookies["giaoviec_csrf"]
            yield client


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running_server(data_dir: Path, **settings_overrides: object) -> Iterator[Server]:
    """A giaoviec server with the test users, on a free port, until the block ends."""
    settings = Settings(_env_file=None, environment="development", data_dir=data_dir,
                        log_level="WARNING", log_format="text", **settings_overrides)
    app = create_app(settings, clock=lambda: NOW)
    sock = _free_socket()
    host, port = sock.getsockname()
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the giaoviec server did not start; see the log above")
        time.sleep(0.05)
    db = Database(settings.url, audit_key=audit.configured_key(settings.audit_secret, settings.audit_key_path))
    for username, role in USERS.items():
        add_user(db, username=username, password=PASSWORD, org=ORGANISATION, role=role, now=NOW)
    db.dispose()
    try:
        yield Server(url=f"http://{host}:{port}", settings=settings)
    finally:
        uv.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="session")
def start_server() -> Callable[..., Any]:
    """``running_server`` for tests that need a server of their own settings."""
    return running_server


@pytest.fixture(scope="session")
def password() -> str:
    return PASSWORD


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("giaoviec-data")) as started:
        yield started


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) "
                    "or set GIAOVIEC_CHROMIUM")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Browser, server: Server) -> Iterator[Callable[[], Page]]:
    """Pages in fresh browser contexts (one per user), on a 1366×768 laptop screen in vi-VN.

    Any script error on a page fails the test.
    """
    contexts = []
    errors: list[str] = []

    def make() -> Page:
        context = browser.new_context(base_url=server.url, locale="vi-VN",
                                      viewport={"width": 1366, "height": 768})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture
def login() -> Callable[[Page, str], None]:
    def log_in(page: Page, username: str) -> None:
        page.goto("/review/login")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url("**/review/")
        expect(page.locator("#user-name")).to_have_text(username)

    return log_in


@pytest.fixture
def upload() -> Callable[[Page, str, bytes, str], str]:
    """Upload a file through the queue's form; waits for extraction and returns the document id."""

    def send(page: Page, name: str, data: bytes, mime: str) -> str:
        page.locator("#upload-file").set_input_files({"name": name, "mimeType": mime, "buffer": data})
        page.get_by_role("button", name="Tải lên").click()
        link = page.locator("#upload-link")
        expect(link).to_be_visible(timeout=EXTRACTION_TIMEOUT_MS)
        href = link.get_attribute("href")
        assert href and href.startswith("/review/documents/")
        return href.rsplit("/", 1)[1]

    return send


@pytest.fixture(scope="session")
def screenshot_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    dirs = [tmp_path_factory.mktemp("screenshots")]
    if os.environ.get("GIAOVIEC_SCREENSHOT_DIR"):
        dirs.append(Path(os.environ["GIAOVIEC_SCREENSHOT_DIR"]))
    return dirs


@pytest.fixture
def screenshot(screenshot_dirs: list[Path]) -> Callable[[Page, str], Path]:
    def take(page: Page, name: str) -> Path:
        first = screenshot_dirs[0] / f"{name}.png"
        page.screenshot(path=str(first))
        for folder in screenshot_dirs[1:]:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(first, folder / first.name)
        sys.stderr.write(f"screenshot: {first}\n")
        return first

    return take


@pytest.fixture
def sample_text() -> Callable[..., str]:
    """The bundled sample conclusion, with a new number and optional extra items."""

    def make(number: str, *, before_item_5: str = "", in_item_2: str = "") -> str:
        text = SAMPLE.read_text(encoding="utf-8").replace("999-KL/TW", number)
        if before_item_5:
            text = text.replace("5. Ủy ban Kiểm tra", f"5. {before_item_5}\n6. Ủy ban Kiểm tra")
        if in_item_2:
            text = text.replace("dựa trên dữ liệu,", f"dựa trên dữ liệu {in_item_2},")
        return text

    return make
