"""Latency of the review service with 10,000 documents in the database (issue 5).

    .venv/bin/python bench/api_bench.py [--documents 10000] [--requests 500] [--database-url URL]

Seeds a temporary SQLite database (or the given one) with documents and their proposals by
inserting rows directly (extraction is not run 10,000 times), then measures, through the ASGI
app in process (httpx.ASGITransport, a reviewer's session cookie, CSRF header):

* GET /api/v1/documents/{id}  the document view (text and every proposal), random documents
* PATCH /api/v1/proposals/{id}  accepting a proposal (If-Match), each one once
* GET /api/v1/documents  the first page of the queue

and prints p50/p99 per endpoint (target: p99 < 100 ms on SQLite).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from api.db.session import Database  # noqa: E402
from api.db.tables import DocumentRow, ProposalRow  # noqa: E402
from api.services import auth  # noqa: E402
from api.settings import Settings  # noqa: E402

SAMPLE = (ROOT / "corpus" / "samples" / "ket-luan-mau.txt").read_text(encoding="utf-8")
TASKS_PER_DOCUMENT = 5
PASSWORD = "bench-password-1"


def seed(db: Database, documents: int) -> tuple[str, list[int], list[int]]:
    """Insert ``documents`` documents of one organisation, with proposals; returns the org name,
    the document ids and the proposal ids."""
    now = datetime.now(UTC)
    org = "Văn phòng bench"
    with db.session() as session:
        org_id = auth.get_or_create_org(session, org, now=now).id
    batch = 1000
    for first in range(0, documents, batch):
        with db.session() as session:
            rows = [_document(org_id, n, now) for n in range(first, min(first + batch, documents))]
            ids = session.scalars(insert(DocumentRow).returning(DocumentRow.id), rows).all()
            session.execute(insert(ProposalRow), [
                _proposal(document_id, k, now) for document_id in ids for k in range(1, TASKS_PER_DOCUMENT + 1)
            ])
    with db.session(read_only=True) as session:
        document_ids = list(session.scalars(select(DocumentRow.id).where(DocumentRow.org_id == org_id)))
        proposal_ids = list(session.scalars(select(ProposalRow.id)))
    return org, document_ids, proposal_ids


def _document(org_id: int, n: int, now: datetime) -> dict[str, object]:
    issued = date(2025, 1, 1) + timedelta(days=n % 700)
    return {
        "org_id": org_id, "filename": f"van-ban-{n}.txt", "media_type": "text/plain",
        "sha256": f"{n:064x}", "size": len(SAMPLE), "status": "in_review", "type": "Kết luận",
        "number": f"{n}-KL/TW", "issued": issued, "issuer": "Ban Bí thư", "signer": "Nguyễn Văn Mẫu",
        "secrecy": None, "title": "về việc tăng cường theo dõi", "text": SAMPLE, "page_count": None,
        "task_count": TASKS_PER_DOCUMENT, "reason": None, "error": None, "error_code": None,
        "pipeline_version": "giaoviec-rules-0.1.0", "review_due": issued + timedelta(days=5),
        "possible_duplicate_of": None, "uploaded_by": "key:bench", "decided_by": None,
        "decided_at": None, "created_at": now, "updated_at": now,
    }


def _proposal(document_id: int, ordinal: int, now: datetime) -> dict[str, object]:
    deadline = {"text": "trước ngày 25/6/2026", "kind": "date", "date": "2026-06-25", "recurrence": None}
    text = "Giao Văn phòng Trung ương Đảng chủ trì, phối hợp với Ban Tổ chức Trung ương xây dựng hệ thống."
    return {
        "document_id": document_id, "ordinal": ordinal, "text": text, "span_start": 100 * ordinal,
        "span_end": 100 * ordinal + len(text), "page": None, "lead": ["Văn phòng Trung ương Đảng"],
        "support": ["Ban Tổ chức Trung ương"], "deadline": deadline, "confidence": 0.92,
        "flags": [], "provenance": {"text": "giaoviec_segment_v1", "lead": "giaoviec_roles_v1:own"},
        "model_output": None, "pipeline_version": "giaoviec-rules-0.1.0", "status": "proposed",
        "origin": "model", "version": 1, "decided_by": None, "decided_at": None,
        "created_at": now, "updated_at": now,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def measure(settings: Settings, org: str, document_ids: list[int], proposal_ids: list[int],
                  requests: int) -> dict[str, list[float]]:
    app = create_app(settings)
    auth.add_user(app.state.db, username="bench-reviewer", password=PASSWORD, org=org,
                  role="reviewer", now=datetime.now(UTC))
    transport = httpx.ASGITransport(app=app)
    timings: dict[str, list[float]] = {"GET document view": [], "PATCH accept proposal": [],
                                       "GET queue page": []}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        login = await client.post("/api/v1/session", json={"username": "bench-reviewer", "password": PASSWORD})
        login.raise_for_status()
        client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        rng = random.Random(5)
        for _ in range(20):  # warm up: imports, caches, connection pool
            await client.get(f"/api/v1/documents/{rng.choice(document_ids)}")
        for document_id in rng.sample(document_ids, requests):
            await _timed(timings["GET document view"], client.get(f"/api/v1/documents/{document_id}"), 200)
        for proposal_id in rng.sample(proposal_ids, requests):
            await _timed(timings["PATCH accept proposal"], client.patch(
                f"/api/v1/proposals/{proposal_id}", json={"status": "accepted"}, headers={"If-Match": "1"}), 200)
        for _ in range(min(requests, 200)):
            await _timed(timings["GET queue page"], client.get("/api/v1/documents?limit=50"), 200)
    app.state.db.dispose()
    return timings


async def _timed(into: list[float], call: object, status: int) -> None:
    started = time.perf_counter()
    answer = await call  # type: ignore[misc]
    into.append((time.perf_counter() - started) * 1000)
    if answer.status_code != status:
        raise SystemExit(f"unexpected {answer.status_code}: {answer.text[:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="giaoviec-bench-") as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp), database_url=args.database_url,  # type: ignore[call-arg]
                            auto_migrate=True, log_level="WARNING")
        db = Database(settings.url)
        db.upgrade()
        started = time.perf_counter()
        org, document_ids, proposal_ids = seed(db, args.documents)
        db.dispose()
        seeded = time.perf_counter() - started
        timings = asyncio.run(measure(settings, org, document_ids, proposal_ids, args.requests))
    backend = settings.url.split(":", 1)[0]
    print(f"api_bench: {len(document_ids)} documents, {len(proposal_ids)} proposals on {backend} "  # noqa: T201
          f"(seeded in {seeded:.1f} s); {args.requests} requests each, in process (ASGI)")
    for name, values in timings.items():
        print(f"  {name:24} n={len(values):4}  p50 {statistics.median(values):6.1f} ms  "  # noqa: T201
              f"p99 {percentile(values, 99):6.1f} ms  max {max(values):6.1f} ms")
    worst = max(percentile(timings[k], 99) for k in ("GET document view", "PATCH accept proposal"))
    print(f"  target p99 < 100 ms: {'met' if worst < 100 else 'NOT met'}")  # noqa: T201


if __name__ == "__main__":
    main()
