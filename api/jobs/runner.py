"""One claimed job, run in a child process under a wall-time and a memory limit.

    worker ─ fork ─ child: setrlimit(AS, CPU) ─ run the job ─ report ("done" | failure) ─ exit
       └ every lease/3: renew the lease (lost? kill the child) · over the time limit? kill, E130
         · stopping and past the grace period? kill, hand the job back

The child is forked from a worker that has already loaded the pipeline, so a job starts in
milliseconds; whatever it does to its memory or however it dies, the worker goes on. The
child dies with its worker (PR_SET_PDEATHSIG), so a kill -9 of the worker leaves no orphan
writing results: the fencing token in ``api.services.jobs`` would refuse them anyway.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from typing import Any

from api.db.session import Database
from api.errors import JobOutOfMemory, JobTimedOut, WorkerLost
from api.logging import fields
from api.services import jobs
from api.settings import Settings
from extraction.errors import GiaoviecError, InputError

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
_TICK_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Limits:
    """What one job may use; ``delay_seconds`` makes jobs slow on purpose (tests only)."""

    time_seconds: float
    memory_mb: int
    delay_seconds: float = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        delay = settings.job_test_delay_seconds if settings.environment == "test" else 0
        return cls(settings.job_time_limit_seconds, settings.job_memory_limit_mb, delay)


class Stop:
    """The worker's wish to stop: after ``request(grace)``, the running job is handed back
    once the grace period is over (0: at once)."""

    def __init__(self) -> None:
        self.deadline: float | None = None

    def request(self, grace_seconds: float) -> None:
        deadline = time.monotonic() + grace_seconds
        self.deadline = deadline if self.deadline is None else min(self.deadline, deadline)

    @property
    def requested(self) -> bool:
        return self.deadline is not None

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline


def clock() -> datetime:
    return datetime.now(UTC)


def execute(db: Database, held: jobs.Claim, *, limits: Limits, policy: jobs.JobPolicy,
            stop: Stop) -> str:
    """Run ``held`` to its end; returns ``done``, ``queued`` (to be tried again), ``failed``,
    ``handed_back`` or ``lost`` (no longer this worker's job)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(db, held, limits, sender), daemon=True,
                            name=f"giaoviec-job-{held.job_id}")
    child.start()
    sender.close()
    started = time.monotonic()
    renew_at = started + policy.lease_seconds / 3
    log.info("job_started", extra=fields(job_id=held.job_id, document_id=held.document_id,
                                         attempt=held.attempt, pid=child.pid))
    while True:
        child.join(_TICK_SECONDS)
        if not child.is_alive():
            break
        if stop.overdue:
            _kill(child)
            jobs.hand_back(db, held, now=clock())
            log.info("job_handed_back", extra=fields(job_id=held.job_id))
            return "handed_back"
        if time.monotonic() - started > limits.time_seconds:
            _kill(child)
            return _failed(db, held, policy, JobTimedOut.code,
                           f"the job ran over its time limit of {limits.time_seconds:g} s", retry=True)
        if time.monotonic() >= renew_at:
            renew_at = time.monotonic() + policy.lease_seconds / 3
            if not jobs.renew(db, held, lease_seconds=policy.lease_seconds, now=clock()):
                _kill(child)
                log.warning("job_lost", extra=fields(job_id=held.job_id))
                return "lost"
    return _outcome(db, held, policy, receiver, child.exitcode)


def _received(receiver: Connection) -> tuple[Any, ...] | None:
    """The child's message, or None when it sent none (or died while sending it)."""
    try:
        return receiver.recv() if receiver.poll() else None
    except (EOFError, OSError):
        return None


def _outcome(db: Database, held: jobs.Claim, policy: jobs.JobPolicy, receiver: Connection,
             exitcode: int | None) -> str:
    message = _received(receiver)
    if message is None:  # died without a word: a signal (the OOM killer, SIGXCPU, a crash)
        return _failed(db, held, policy, WorkerLost.code,
                       f"the job's process ended without a result (exit status {exitcode})", retry=True)
    if message[0] == "done":
        log.info("job_done", extra=fields(job_id=held.job_id, stored=message[1]))
        return "done" if message[1] else "lost"
    _, code, text, retry = message
    return _failed(db, held, policy, code, text, retry=retry)


def _failed(db: Database, held: jobs.Claim, policy: jobs.JobPolicy, code: str, message: str, *,
            retry: bool) -> str:
    state = jobs.fail(db, held, code=code, message=message, retry=retry, policy=policy, now=clock())
    log.warning("job_failed", extra=fields(job_id=held.job_id, document_id=held.document_id,
                                           attempt=held.attempt, code=code, state=state))
    return state


def _kill(child: Any) -> None:
    child.kill()
    child.join()


# --- the child process -----------------------------------------------------------------------


def _child(parent_db: Database, held: jobs.Claim, limits: Limits, sender: Connection) -> None:
    _die_with_parent()
    # The worker's pooled connections were copied by fork: forget them without closing them
    # (closing would end the worker's sessions), and open this process's own.
    parent_db.engine.dispose(close=False)
    # Made before the limits apply: saying "out of memory" must not need memory.
    out_of_memory = ("failed", JobOutOfMemory.code, f"the job ran over its memory limit of {limits.memory_mb} MB", True)
    _apply_limits(limits)
    message: tuple[Any, ...] | None = None
    try:
        message = _outcome_of_run(parent_db, held, limits)
    except MemoryError:
        message = out_of_memory  # sent below, once the failed frames (and what they held) are gone
    finally:
        try:
            if message is not None:
                sender.send(message)
        finally:
            sender.close()


def _outcome_of_run(parent_db: Database, held: jobs.Claim, limits: Limits) -> tuple[Any, ...]:
    """The message the job's process sends its worker: ("done", stored) or ("failed", code,
    message, worth retrying)."""
    try:
        db = Database(parent_db.url, sealer=parent_db.sealer_if_any, audit_key=parent_db.audit_key)
        return ("done", _run(db, held, limits))
    except InputError as error:  # the file itself is wrong: another try reads the same bytes
        return ("failed", error.code, error.message, False)
    except GiaoviecError as error:
        return ("failed", error.code, error.message, True)
    except MemoryError:
        raise
    except Exception as error:  # the job's top-level handler: the job says "failed", the log says why
        if _refused_allocation(error, limits):
            return ("failed", JobOutOfMemory.code,
                    f"the job ran over its memory limit of {limits.memory_mb} MB ({error})", True)
        log.exception("job_crashed", extra=fields(job_id=held.job_id))
        return ("failed", "internal", f"the job failed unexpectedly ({type(error).__name__}); "
                "the error was logged", True)


def _refused_allocation(error: Exception, limits: Limits) -> bool:
    """C extensions report a refused allocation their own way: a message naming memory, a
    SystemError with no exception set, or any error once the job had used most of its allowance."""
    if "memory" in str(error).lower() or isinstance(error, SystemError):
        return True
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft != resource.RLIM_INFINITY and _peak_address_space_bytes() > soft - limits.memory_mb * 1024 * 1024 // 10


def _peak_address_space_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    return 0


def _run(db: Database, held: jobs.Claim, limits: Limits) -> bool:
    from api.services.documents import run_extraction_job
    from api.services.training import run_training_job

    runners: dict[str, Callable[..., bool]] = {jobs.EXTRACT: run_extraction_job, jobs.TRAIN: run_training_job}
    return runners[held.kind](db, held, clock=clock, delay_seconds=limits.delay_seconds)


def _apply_limits(limits: Limits) -> None:
    """The address space may grow by ``memory_mb`` over what the fork inherited; CPU time is
    capped a little over the wall-time limit (a backstop: the worker kills on wall time)."""
    inherited = _address_space_bytes()
    cap = inherited + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    seconds = int(limits.time_seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))


def _address_space_bytes() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the fencing token still protects the results
        pass
