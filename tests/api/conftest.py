"""Fixtures of the API tests: one app per database backend, teams of users, uploads.

Every test runs twice: on a SQLite file (marker ``integration``) and on a real PostgreSQL
server that ``postgres_url`` starts for the session with initdb/pg_ctl in a temporary folder
on a free loopback port (marker ``postgres``; as root, through ``runuser -u postgres``, since
PostgreSQL refuses to run as root). Tests share the app of their backend and stay apart by
creating their own organisation.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from api_helpers import BASE_URL, SECRET, Clock, Team, sample_bytes, upload, wait_until_extracted
from cluster import LocalPostgres
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "integration: API tests against a real SQLite file")
    config.addinivalue_line("markers", "postgres: API tests against a real PostgreSQL server")


# --- PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[LocalPostgres]:
    """A throwaway PostgreSQL server for the session (``cluster.LocalPostgres``); stopped at the end."""
    server = LocalPostgres().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: LocalPostgres) -> str:
    """An empty database ``giaoviec`` on the session's PostgreSQL server."""
    return postgres_server.create_database("giaoviec")


# --- the app ---------------------------------------------------------------------------------


@pytest.fixture(scope="session", params=[
    pytest.param("sqlite", marks=pytest.mark.integration),
    pytest.param("postgres", marks=pytest.mark.postgres),
])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'api.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(_env_file=None, environment="test", database_url=database_url,  # type: ignore[call-arg]
                    data_dir=tmp_path_factory.mktemp("data"), secret_key=SECRET, max_upload_mb=1,
                    auto_migrate=True, log_level="WARNING", webhook_max_attempts=4,
                    webhook_backoff_seconds=0.05, webhook_poll_seconds=0.05, webhook_timeout_seconds=5,
                    webhook_allowed_hosts=["127.0.0.1"], worker_processes=1, worker_poll_seconds=0.1)


@pytest.fixture(scope="session")
def app_clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def app(settings: Settings, app_clock: Clock) -> Iterator[FastAPI]:
    application = create_app(settings, clock=app_clock)
    with TestClient(application, base_url=BASE_URL):  # runs the lifespan: migrations, worker process
        yield application


@pytest.fixture
def clock(app_clock: Clock) -> Iterator[Clock]:
    yield app_clock
    app_clock.fixed = None


@pytest.fixture
def anonymous(app: FastAPI) -> TestClient:
    # An address of its own: failed logins of other tests (same TestClient address) would
    # otherwise throttle this client's logins.
    address = ".".join(str(b) for b in uuid.uuid4().bytes[:3])
    return TestClient(app, base_url=BASE_URL, client=(f"10.{address}", 50000))


# --- people and documents --------------------------------------------------------------------


@pytest.fixture
def team(app: FastAPI) -> Team:
    return Team(app, f"org-{uuid.uuid4().hex[:10]}")


@pytest.fixture
def other_team(app: FastAPI) -> Team:
    return Team(app, f"org-{uuid.uuid4().hex[:10]}")


@pytest.fixture
def extracted(team: Team) -> Callable[..., dict[str, Any]]:
    """Upload the sample (or given bytes) as the team's reviewer and wait for its proposals."""

    def make(data: bytes | None = None, filename: str = "ket-luan.txt") -> dict[str, Any]:
        answer = upload(team.reviewer, data or sample_bytes(), filename)
        assert answer.status_code == 202, answer.text
        view = wait_until_extracted(team.reviewer, answer.json()["id"])
        assert view["status"] in ("extracted", "in_review"), view
        return view

    return make
