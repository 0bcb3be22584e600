"""procrastinate, the queue of the PostgreSQL engine: the app, the task's name and deferral.

``defer`` adds a procrastinate job on the connection of the caller's SQLAlchemy session, so
the job row and the procrastinate job commit (or roll back) together with the document row.
The procrastinate job carries only the id of the ``jobs`` row; its ``lock`` (the document)
keeps two workers from running one document's jobs at the same time. The task itself is
registered by ``api.jobs.postgres`` in the worker processes.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

TASK = "giaoviec.run_job"
QUEUE = "giaoviec"


@lru_cache(maxsize=1)
def _deferring_app() -> Any:
    import procrastinate

    # Deferring on a given connection never touches the connector's pool: none is opened.
    return procrastinate.App(connector=procrastinate.SyncPsycopgConnector())


def defer(session: Session, *, job_id: int, document_id: int | None, run_after: datetime) -> None:
    connection = session.connection().connection.driver_connection
    _deferring_app().configure_task(
        name=TASK, queue=QUEUE, lock=f"document:{document_id}" if document_id else None,
        schedule_at=run_after, connection=connection,
    ).defer(job_id=job_id)


def conninfo(url: str) -> str:
    """The libpq URI of a SQLAlchemy PostgreSQL URL (procrastinate speaks psycopg directly)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
