"""``/api/v1/webhooks``: trackers register URLs that receive each published task revision."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.deps import DbDep, NowDep, PrincipalDep, SettingsDep
from api.schemas import PROBLEM_RESPONSES, Id, WebhookIn
from api.services import webhooks

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"], responses=PROBLEM_RESPONSES)


@router.post("", status_code=201)
def register(body: WebhookIn, db: DbDep, who: PrincipalDep, now: NowDep, settings: SettingsDep) -> dict[str, Any]:
    """Register a URL and a secret (tracker keys, approvers): every publish and correction of
    the organisation is POSTed there with ``X-Giaoviec-Signature``."""
    return webhooks.register(db, who, url=body.url, secret=body.secret, now=now,
                             allowed_hosts=settings.webhook_allowed_hosts)


@router.get("")
def list_webhooks(db: DbDep, who: PrincipalDep) -> list[dict[str, Any]]:
    """The organisation's active webhooks (never their secrets)."""
    return webhooks.list_webhooks(db, who)


@router.delete("/{webhook_id}", status_code=204)
def delete(webhook_id: Id, db: DbDep, who: PrincipalDep, now: NowDep) -> Response:
    """Stop sending to a webhook; pending deliveries are cancelled, the log stays."""
    webhooks.delete(db, who, webhook_id, now=now)
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries")
def deliveries(webhook_id: Id, db: DbDep, who: PrincipalDep,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
    """The delivery log, newest first: status pending | delivered | failed | cancelled, attempts,
    the last HTTP status and error."""
    return webhooks.deliveries(db, who, webhook_id, limit=limit)
