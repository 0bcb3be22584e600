"""Training runs as background jobs: ``giaoviec train --as-job`` queues one, a worker runs it.

A run reads its corpus folders from the job's parameters, trains a new version under the models
folder (``models.train.train``) and records the version on the job; activating it stays a
person's decision (``giaoviec models activate``: controlled AI, Quy chế 08, Art. 18).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from api.db.session import Database
from api.db.tables import JobRow
from api.services import jobs


def training_params(corpus: list[Path], *, held_out: int, epochs: int | None) -> dict[str, Any]:
    return {"corpus": [str(p.resolve()) for p in corpus], "held_out": held_out, "epochs": epochs}


def queue_training(db: Database, params: dict[str, Any], *, policy: jobs.JobPolicy, now: datetime) -> int:
    with db.session() as session:
        return jobs.enqueue_training(session, params=params, policy=policy, now=now).id


def run_training_job(db: Database, held: jobs.Claim, *, clock: Callable[[], datetime],
                     delay_seconds: float = 0) -> bool:
    """Train as the job's parameters say; the job ends done with the new version in its
    parameters (``result`` in its view). A corpus that cannot be read fails it (M002), untried again."""
    from models.train import train

    loaded = jobs.load_input(db, held)
    if loaded is None:
        return False
    _, params = loaded
    jobs.report(db, held, stage="training", now=clock())
    result = train([Path(p) for p in params.get("corpus") or []] or None,
                   held_out_percent=int(params.get("held_out", 25)), epochs=params.get("epochs"))
    with db.session() as session:
        if not jobs.finish(session, held, now=clock()):
            return False
        job = session.get(JobRow, held.job_id)
        assert job is not None
        job.params = {**params, "version": result.version}
    return True
