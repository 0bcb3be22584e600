"""``giaoviec worker``: one worker process, on the engine the database calls for.

SQLite (one machine): a loop that claims due jobs from the ``jobs`` table every
``worker_poll_seconds`` and takes over jobs whose lease lapsed. PostgreSQL: a procrastinate
worker (``api.jobs.postgres``). Either way a job runs in a child process (``api.jobs.runner``),
and SIGTERM or SIGINT stops the worker: no new job, the running one may finish within
``shutdown_grace_seconds`` and is handed back otherwise.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from typing import Any

from api.db.session import Database
from api.jobs.runner import Limits, Stop, clock, execute
from api.logging import fields
from api.sealing import sealer_for
from api.services import audit, jobs
from api.settings import Settings
from extraction.errors import GiaoviecError

log = logging.getLogger(__name__)

# A few sentences the worker extracts once at start, so that the pipeline and its weights are
# loaded before any job forks from it.
_WARM_UP = ("Giao Văn phòng Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan xây dựng kế hoạch "
            "thực hiện kết luận này, báo cáo Thường trực Tỉnh ủy trước ngày 30/6/2026.\n")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run(settings: Settings) -> None:
    """Run one worker until SIGTERM or SIGINT."""
    db = Database(settings.url, sealer=sealer_for(settings),
                  audit_key=audit.configured_key(settings.audit_secret, settings.audit_key_path))
    try:
        warm_up()
        if db.is_sqlite:
            run_polling(db, settings)
        else:
            from api.jobs.postgres import run_procrastinate

            run_procrastinate(db, settings)
    finally:
        db.dispose()


def warm_up() -> None:
    """Load the pipeline and what the jobs import, once, before any job forks from here."""
    from api.services import documents  # noqa: F401  (imported here, not in each job's process)
    from extraction.pipeline import propose, read_document
    from models.loaders import pipeline_config

    started = time.monotonic()
    try:
        propose(read_document((_WARM_UP * 3).encode(), "text/plain"), config=pipeline_config())
    except GiaoviecError as error:  # the warm-up only saves time; a job reports real errors
        log.warning("warm_up_failed", extra=fields(code=error.code))
    log.info("worker_warm", extra=fields(ms=round((time.monotonic() - started) * 1000)))


def run_polling(db: Database, settings: Settings) -> None:
    """The embedded engine: claim, run, repeat; stop on SIGTERM/SIGINT."""
    stop = Stop()
    _on_signals(lambda: stop.request(settings.shutdown_grace_seconds))
    policy, limits, name = jobs.JobPolicy.from_settings(settings), Limits.from_settings(settings), worker_name()
    log.info("worker_started", extra=fields(worker=name, engine="sqlite"))
    while not stop.requested:
        held = jobs.claim(db, worker=name, policy=policy, now=clock())
        if held is None:
            _sleep(settings.worker_poll_seconds, stop)
            continue
        execute(db, held, limits=limits, policy=policy, stop=stop)
    log.info("worker_stopped", extra=fields(worker=name))


def _on_signals(handler: Any) -> None:
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda _signum, _frame: handler())


def _sleep(seconds: float, stop: Stop) -> None:
    until = time.monotonic() + seconds
    while not stop.requested and time.monotonic() < until:
        time.sleep(min(0.05, seconds))
