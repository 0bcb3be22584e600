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
        # Each user logs in from an address of its own, so other tests' failed logins from
        # TestClient's one address ("testclient") never throttle it.
        address = ".".join(str(b) for b in uuid.uuid4().bytes[:3])
        client = TestClient(self.app, base_url=BASE_URL, client=(f"10.{address}", 50000))
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


def seed_reviewed_document(app: FastAPI, org: str, *, tasks: int = 3, secrecy: str | None = None,
                           number: str | None = None) -> int:
    """A document in review whose proposals are all accepted, written straight to the database
    (no extraction): ready for an approver to publish. Returns its id."""
    from api.db.tables import DocumentRow, ProposalRow

    now = datetime.now(UTC)
    number = number or f"{uuid.uuid4().int % 900 + 100}-KL/TW"
    with app.state.db.session() as session:
        org_id = auth.get_or_create_org(session, org, now=now).id
        document = DocumentRow(
            org_id=org_id, filename="seed.txt", media_type="text/plain", sha256=uuid.uuid4().hex * 2,
            size=1, status="in_review", type="Kết luận", number=number, issued=date(2025, 12, 10),
            issuer="Ban Bí thư", signer="Trần Cẩm Tú", secrecy=secrecy, title="về công việc thử nghiệm",
            text=None if secrecy else "văn bản", review_due=date(2025, 12, 15), uploaded_by="test",
            created_at=now, updated_at=now)
        session.add(document)
        session.flush()
        for ordinal in range(1, tasks + 1):
            session.add(ProposalRow(
                document_id=document.id, ordinal=ordinal, text=f"Nhiệm vụ số {ordinal} của văn bản {number}",
                span_start=None, span_end=None, page=None, lead=["Văn phòng Trung ương Đảng"],
                support=["Ban Tổ chức Trung ương"],
                deadline={"text": "trước ngày 30/6/2030", "kind": "date", "date": "2030-06-30", "recurrence": None},
                confidence=0.9, flags=[], product="Báo cáo", spans=None, provenance={}, model_output=None,
                pipeline_version="seed", status="accepted", origin="model", version=2, decided_by="test",
                decided_at=now, created_at=now, updated_at=now))
        return document.id


def pull_all(client: TestClient, cursor: str | None = None, *, limit: int = 100) -> tuple[list[dict[str, Any]], str]:
    """Every feed item after ``cursor``; returns them and the cursor to store."""
    items: list[dict[str, Any]] = []
    while True:
        answer = client.get("/api/v1/feed/tasks", params={"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return items, cursor
