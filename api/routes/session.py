"""``/api/v1/session`` and ``/api/v1/me``: password login for the review screen."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from api.deps import CSRF_COOKIE, SESSION_COOKIE, DbDep, PrincipalDep, SettingsDep
from api.schemas import LoginIn
from api.services import auth

router = APIRouter(prefix="/api/v1", tags=["session"])


@router.post("/session")
def login(body: LoginIn, db: DbDep, settings: SettingsDep, response: Response) -> dict[str, Any]:
    """Log in: sets the HttpOnly session cookie and the CSRF cookie, returns the CSRF token."""
    principal = auth.login(db, username=body.username, password=body.password)
    csrf = auth.new_csrf_token()
    token = auth.session_token(settings.secret_key.get_secret_value(), user_id=principal.id, csrf=csrf)
    common = {"max_age": settings.session_max_age, "secure": settings.secure_cookies,
              "samesite": "lax", "path": "/"}
    response.set_cookie(SESSION_COOKIE, token, httponly=True, **common)  # type: ignore[arg-type]
    response.set_cookie(CSRF_COOKIE, csrf, httponly=False, **common)  # type: ignore[arg-type]
    return {**_me(db, principal), "csrf_token": csrf}


@router.delete("/session", status_code=204)
def logout(who: PrincipalDep, settings: SettingsDep) -> Response:
    """Log out: the cookies are removed."""
    response = Response(status_code=204)
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=settings.secure_cookies, samesite="lax")
    return response


@router.get("/me")
def me(who: PrincipalDep, db: DbDep, request: Request) -> dict[str, Any]:
    """Who is logged in (or which key is used), with the CSRF token of the session."""
    return {**_me(db, who), "csrf_token": getattr(request.state, "csrf_token", None)}


def _me(db: DbDep, principal: auth.Principal) -> dict[str, Any]:
    return {"id": principal.id, "kind": principal.kind, "name": principal.name, "role": principal.role,
            "clearance": principal.clearance,
            "organisation": {"id": principal.org_id, "name": auth.organisation_name(db, principal.org_id)}}
