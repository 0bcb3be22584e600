"""What handlers need, as ``Annotated`` dependencies: ``def handler(db: DbDep, who: PrincipalDep)``.

Everything comes from ``app.state`` (filled by ``create_app``), so tests override it there.
A request authenticates with ``Authorization: Bearer <API key>`` or with the session cookie;
a cookie request that changes something must also send the CSRF token (double submit).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request, Response

from api.db.session import Database
from api.errors import CsrfFailed, NotAuthenticated
from api.services import auth
from api.services.feed import FeedContext
from api.services.jobs import JobPolicy
from api.settings import Settings

SESSION_COOKIE = "giaoviec_session"
CSRF_COOKIE = "giaoviec_csrf"
CSRF_HEADER = "X-CSRF-Token"
# Requests the screen makes on its own (polling for other reviewers' decisions) send this
# header: they do not keep an idle session alive. Every other cookie request slides it.
BACKGROUND_HEADER = "X-Giaoviec-Background"
# The seconds a slid session has left, so that the screen can warn before it ends.
SESSION_LEFT_HEADER = "X-Session-Expires-In"
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


def set_session_cookies(response: Response, settings: Settings, *, token: str, csrf: str) -> None:
    """The HttpOnly session cookie and the CSRF cookie the screen reads, for session_max_age."""
    common = {"max_age": settings.session_max_age, "secure": settings.secure_cookies,
              "samesite": "lax", "path": "/"}
    response.set_cookie(SESSION_COOKIE, token, httponly=True, **common)  # type: ignore[arg-type]
    response.set_cookie(CSRF_COOKIE, csrf, httponly=False, **common)  # type: ignore[arg-type]
    response.headers[SESSION_LEFT_HEADER] = str(settings.session_max_age)


def _slide(request: Request, response: Response, settings: Settings, data: dict[str, object]) -> None:
    """A session lasts ``session_max_age`` from the user's last request, not from the login:
    an officer at work is never logged out in the middle of an edit."""
    if request.headers.get(BACKGROUND_HEADER) == "1":
        return
    token = auth.session_token(settings.secret_key.get_secret_value(), user_id=int(str(data["uid"])),
                               csrf=str(data["csrf"]), session_id=str(data["sid"]))
    set_session_cookies(response, settings, token=token, csrf=str(data["csrf"]))


def get_principal(request: Request, response: Response, db: DbDep, settings: SettingsDep) -> auth.Principal:
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
    _slide(request, response, settings, data)
    return principal


PrincipalDep = Annotated[auth.Principal, Depends(get_principal)]
