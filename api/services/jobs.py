"""Background jobs: one state machine in the ``jobs`` table, whichever engine runs them.

    enqueue ─ queued ─ claim ─ running (lease, renewed) ─ finish ─ done
                 ▲                 │  └ fail, attempts left ─ queued after backoff·2^(n-1)
                 │                 ├ fail, none left (or not worth retrying) ─ failed (error_code)
                 │                 ├ SIGTERM past the grace period ─ hand_back ─ queued (try not counted)
                 └─ retry (admin) ─┴ lease lapsed (worker killed) ─ taken over by the next claim

Every claim gives the job a new ``token``; renewing, reporting progress and finishing are
conditional on it, so a worker that lost its job (lease lapsed, cancelled) can write nothing
more, and a document is extracted once even when two workers once held the same job.

Two engines run the jobs (``api.jobs``): on SQLite, worker processes that poll this table; on
PostgreSQL, procrastinate workers on any number of machines. Whenever a job becomes due here,
``_dispatch`` also defers a procrastinate job in the same transaction on PostgreSQL, so an
accepted upload can never lose its job.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from api.db.session import Database, affected
from api.db.tables import DocumentRow, JobRow
from api.errors import InvalidRequest, JobCancelled, NotFound, WorkerLost
from api.sealing import BYTES_PREFIX, open_bytes
from api.settings import Settings

EXTRACT = "extract"
TRAIN = "train"
ACTIVE = ("queued", "running")


@dataclass(frozen=True, slots=True)
class JobPolicy:
    """How often a job is tried, how long between tries and how long a lease lasts."""

    max_attempts: int = 3
    backoff_seconds: float = 5
    lease_seconds: float = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> JobPolicy:
        return cls(settings.job_max_attempts, settings.job_backoff_seconds, settings.job_lease_seconds)

    def backoff(self, attempts: int) -> timedelta:
        return timedelta(seconds=self.backoff_seconds * 2 ** max(attempts - 1, 0))


@dataclass(frozen=True, slots=True)
class Claim:
    """A job a worker holds: it may write to the job only while ``token`` is still the job's."""

    job_id: int
    token: str
    kind: str
    document_id: int | None
    attempt: int


# --- creating and re-queueing ----------------------------------------------------------------


def enqueue(session: Session, *, document_id: int, payload: bytes, params: dict[str, Any],
            policy: JobPolicy, now: datetime) -> JobRow:
    """A new extraction job for a document, in the caller's transaction (with the document row)."""
    return _new_job(session, kind=EXTRACT, document_id=document_id, payload=payload, params=params,
                    policy=policy, now=now)


def enqueue_training(session: Session, *, params: dict[str, Any], policy: JobPolicy, now: datetime) -> JobRow:
    """A training run as a job (``giaoviec train --as-job``): no document, no file; ``params``
    name the corpus folders and the options, and the job records the version it made."""
    return _new_job(session, kind=TRAIN, document_id=None, payload=b"", params=params, policy=policy, now=now)


def _new_job(session: Session, *, kind: str, document_id: int | None, payload: bytes, params: dict[str, Any],
             policy: JobPolicy, now: datetime) -> JobRow:
    job = JobRow(kind=kind, document_id=document_id, state="queued", stage="queued", attempts=0,
                 max_attempts=policy.max_attempts, run_after=now, params=params, payload=payload,
                 created_at=now, updated_at=now)
    session.add(job)
    session.flush()
    _dispatch(session, job)
    return job


def requeue(session: Session, job: JobRow, *, now: datetime, payload: bytes | None = None) -> None:
    """Make a failed or cancelled job due again with all its attempts (an admin's retry or the
    same file uploaded again); its document goes back to ``received``."""
    if payload is not None:
        job.payload = payload
    if job.payload is None and job.kind != EXTRACT:
        job.payload = b""  # a training run reads no file
    if job.payload is None:
        raise InvalidRequest(f"job {job.id} kept no file to extract again; upload the file again")
    job.state, job.stage, job.page, job.attempts = "queued", "queued", None, 0
    job.run_after, job.updated_at, job.finished_at = now, now, None
    job.token = job.worker = job.lease_until = job.error_code = job.error = None
    session.flush()
    if job.document_id is not None:
        session.execute(update(DocumentRow).where(DocumentRow.id == job.document_id)
                        .values(status="received", error=None, error_code=None, updated_at=now))
    _dispatch(session, job)


def latest_for_document(session: Session, document_id: int) -> JobRow | None:
    return session.scalar(select(JobRow).where(JobRow.document_id == document_id)
                          .order_by(JobRow.id.desc()).limit(1))


# --- a worker's side -------------------------------------------------------------------------


def claim(db: Database, *, worker: str, policy: JobPolicy, now: datetime,
          job_id: int | None = None) -> Claim | None:
    """Take the next due job (or job ``job_id``): a queued one whose time has come, or a running
    one whose lease lapsed (its worker died). A lapsed job out of attempts ends failed instead."""
    while True:
        with db.session(read_only=True) as session:  # an idle poll takes no write lock (SQLite)
            if session.scalar(_due(select(JobRow.id), now, job_id).limit(1)) is None:
                return None
        with db.session() as session:
            # PostgreSQL: workers on other machines skip the row this one is taking (SQLite's
            # BEGIN IMMEDIATE already lets one writer in at a time).
            job = session.scalar(_due(select(JobRow), now, job_id).order_by(JobRow.run_after, JobRow.id)
                                 .limit(1).with_for_update(skip_locked=True))
            if job is None:
                return None
            if job.state == "running" and job.attempts >= job.max_attempts:
                _end_failed(session, job, WorkerLost.code,
                            f"the worker ({job.worker}) stopped during each of {job.attempts} tries",
                            now=now)
                continue
            if job.state == "running":  # taken over: say why this try is not the first
                job.error_code = WorkerLost.code
                job.error = f"the worker {job.worker} stopped during try {job.attempts}"
            job.state, job.stage, job.page = "running", "starting", None
            job.attempts += 1
            job.token, job.worker = uuid.uuid4().hex, worker[:120]
            job.lease_until = now + timedelta(seconds=policy.lease_seconds)
            job.started_at = job.updated_at = now
            return Claim(job.id, job.token, job.kind, job.document_id, job.attempts)


def _due(query: Any, now: datetime, job_id: int | None) -> Any:
    query = query.where(or_((JobRow.state == "queued") & (JobRow.run_after <= now),
                            (JobRow.state == "running") & (JobRow.lease_until < now)))
    return query if job_id is None else query.where(JobRow.id == job_id)


def renew(db: Database, held: Claim, *, lease_seconds: float, now: datetime) -> bool:
    """Extend the lease; False when the job is no longer this worker's (cancelled, taken over)."""
    with db.session() as session:
        return bool(affected(session.execute(
            _held(held).values(lease_until=now + timedelta(seconds=lease_seconds), updated_at=now))))


def report(db: Database, held: Claim, *, stage: str, now: datetime, page: int | None = None,
           pages: int | None = None) -> bool:
    """Progress for the screen: ``reading`` (page n of N), ``extracting``, ``storing``."""
    values: dict[str, Any] = {"stage": stage, "page": page, "updated_at": now}
    if pages is not None:
        values["pages"] = pages
    with db.session() as session:
        return bool(affected(session.execute(_held(held).values(**values))))


def finish(session: Session, held: Claim, *, now: datetime) -> bool:
    """Mark the job done in the caller's transaction (the one storing its result); False (store
    nothing then) when the job is no longer this worker's."""
    return bool(affected(session.execute(_held(held).values(
        state="done", stage="done", page=None, payload=None, token=None, lease_until=None,
        error_code=None, error=None, finished_at=now, updated_at=now))))


def fail(db: Database, held: Claim, *, code: str, message: str, retry: bool, policy: JobPolicy,
         now: datetime) -> str:
    """Record a failed try: ``queued`` again after a back-off while attempts are left (and the
    failure is worth retrying), else ``failed`` with its code on the job and the document.
    Returns the new state, or ``lost`` when the job was no longer this worker's."""
    with db.session() as session:
        job = _held_row(session, held)
        if job is None:
            return "lost"
        if retry and job.attempts < job.max_attempts:
            job.state, job.stage, job.page = "queued", "queued", None
            job.run_after = now + policy.backoff(job.attempts)
            job.token = job.worker = job.lease_until = None
            job.error_code, job.error, job.updated_at = code, message[:2000], now
            session.flush()
            _dispatch(session, job)
            return "queued"
        _end_failed(session, job, code, message, now=now)
        return "failed"


def hand_back(db: Database, held: Claim, *, now: datetime) -> bool:
    """Give a job back unfinished (the worker is stopping): due again at once, and this try is
    not counted against its attempts."""
    with db.session() as session:
        job = _held_row(session, held)
        if job is None:
            return False
        job.state, job.stage, job.page, job.attempts = "queued", "queued", None, max(job.attempts - 1, 0)
        job.run_after, job.updated_at = now, now
        job.token = job.worker = job.lease_until = None
        session.flush()
        _dispatch(session, job)
        return True


def requeue_running(db: Database, *, now: datetime) -> int:
    """On the start of the single-machine service: every job left running by a stopped service
    is due again at once (their try is counted; a job out of tries ends failed)."""
    count = 0
    with db.session() as session:
        for job in session.scalars(select(JobRow).where(JobRow.state == "running")).all():
            if job.attempts >= job.max_attempts:
                _end_failed(session, job, WorkerLost.code,
                            f"the service stopped during each of {job.attempts} tries", now=now)
                continue
            job.state, job.stage, job.page, job.run_after, job.updated_at = "queued", "queued", None, now, now
            job.error_code = WorkerLost.code
            job.error = f"the service stopped during try {job.attempts}"
            job.token = job.worker = job.lease_until = None
            session.flush()
            _dispatch(session, job)
            count += 1
    return count


def load_input(db: Database, held: Claim) -> tuple[bytes, dict[str, Any]] | None:
    """The job's bytes and parameters, or None when it is no longer this worker's."""
    with db.session(read_only=True) as session:
        job = session.get(JobRow, held.job_id)
        if job is None or job.token != held.token or job.payload is None:
            return None
        payload = job.payload
    if payload.startswith(BYTES_PREFIX):  # a Mật / Tối mật document's file is kept sealed
        payload = open_bytes(db.sealer, payload, label=payload_label(job.document_id))
    return payload, dict(job.params)


def payload_label(document_id: int | None) -> str:
    return f"document:{document_id}:file"


def _held(held: Claim) -> Any:
    return update(JobRow).where(JobRow.id == held.job_id, JobRow.token == held.token,
                                JobRow.state == "running")


def _held_row(session: Session, held: Claim) -> JobRow | None:
    job = session.scalar(select(JobRow).where(JobRow.id == held.job_id).with_for_update())
    if job is None or job.token != held.token or job.state != "running":
        return None
    return job


def _end_failed(session: Session, job: JobRow, code: str, message: str, *, now: datetime) -> None:
    job.state, job.stage, job.page = "failed", "failed", None
    job.token = job.lease_until = None
    job.error_code, job.error, job.finished_at, job.updated_at = code, message[:2000], now, now
    if job.document_id is not None:
        session.execute(update(DocumentRow).where(DocumentRow.id == job.document_id,
                                                  DocumentRow.status == "received")
                        .values(status="failed", error=message[:2000], error_code=code, updated_at=now))


def _dispatch(session: Session, job: JobRow) -> None:
    """PostgreSQL: defer the procrastinate job that will run ``job``, in this transaction."""
    if session.get_bind().dialect.name == "postgresql":
        from api.services.queue import defer

        defer(session, job_id=job.id, document_id=job.document_id, run_after=job.run_after)


# --- administration --------------------------------------------------------------------------


def list_jobs(db: Database, *, state: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The newest jobs first (``giaoviec jobs list``)."""
    query = select(JobRow).order_by(JobRow.id.desc()).limit(limit)
    if state:
        query = query.where(JobRow.state == state)
    with db.session(read_only=True) as session:
        return [job_view(job) for job in session.scalars(query).all()]


def retry(db: Database, job_id: int, *, now: datetime) -> dict[str, Any]:
    """Re-queue a failed or cancelled job with all its attempts (``giaoviec jobs retry``)."""
    with db.session() as session:
        job = _job(session, job_id)
        if job.state in ACTIVE:
            raise InvalidRequest(f"job {job_id} is {job.state}; only failed or cancelled jobs are retried")
        if job.state == "done":
            raise InvalidRequest(f"job {job_id} is done; upload the file again to extract it anew")
        requeue(session, job, now=now)
        return job_view(job)


def cancel(db: Database, job_id: int, *, now: datetime) -> dict[str, Any]:
    """Stop a queued or running job (``giaoviec jobs cancel``): its worker stops at its next
    lease renewal; the document ends ``failed`` with E133 and the bytes are dropped."""
    with db.session() as session:
        job = _job(session, job_id)
        if job.state not in ACTIVE:
            raise InvalidRequest(f"job {job_id} is {job.state}; only queued or running jobs are cancelled")
        _end_failed(session, job, JobCancelled.code, "cancelled by an administrator", now=now)
        job.state, job.stage, job.payload = "cancelled", "cancelled", None
        return job_view(job)


def _job(session: Session, job_id: int) -> JobRow:
    job = session.scalar(select(JobRow).where(JobRow.id == job_id).with_for_update())
    if job is None:
        raise NotFound(f"no job {job_id}")
    return job


def job_view(job: JobRow) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {"id": job.id, "kind": job.kind, "document_id": job.document_id, "state": job.state,
            "result": (job.params or {}).get("version") if job.kind == TRAIN else None,
            "stage": job.stage, "page": job.page, "pages": job.pages, "attempts": job.attempts,
            "max_attempts": job.max_attempts, "run_after": iso(job.run_after),
            "lease_until": iso(job.lease_until), "worker": job.worker, "error_code": job.error_code,
            "error": job.error, "created_at": iso(job.created_at), "updated_at": iso(job.updated_at),
            "finished_at": iso(job.finished_at)}
