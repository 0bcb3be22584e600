"""Helpers of the API tests: a settable clock, teams of users and keys, uploads.

Imported by ``conftest.py`` and the test modules (``from api_helpers import upload``).
"""

from __future__ import annotations

import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.services import auth

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extraction"))

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "corpus" / "samples" / "ket-luan-mau.txt").read_text(encoding="utf-8")
PASSWORD = "mat-khau-rat-dai-1"
SECRET = "k" * 48
BASE_URL = "https://testserver"


@dataclass
class Clock:
    """The app's clock: real time unless a test sets ``fixed``."""

    fixed: datetime | None = None

    def __call__(self) -> datetime:
        return self.fixed or datetime.now(UTC)


@dataclass
class Team:
    """An organisation of its own with helpers to add people and keys and act as them."""

    app: FastAPI
    org: str
    clients: dict[str, TestClient] = field(default_factory=dict)

    def user(self, role: str, *, clearance: int = 0) -> TestClient:
        """A client logged in as a new user with ``role``, sending the CSRF header."""
        name = f"{role}-{uuid.uuid4().hex[:8]}"
        auth.add_user(self.app.state.db, username=name, password=PASSWORD, org=self.org, role=role,
                      clearance=clearance, now=datetime.now(UTC), actor="test")
        client = TestClient(self.app, base_url=BASE_URL)
        answer = client.post("/api/v1/session", json={"username": name, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
        client.username = name  # type: ignore[attr-defined]
        return client

    def key(self, role: str) -> TestClient:
        _, key = auth.add_api_key(self.app.state.db, name=f"{role}-{uuid.uuid4().hex[:6]}",
                                  org=self.org, role=role, now=datetime.now(UTC), actor="test")
        return TestClient(self.app, base_url=BASE_URL, headers={"Authorization": f"Bearer {key}"})

    @property
    def reviewer(self) -> TestClient:
        if "reviewer" not in self.clients:
            self.clients["reviewer"] = self.user("reviewer")
        return self.clients["reviewer"]

    @property
    def approver(self) -> TestClient:
        if "approver" not in self.clients:
            self.clients["approver"] = self.user("approver")
        return self.clients["approver"]


def upload(client: TestClient, data: bytes, filename: str = "ket-luan.txt",
           issued: date | None = None) -> Any:
    form = {"issued": issued.isoformat()} if issued else None
    return client.post("/api/v1/documents", files={"file": (filename, data)}, data=form)


def wait_until_extracted(client: TestClient, document_id: int, timeout: float = 60) -> dict[str, Any]:
    """Poll the document until extraction is over; returns its view."""
    deadline = time.monotonic() + timeout
    while True:
        view = client.get(f"/api/v1/documents/{document_id}").json()
        if view["status"] != "received" or time.monotonic() > deadline:
            return view
        time.sleep(0.05)


def sample_bytes(*, header_line: str | None = None, number: str | None = None, extra: str = "") -> bytes:
    """The sample conclusion, optionally with a secrecy line in its header, another number or
    an extra paragraph before the signature."""
    lines = SAMPLE.splitlines()
    if number:
        lines = [line.replace("999-KL/TW", number) for line in lines]
    if header_line:
        lines.insert(2, header_line)
    if extra:
        lines.insert(lines.index("Nơi nhận:"), extra)
    return ("\n".join(lines) + "\n").encode()
