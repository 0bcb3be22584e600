"""The PostgreSQL engine: procrastinate workers, on as many machines as share the database.

procrastinate fetches the next due job (LISTEN/NOTIFY, ``FOR UPDATE SKIP LOCKED``), keeps one
document's jobs apart (its ``lock``), runs each at its scheduled time (the back-off), keeps a
heartbeat per worker, and on SIGTERM waits ``shutdown_graceful_timeout`` before cancelling
the running job, which the task then hands back. A worker killed with -9 stops beating: every
worker looks for jobs whose worker went silent for a lease and retries them; the retried task
takes the ``jobs`` row over once its lease has lapsed (``api.services.jobs.claim``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from api.db.session import Database
from api.db.tables import JobRow
from api.jobs.runner import Limits, Stop, clock, execute
from api.jobs.worker import worker_name
from api.logging import fields
from api.services import jobs
from api.services.queue import QUEUE, TASK, conninfo
from api.settings import Settings

log = logging.getLogger(__name__)


def run_procrastinate(db: Database, settings: Settings) -> None:
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings.url)))
    policy, limits, name = jobs.JobPolicy.from_settings(settings), Limits.from_settings(settings), worker_name()

    @app.task(name=TASK, queue=QUEUE)
    async def run_job(job_id: int) -> str:
        stop = Stop()
        work = asyncio.ensure_future(asyncio.to_thread(
            claim_and_execute, db, job_id, worker=name, policy=policy, limits=limits, stop=stop))
        try:
            return await asyncio.shield(work)
        except asyncio.CancelledError:  # procrastinate's grace period is over: hand it back now
            stop.request(0)
            await work
            raise

    log.info("worker_started", extra=fields(worker=name, engine="procrastinate"))
    asyncio.run(_serve(app, settings, name))
    log.info("worker_stopped", extra=fields(worker=name))


async def _serve(app: Any, settings: Settings, name: str) -> None:
    async with app.open_async():
        rescuer = asyncio.create_task(_retry_stalled(app, settings.job_lease_seconds))
        try:
            await app.run_worker_async(
                queues=[QUEUE], name=name, concurrency=1, delete_jobs="successful",
                shutdown_graceful_timeout=settings.shutdown_grace_seconds,
                update_heartbeat_interval=settings.job_lease_seconds / 3,
                stalled_worker_timeout=settings.job_lease_seconds, install_signal_handlers=True,
            )
        finally:
            rescuer.cancel()


async def _retry_stalled(app: Any, lease_seconds: float) -> None:
    """Jobs whose worker stopped beating for a lease (killed, machine lost) run again."""
    while True:
        await asyncio.sleep(lease_seconds / 3)
        try:
            stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=lease_seconds)
        except Exception:  # the database is briefly away: try again at the next round
            log.warning("stalled_jobs_unreadable", exc_info=True)
            continue
        for job in stalled:
            try:
                await app.job_manager.retry_job(job)
                log.info("stalled_job_retried", extra=fields(procrastinate_job=job.id))
            except Exception:  # another worker retried it first
                log.info("stalled_job_taken", extra=fields(procrastinate_job=job.id))


def claim_and_execute(db: Database, job_id: int, *, worker: str, policy: jobs.JobPolicy,
                      limits: Limits, stop: Stop) -> str:
    """Run ``jobs`` row ``job_id`` if it is due; a row still leased by a silent worker is
    waited for until its lease lapses."""
    give_up = time.monotonic() + policy.lease_seconds + 2
    while True:
        held = jobs.claim(db, worker=worker, policy=policy, now=clock(), job_id=job_id)
        if held is not None:
            return execute(db, held, limits=limits, policy=policy, stop=stop)
        if stop.requested or time.monotonic() > give_up or not _leased_or_early(db, job_id):
            return "skipped"
        time.sleep(0.5)


def _leased_or_early(db: Database, job_id: int) -> bool:
    """Still worth waiting for: running under a lease that may lapse, or due in a moment."""
    with db.session(read_only=True) as session:
        job = session.get(JobRow, job_id)
        return job is not None and job.state in jobs.ACTIVE
