"""How fast a tracker can pull the feed with 100,000 published tasks (issue 6).

    .venv/bin/python bench/feed_bench.py [--tasks 100000] [--limit 500] [--database-url URL]

Seeds a temporary SQLite database (or the given one) with published task revisions by
inserting rows directly: real Article 5 records, each signed with Ed25519 (publishing is not
run 100,000 times). Then a tracker key pulls the whole feed from the start, page by page with
the stored cursor, through the ASGI app in process (httpx.ASGITransport), and the bench prints:

* tasks per second over the whole pull (target ≥ 5,000 tasks/s on SQLite),
* p50/p99 latency of one page of ``--limit`` tasks (target p99 < 50 ms on SQLite),
* the same for pages of 100 (the feed's default), from random cursors.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import httpx
from sqlalchemy import insert, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from api.db.session import Database  # noqa: E402
from api.db.tables import DocumentRow, FeedHead, ProposalRow, TaskRevision  # noqa: E402
from api.services import auth, feed, records  # noqa: E402
from api.services.signing import Signer  # noqa: E402
from api.settings import Settings  # noqa: E402

TASKS_PER_DOCUMENT = 5
ORG = "Văn phòng bench"


def seed(db: Database, signer: Signer, tasks: int) -> None:
    """``tasks`` published revisions (documents of 5 tasks), signed, at positions 1..tasks."""
    now = datetime.now(UTC)
    with db.session() as session:
        org_id = auth.get_or_create_org(session, ORG, now=now).id
    clocks = records.record_clocks(now, date(2030, 6, 30))  # the same for every task: computed once
    documents = (tasks + TASKS_PER_DOCUMENT - 1) // TASKS_PER_DOCUMENT
    batch = 1000
    position = 0
    for first in range(0, documents, batch):
        with db.session() as session:
            docs = [_document(org_id, n, now) for n in range(first, min(first + batch, documents))]
            doc_ids = session.scalars(insert(DocumentRow).returning(DocumentRow.id), docs).all()
            proposals = [_proposal(d, k, now) for d in doc_ids for k in range(1, TASKS_PER_DOCUMENT + 1)]
            proposals = proposals[: tasks - position]
            task_ids = session.scalars(insert(ProposalRow).returning(ProposalRow.id), proposals).all()
            by_id = {d: SimpleNamespace(**row, id=d) for d, row in zip(doc_ids, docs, strict=True)}
            revisions = []
            for task_id, proposal in zip(task_ids, proposals, strict=True):
                position += 1
                document = by_id[proposal["document_id"]]
                fields = records.task_fields(SimpleNamespace(**proposal))
                record = _record(document, fields, task_id, now, clocks)
                revisions.append({"org_id": org_id, "document_id": document.id, "task_id": task_id, "revision": 1,
                                  "secrecy": None, "record": record, "fields": fields, "published_by": "user:bench",
                                  "published_at": now, "position": position, "key_id": signer.key_id,
                                  "signature": signer.sign(record)})
            session.execute(insert(TaskRevision), revisions)
    with db.session() as session:
        session.execute(update(FeedHead).where(FeedHead.id == 1).values(position=position))


def _record(document: SimpleNamespace, fields: dict, task_id: int, now: datetime, clocks: dict) -> dict:
    """What ``records.build_record`` makes, with the clocks computed once for the whole bench."""
    number, symbol = records.split_number(document.number)
    return {
        "schema": records.SCHEMA_ID, "task_id": task_id, "revision": 1, "published_at": now.isoformat(),
        "published_by": "user:bench",
        "document": {"id": document.id, "name": document.type, "number": number, "symbol": symbol,
                     "summary": document.title, "issued": document.issued.isoformat(), "signer": document.signer,
                     "secrecy": None, "task_count": TASKS_PER_DOCUMENT},
        "issuing_body": document.issuer, "assigning_body": document.issuer, "monitoring_body": ORG,
        "content_withheld": False, "task": {"content": fields["content"], "product": fields["product"]},
        "lead": fields["lead"], "support": fields["support"], "deadline": fields["deadline"],
        "status": "not_started", "results": None, "evaluation": None,
        "group": {"has_deadline": True, "scope": "national", "priority": "regular", "secrecy": "normal"},
        "clocks": clocks, "provenance": {"origin": "model", "pipeline_version": "bench"},
    }


def _document(org_id: int, n: int, now: datetime) -> dict:
    return {"org_id": org_id, "filename": f"kl-{n}.txt", "media_type": "text/plain", "sha256": f"{n:064x}",
            "size": 1000, "status": "published", "type": "Kết luận", "number": f"{n + 1}-KL/TW",
            "issued": date(2025, 12, 10), "issuer": "Ban Bí thư", "signer": "Trần Cẩm Tú", "secrecy": None,
            "title": "về tiếp tục đẩy mạnh công tác theo dõi, đôn đốc thực hiện nhiệm vụ", "text": None,
            "review_due": date(2025, 12, 15), "uploaded_by": "bench", "created_at": now, "updated_at": now}


def _proposal(document_id: int, k: int, now: datetime) -> dict:
    return {"document_id": document_id, "ordinal": k,
            "text": f"Văn phòng Trung ương Đảng chủ trì, phối hợp với Ban Tổ chức Trung ương xây dựng hệ thống "
                    f"theo dõi, đánh giá dựa trên dữ liệu, hoàn thành trước ngày 30/6/2030 (nhiệm vụ {k}).",
            "span_start": None, "span_end": None, "page": None, "lead": ["Văn phòng Trung ương Đảng"],
            "support": ["Ban Tổ chức Trung ương"],
            "deadline": {"text": "trước ngày 30/6/2030", "kind": "date", "date": "2030-06-30", "recurrence": None},
            "confidence": 0.92, "flags": [], "product": "Hệ thống theo dõi", "spans": None, "provenance": {},
            "model_output": None, "pipeline_version": "bench", "status": "accepted", "origin": "model",
            "version": 2, "decided_by": "bench", "decided_at": now, "created_at": now, "updated_at": now}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def pull_everything(client: httpx.AsyncClient, limit: int) -> tuple[int, float, list[float]]:
    cursor, pulled, latencies = None, 0, []
    started = time.perf_counter()
    while True:
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        t0 = time.perf_counter()
        answer = await client.get("/api/v1/feed/tasks", params=params)
        latencies.append((time.perf_counter() - t0) * 1000)
        answer.raise_for_status()
        page = answer.json()
        pulled += len(page["items"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return pulled, time.perf_counter() - started, latencies


async def random_pages(client: httpx.AsyncClient, tasks: int, limit: int, n: int) -> list[float]:
    latencies = []
    for _ in range(n):
        cursor = feed.encode_cursor(random.randrange(0, max(1, tasks - limit)))
        t0 = time.perf_counter()
        answer = await client.get("/api/v1/feed/tasks", params={"limit": limit, "cursor": cursor})
        latencies.append((time.perf_counter() - t0) * 1000)
        answer.raise_for_status()
    return latencies


async def measure(app: object, key: str, tasks: int, limit: int) -> None:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://bench",
                                 headers={"Authorization": f"Bearer {key}"}) as client:
        await client.get("/api/v1/feed/tasks", params={"limit": 10})  # warm up
        pulled, seconds, latencies = await pull_everything(client, limit)
        assert pulled == tasks, (pulled, tasks)
        small = await random_pages(client, tasks, 100, 300)
    print(f"pulled {pulled:,} tasks in {seconds:.2f} s: {pulled / seconds:,.0f} tasks/s "
          f"(pages of {limit}; target ≥ 5,000 tasks/s)")
    print(f"one page of {limit}: p50 {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 99):.1f} ms "
          f"over {len(latencies)} pages (target p99 < 50 ms)")
    print(f"one page of 100 from a random cursor: p50 {statistics.median(small):.1f} ms, "
          f"p99 {percentile(small, 99):.1f} ms over {len(small)} pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--limit", type=int, default=500, help="tasks per page")
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, data_dir=Path(folder), database_url=args.database_url,  # type: ignore[call-arg]
                            auto_migrate=True, log_level="WARNING")
        app = create_app(settings)
        db: Database = app.state.db
        db.upgrade()
        started = time.perf_counter()
        seed(db, app.state.feed_context.signer, args.tasks)
        print(f"seeded {args.tasks:,} signed task records in {time.perf_counter() - started:.1f} s "
              f"({db.engine.url.get_backend_name()})")
        _, key = auth.add_api_key(db, name="bench-tracker", org=ORG, role="tracker", now=datetime.now(UTC))
        asyncio.run(measure(app, key, args.tasks, args.limit))
        db.dispose()


if __name__ == "__main__":
    main()
