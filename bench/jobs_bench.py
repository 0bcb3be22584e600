"""Extraction jobs on the local cluster (issue 16): documents per minute with 1, 2 and 4
`giaoviec worker` processes, and the upload request's latency while the workers are busy.

    .venv/bin/python bench/jobs_bench.py [--workers 1 2 4] [--docs 24] [--engine postgres|sqlite]

For each worker count, on a fresh database (PostgreSQL started on loopback, as
``scripts/cluster`` does, or a SQLite file): start the web process (`serve --no-worker`),
upload ``--probes`` documents with no worker running (the idle upload latency), add
``--queue-depth`` queued jobs due next year and upload ``--probes`` more (the latency with a deep
queue: the web process must not slow down with the queue), start the workers and wait until
they are warm and the probes are done, then upload ``--docs`` documents of the dev corpus
(../shared/corpus/dev) one after another, timing each upload while the workers extract the
earlier ones, and wait until every job is done. Throughput is documents
over the time from the first of those uploads to the last job done. Every run is bounded by
``--timeout`` seconds. Loopback only; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "api"))

from cluster import Cluster, LocalPostgres  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from api.db.tables import JobRow  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"


def corpus(count: int, tag: str) -> list[tuple[str, bytes]]:
    """``count`` dev documents (repeated when needed), each made unique by a trailing line."""
    files = sorted(DEV.glob("*.txt"))
    if not files:
        raise SystemExit(f"{DEV} has no documents: clone the project with the shared folder beside it")
    return [(files[i % len(files)].name, files[i % len(files)].read_bytes() + f"\n{tag} {i}\n".encode())
            for i in range(count)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed_uploads(cluster: Cluster, documents: list[tuple[str, bytes]]) -> list[float]:
    latencies = []
    for name, data in documents:
        started = time.perf_counter()
        cluster.upload(data, name)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def deepen_queue(cluster: Cluster, depth: int) -> None:
    """``depth`` queued jobs that fall due only next year (the workers leave them alone)."""
    later = datetime.now(UTC) + timedelta(days=365)
    rows = [{"kind": "extract", "document_id": None, "state": "queued", "stage": "queued", "attempts": 0,
             "max_attempts": 3, "run_after": later, "params": {}, "payload": b"x", "created_at": later,
             "updated_at": later} for _ in range(depth)]
    with cluster.db.session() as session:
        session.execute(insert(JobRow), rows)


def unfinished(cluster: Cluster) -> int:
    with cluster.db.session(read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(JobRow)
                                  .where(JobRow.state.in_(("queued", "running")),
                                         JobRow.document_id.is_not(None))) or 0)


def failed(cluster: Cluster) -> int:
    with cluster.db.session(read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(JobRow).where(JobRow.state == "failed")) or 0)


def run(url: str, workers: int, args: argparse.Namespace) -> dict[str, float]:
    root = Path(tempfile.mkdtemp(prefix=f"giaoviec-bench-{workers}-"))
    cluster = Cluster(url, root, GIAOVIEC_LOG_LEVEL="WARNING", GIAOVIEC_MAX_UPLOAD_MB="20")
    try:
        cluster.start_web("--no-worker")
        probes = corpus(args.probes + 1, "probe")
        first_name, first_data = probes[0]
        cluster.upload(first_data, first_name)  # the web process's first upload loads the reader
        idle = timed_uploads(cluster, probes[1:])
        deepen_queue(cluster, args.queue_depth)
        deep = timed_uploads(cluster, corpus(args.probes, "deep"))
        processes = [cluster.start_worker(GIAOVIEC_LOG_LEVEL="INFO") for _ in range(workers)]
        cluster.wait_for(lambda: all("worker_started" in cluster.log(p) for p in processes), timeout=args.timeout,
                         what="the workers to warm up")
        cluster.wait_for(lambda: unfinished(cluster) == 0, timeout=args.timeout, what="the probes")
        documents = corpus(args.docs, "batch")
        started = time.monotonic()
        busy = timed_uploads(cluster, documents)
        cluster.wait_for(lambda: unfinished(cluster) == 0, timeout=args.timeout, what="every job")
        elapsed = time.monotonic() - started
        return {"workers": workers, "docs": len(documents), "seconds": elapsed,
                "docs_per_min": len(documents) / elapsed * 60, "failed": failed(cluster),
                "idle_p50": statistics.median(idle), "idle_p99": percentile(idle, 0.99),
                "deep_p50": statistics.median(deep), "deep_p99": percentile(deep, 0.99),
                "busy_p50": statistics.median(busy), "busy_p99": percentile(busy, 0.99)}
    finally:
        cluster.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--docs", type=int, default=24, help="documents per run (dev corpus, repeated)")
    parser.add_argument("--probes", type=int, default=10, help="uploads timed with no worker running")
    parser.add_argument("--queue-depth", type=int, default=5000,
                        help="queued jobs (due next year) during the deep-queue uploads")
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--timeout", type=float, default=600, help="seconds any one wait may take")
    args = parser.parse_args()
    postgres = LocalPostgres().start() if args.engine == "postgres" else None
    try:
        print(f"engine {args.engine}, {args.docs} documents per run, upload latency in ms")
        print(f"workers  docs/min  seconds  failed  upload p50/p99: idle    deep queue ({args.queue_depth})  busy")
        for n, workers in enumerate(args.workers):
            if postgres is not None:
                url = postgres.create_database(f"bench_{n}")
            else:
                url = f"sqlite:///{tempfile.mkdtemp(prefix='giaoviec-bench-sqlite-')}/bench.sqlite3"
            r = run(url, workers, args)
            print(f"{r['workers']:>7}  {r['docs_per_min']:>8.1f}  {r['seconds']:>7.1f}  {r['failed']:>6}  "
                  f"{r['idle_p50']:>12.0f} / {r['idle_p99']:<5.0f} {r['deep_p50']:>10.0f} / {r['deep_p99']:<11.0f}"
                  f"{r['busy_p50']:>4.0f} / {r['busy_p99']:<5.0f}",
                  flush=True)
    finally:
        if postgres is not None:
            postgres.stop()


if __name__ == "__main__":
    main()
