"""What handlers need, as ``Annotated`` dependencies: ``def handler(db: DbDep, who: PrincipalDep)``.

Everything comes from ``app.state`` (filled by ``create_app``), so tests override it there.
A request authenticates with ``Authorization: Bearer <API key>`` or with the session cookie;
a cookie request that changes something must also send the CSRF token (double submit).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from api.db.session import Database
from api.errors import CsrfFailed, NotAuthenticated
from api.services import auth
from api.services.feed import FeedContext
from api.services.jobs import JobPolicy
from api.settings import Settings

SESSION_COOKIE = "giaoviec_session"
CSRF_COOKIE = "giaoviec_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def get_job_policy(request: Request) -> JobPolicy:
    return request.app.state.job_policy  # type: ignore[no-any-return]


def get_now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


def get_feed_context(request: Request) -> FeedContext:
    return request.app.state.feed_context  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
FeedDep = Annotated[FeedContext, Depends(get_feed_context)]
DbDep = Annotated[Database, Depends(get_db)]
JobPolicyDep = Annotated[JobPolicy, Depends(get_job_policy)]
NowDep = Annotated[datetime, Depends(get_now)]


def get_principal(request: Request, db: DbDep, settings: SettingsDep) -> auth.Principal:
    """The caller, or NotAuthenticated; CsrfFailed for a cookie request without the token."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise NotAuthenticated('the Authorization header must be "Bearer <API key>"')
        return auth.principal_for_key(db, key.strip())
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise NotAuthenticated("log in first (POST /api/v1/session) or send an API key")
    data = auth.read_session_token(settings.secret_key.get_secret_value(), token,
                                   max_age=settings.session_max_age)
    if request.method not in SAFE_METHODS and not auth.csrf_matches(
        data["csrf"], request.headers.get(CSRF_HEADER), request.cookies.get(CSRF_COOKIE)
    ):
        raise CsrfFailed(f"send the {CSRF_HEADER} header with the value of the {CSRF_COOKIE} cookie")
    principal = auth.principal_for_user(db, int(data["uid"]), str(data["sid"]))
    request.state.csrf_token = data["csrf"]
    request.state.session_id = data["sid"]
    return principal


PrincipalDep = Annotated[auth.Principal, Depends(get_principal)]
