"""A local cluster for the job tests: web and worker processes of giaoviec on one database,
started as an operator would (``giaoviec serve``, ``giaoviec worker``) on loopback.

    cluster = Cluster(url, root)            # a fresh SQLite file or PostgreSQL database
    web = cluster.start_web("--no-worker")
    a, b = cluster.start_worker(), cluster.start_worker(GIAOVIEC_JOB_TEST_DELAY_SECONDS="0")
    document_id = cluster.upload(data)
    cluster.wait_for(lambda: cluster.job(document_id)["state"] == "done")

Every process runs in its own session (process group), so a test can kill -9 one worker, or a
whole service with its workers and their job processes. ``close`` stops whatever is left.
``scripts/cluster`` starts the same processes for people (docs/deploy.md).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from api.db.session import Database, upgrade
from api.db.tables import DocumentRow, JobRow, ProposalRow
from api.services import audit, auth

ROOT = Path(__file__).resolve().parents[2]
GIAOVIEC = [sys.executable, "-c", "from api.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalPostgres:
    """Debian's PostgreSQL in a temporary folder on a free loopback port (initdb, pg_ctl), run
    as the ``postgres`` user through ``runuser`` when we are root (PostgreSQL refuses root)."""

    def __init__(self) -> None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not found:
            raise RuntimeError("PostgreSQL is not installed: run scripts/setup (apt-get install postgresql)")
        self.bindir = found[-1].parent
        self.root = Path(tempfile.mkdtemp(prefix="giaoviec-pg-"))
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.data, self.port = self.root / "data", free_port()

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_postgres, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> LocalPostgres:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-w", "-t", "60", "-o", options, "start")
        return self

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


class Cluster:
    def __init__(self, url: str, root: Path, **settings: str) -> None:
        self.url, self.root = url, root
        self.settings = {
            "GIAOVIEC_DATABASE_URL": url, "GIAOVIEC_DATA_DIR": str(root), "GIAOVIEC_ENVIRONMENT": "test",
            "GIAOVIEC_SECRET_KEY": "k" * 48, "GIAOVIEC_AUTO_MIGRATE": "false", "GIAOVIEC_LOG_LEVEL": "INFO",
            "GIAOVIEC_LOG_FORMAT": "text", "GIAOVIEC_WORKER_POLL_SECONDS": "0.1",
            "GIAOVIEC_JOB_BACKOFF_SECONDS": "0.2", **settings,
        }
        self.processes: list[subprocess.Popen[bytes]] = []
        upgrade(url)
        # The same audit key the service and workers load from the data directory.
        self.db = Database(url, audit_key=audit.load_or_create_key(root / "keys" / "audit.key"))
        _, self.key = auth.add_api_key(self.db, name=f"scanner-{uuid.uuid4().hex[:6]}", org="Văn phòng",
                                       role="uploader", now=datetime.now(UTC), actor="test")
        self.base_url: str | None = None

    # --- processes ---------------------------------------------------------------------------

    def env(self, **overrides: str) -> dict[str, str]:
        return {**os.environ, **self.settings, **overrides}

    def _start(self, args: list[str], name: str, **overrides: str) -> subprocess.Popen[bytes]:
        with open(self.root / f"{name}-{len(self.processes)}.log", "wb") as log:  # the child keeps its copy
            process = subprocess.Popen([*GIAOVIEC, *args], env=self.env(**overrides), cwd=ROOT, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def start_worker(self, **overrides: str) -> subprocess.Popen[bytes]:
        return self._start(["worker"], "worker", **overrides)

    def start_web(self, *args: str, **overrides: str) -> subprocess.Popen[bytes]:
        port = free_port()
        process = self._start(["serve", "--port", str(port), *args], "web", **overrides)
        self.base_url = f"http://127.0.0.1:{port}"
        self.wait_for(lambda: self._answers(), timeout=60, what="the web process to answer")
        return process

    def _answers(self) -> bool:
        try:
            return httpx.get(f"{self.base_url}/api/v1/health", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def cli(self, *args: str, **overrides: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*GIAOVIEC, *args], env=self.env(**overrides), cwd=ROOT, capture_output=True,
                              text=True, timeout=120)

    def kill9(self, process: subprocess.Popen[bytes], *, group: bool = False) -> None:
        if group:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait()

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.db.dispose()

    def log(self, process: subprocess.Popen[bytes]) -> str:
        index = self.processes.index(process)
        found = sorted(self.root.glob(f"*-{index}.log"))
        return found[0].read_text(errors="replace") if found else ""

    # --- documents and jobs ------------------------------------------------------------------

    def upload(self, data: bytes, filename: str = "ket-luan.txt") -> int:
        answer = httpx.post(f"{self.base_url}/api/v1/documents", files={"file": (filename, data)},
                            headers={"Authorization": f"Bearer {self.key}"}, timeout=30)
        assert answer.status_code == 202, answer.text
        return int(answer.json()["id"])

    def view(self, document_id: int) -> dict[str, Any]:
        answer = httpx.get(f"{self.base_url}/api/v1/documents/{document_id}",
                           headers={"Authorization": f"Bearer {self.key}"}, timeout=30)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def job(self, document_id: int) -> dict[str, Any]:
        with self.db.session(read_only=True) as session:
            job = session.scalar(select(JobRow).where(JobRow.document_id == document_id)
                                 .order_by(JobRow.id.desc()).limit(1))
            assert job is not None
            return {"id": job.id, "state": job.state, "stage": job.stage, "attempts": job.attempts,
                    "worker": job.worker, "error_code": job.error_code, "error": job.error,
                    "payload": job.payload is not None}

    def document(self, document_id: int) -> dict[str, Any]:
        with self.db.session(read_only=True) as session:
            row = session.get(DocumentRow, document_id)
            assert row is not None
            proposals = session.scalar(select(func.count()).select_from(ProposalRow)
                                       .where(ProposalRow.document_id == document_id))
            ordinals = session.scalar(select(func.count(func.distinct(ProposalRow.ordinal)))
                                      .where(ProposalRow.document_id == document_id))
            return {"status": row.status, "task_count": row.task_count, "error_code": row.error_code,
                    "proposals": proposals, "distinct_ordinals": ordinals}

    def wait_for(self, condition: Callable[[], bool], *, timeout: float = 90, what: str = "the condition") -> float:
        """Seconds it took until ``condition()``; fails the test after ``timeout``."""
        started = time.monotonic()
        while not condition():
            if time.monotonic() - started > timeout:
                logs = "\n".join(f"--- {p.args[-1]} {p.pid}\n{self.log(p)[-3000:]}" for p in self.processes)
                raise AssertionError(f"gave up waiting for {what} after {timeout} s\n{logs}")
            time.sleep(0.05)
        return time.monotonic() - started


def worker_pid(job: dict[str, Any]) -> int:
    """The process id in a job's ``worker`` (``host:pid``)."""
    return int(str(job["worker"]).rsplit(":", 1)[1])
