"""``/api/v1/session`` and ``/api/v1/me``: password login for the review screen."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response

from api.deps import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    DbDep,
    NowDep,
    PrincipalDep,
    SettingsDep,
    set_session_cookies,
)
from api.schemas import PROBLEM_RESPONSES, LoginIn
from api.services import auth

router = APIRouter(prefix="/api/v1", tags=["session"], responses=PROBLEM_RESPONSES)


@router.post("/session")
def login(body: LoginIn, db: DbDep, settings: SettingsDep, now: NowDep, response: Response,
          request: Request) -> dict[str, Any]:
    """Log in: sets the HttpOnly session cookie and the CSRF cookie, returns the CSRF token.
    After a few failed logins for a user name or from a client address, each next try waits a
    doubling delay: 429 ``E113`` with ``Retry-After``."""
    throttle = auth.LoginThrottle(free_failures=settings.login_max_failures,
                                  window=timedelta(minutes=settings.login_window_minutes),
                                  max_delay=settings.login_max_delay_seconds)
    principal, session_id = auth.login(db, username=body.username, password=body.password, now=now,
                                       throttle=throttle, client=request.client.host if request.client else None)
    csrf = auth.new_csrf_token()
    token = auth.session_token(settings.secret_key.get_secret_value(), user_id=principal.id, csrf=csrf,
                               session_id=session_id)
    set_session_cookies(response, settings, token=token, csrf=csrf)
    return {**_me(db, principal, settings), "csrf_token": csrf}


@router.delete("/session", status_code=204)
def logout(who: PrincipalDep, db: DbDep, settings: SettingsDep, now: NowDep, request: Request) -> Response:
    """Log out: the session is revoked on the server (its cookie no longer works anywhere) and
    the cookies are removed."""
    session_id = getattr(request.state, "session_id", None)
    if session_id:
        auth.logout(db, session_id=str(session_id), now=now)
    response = Response(status_code=204)
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=settings.secure_cookies, samesite="lax")
    return response


@router.get("/me")
def me(who: PrincipalDep, db: DbDep, settings: SettingsDep, request: Request) -> dict[str, Any]:
    """Who is logged in (or which key is used), with the CSRF token of the session and the
    office's accept-all confidence."""
    return {**_me(db, who, settings), "csrf_token": getattr(request.state, "csrf_token", None)}


def _me(db: DbDep, principal: auth.Principal, settings: SettingsDep) -> dict[str, Any]:
    return {"id": principal.id, "kind": principal.kind, "name": principal.name, "role": principal.role,
            "clearance": principal.clearance, "accept_all_threshold": settings.accept_all_threshold,
            "session_max_age": settings.session_max_age,
            "organisation": {"id": principal.org_id, "name": auth.organisation_name(db, principal.org_id)}}
