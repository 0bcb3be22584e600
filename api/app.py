"""``create_app(settings)``: the FastAPI application with everything wired; nothing happens
at import time.

    uvicorn --factory api.app:app_from_environment
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from api import problems
from api.db.session import Database
from api.deps import PrincipalDep
from api.limits import BodyLimitMiddleware
from api.logging import configure_logging, fields
from api.routes import bodies, documents, exports, feed, health, proposals, session, webhooks
from api.sealing import sealer_for
from api.services import audit, jobs, withheld
from api.services.feed import FeedContext
from api.services.signing import load_or_create
from api.services.webhooks import Dispatcher
from api.settings import Settings

log = logging.getLogger(__name__)

# Multipart framing around the file; bodies beyond the limit plus this are refused unread.
_MULTIPART_SLACK = 64 * 1024


def create_app(settings: Settings, *, clock: Callable[[], datetime] | None = None) -> FastAPI:
    """The service for ``settings``; ``clock`` (default: now in UTC) decides review windows.

    The signing key is read (or made, on first start) here; the webhook dispatcher thread and
    ``settings.worker_processes`` extraction workers run while the app's lifespan does. On
    SQLite (one machine), jobs a stopped service left running are due again at once.
    """
    configure_logging(level=settings.log_level, fmt=settings.log_format)
    db = Database(settings.url, sealer=sealer_for(settings),
                  audit_key=audit.configured_key(settings.audit_secret, settings.audit_key_path))
    dispatcher = Dispatcher(db, max_attempts=settings.webhook_max_attempts,
                            backoff=settings.webhook_backoff_seconds,
                            timeout=settings.webhook_timeout_seconds, poll=settings.webhook_poll_seconds,
                            allowed_hosts=settings.webhook_allowed_hosts)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.should_migrate:
            db.upgrade()
        sealed = withheld.seal_stored(db)  # what releases before issue 14 kept in clear
        workers = None
        if settings.worker_processes:
            from api.jobs.supervisor import WorkerProcesses

            resumed = jobs.requeue_running(db, now=app.state.clock()) if db.is_sqlite else 0
            workers = WorkerProcesses(settings, settings.worker_processes)
            workers.start()
            log.info("jobs_resumed", extra=fields(jobs=resumed))
        dispatcher.start()
        log.info("service_started", extra=fields(database=db.engine.url.get_backend_name(),
                                                 workers=settings.worker_processes, sealed_rows=sealed))
        yield
        dispatcher.stop()
        if workers is not None:
            workers.stop()
        db.dispose()

    public_docs = settings.environment != "production"
    app = FastAPI(title="giaoviec", version="0.1.0", lifespan=lifespan,
                  description="Task proposals from Vietnamese directive documents, reviewed by people.",
                  openapi_url="/openapi.json" if public_docs else None,
                  docs_url="/docs" if public_docs else None, redoc_url="/redoc" if public_docs else None)
    app.state.settings = settings
    app.state.db = db
    app.state.clock = clock or (lambda: datetime.now(UTC))
    app.state.dispatcher = dispatcher
    app.state.feed_context = FeedContext(signer=load_or_create(settings.signing_key_path),
                                         monitoring_body=settings.monitoring_body,
                                         notify=dispatcher.notify)
    app.state.job_policy = jobs.JobPolicy.from_settings(settings)
    problems.install(app)
    # Added last, so it runs first: no body is read past the cap, even before authentication.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_upload_bytes + _MULTIPART_SLACK)
    for module in (documents, proposals, session, bodies, feed, webhooks, exports, health):
        app.include_router(module.router)
    _include_review_ui(app)
    if not public_docs:
        _include_docs_behind_login(app)
    return app


def _include_docs_behind_login(app: FastAPI) -> None:
    """In production the API description is for people and machines that can log in: it maps
    every endpoint and parameter, which an anonymous prober has no need of."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse, JSONResponse

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(who: PrincipalDep) -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False)
    def docs(who: PrincipalDep) -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="giaoviec API")


def _include_review_ui(app: FastAPI) -> None:
    """The review screen (``review_ui``) when it is installed; "/" leads to it."""
    try:
        routes = import_module("review_ui.routes")
    except ModuleNotFoundError as error:
        if error.name not in ("review_ui", "review_ui.routes"):
            raise
        return
    from fastapi.staticfiles import StaticFiles

    app.include_router(routes.router)
    static = Path(str(routes.__file__)).parent / "static"
    if static.is_dir():
        app.mount("/static/review", StaticFiles(directory=static), name="review_static")

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/review/")


def app_from_environment() -> FastAPI:
    """For ``uvicorn --factory``: settings from the environment."""
    return create_app(Settings())
