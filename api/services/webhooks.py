"""Webhooks: a tracker registers a URL and a secret (stored sealed, ``api.sealing``); every published or corrected task
revision of its organisation is POSTed there, signed, and retried with back-off.

    publish ─(same transaction)─ webhook_deliveries row, status ``pending``   (an outbox)
    Dispatcher thread ─ POST ─ 2xx: ``delivered`` | else retry after backoff·2^(n-1) | ``failed``

A delivery is written in the publishing transaction, so a task is never published without
its deliveries nor delivered without being published; a restart loses nothing (the dispatcher
picks up whatever is due). Each POST carries::

    X-Giaoviec-Event: task.published | task.corrected
    X-Giaoviec-Delivery: <delivery id>          (the same on every retry: deduplicate on it)
    X-Giaoviec-Timestamp: <unix seconds>
    X-Giaoviec-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>

and the body ``{"event", "delivery_id", "item"}`` where ``item`` is the feed item (the signed
record: secret documents carry no content there either).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import ssl
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.db.session import Database, affected
from api.db.tables import TaskRevision, Webhook, WebhookDelivery
from api.errors import NotFound
from api.logging import fields
from api.services import audit
from api.services.auth import Principal, require_role
from api.services.egress import ForbiddenDestination, Resolver, check_destination

log = logging.getLogger(__name__)

WEBHOOK_ROLES = frozenset({"tracker", "approver", "admin"})
SIGNATURE_HEADER = "X-Giaoviec-Signature"
TIMESTAMP_HEADER = "X-Giaoviec-Timestamp"
BATCH = 20


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of ``timestamp.body`` with the webhook's secret."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def check_signature(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does (examples/tracker_client.py shows it too)."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


# --- registration ----------------------------------------------------------------------------


def register(db: Database, principal: Principal, *, url: str, secret: str, now: datetime,
             allowed_hosts: Sequence[str] | None = None) -> dict[str, Any]:
    require_role(principal, WEBHOOK_ROLES, action="register webhooks")
    check_destination(url, allowed_hosts=allowed_hosts)
    with db.session() as session:
        hook = Webhook(org_id=principal.org_id, url=url, secret="", is_active=True,
                       created_by=principal.actor, created_at=now)
        session.add(hook)
        session.flush()
        hook.secret = db.sealer.seal(secret, label=secret_label(hook.id))  # never in clear at rest
        audit.record(session, actor=principal.actor, action="webhook.create", entity="webhook",
                     entity_id=hook.id, org_id=principal.org_id, before=None, after={"url": url}, at=now)
        return webhook_view(hook)


def list_webhooks(db: Database, principal: Principal) -> list[dict[str, Any]]:
    require_role(principal, WEBHOOK_ROLES, action="read webhooks")
    with db.session(read_only=True) as session:
        hooks = session.scalars(select(Webhook).where(Webhook.org_id == principal.org_id,
                                                      Webhook.is_active.is_(True)).order_by(Webhook.id)).all()
        return [webhook_view(h) for h in hooks]


def delete(db: Database, principal: Principal, webhook_id: int, *, now: datetime) -> None:
    """Stop sending to a webhook; its delivery log stays readable."""
    require_role(principal, WEBHOOK_ROLES, action="delete webhooks")
    with db.session() as session:
        hook = _webhook(session, principal, webhook_id)
        hook.is_active = False
        session.execute(update(WebhookDelivery).where(WebhookDelivery.webhook_id == hook.id,
                                                      WebhookDelivery.status == "pending")
                        .values(status="cancelled"))
        audit.record(session, actor=principal.actor, action="webhook.delete", entity="webhook",
                     entity_id=hook.id, org_id=principal.org_id, before={"url": hook.url}, after=None, at=now)


def deliveries(db: Database, principal: Principal, webhook_id: int, *, limit: int = 100) -> list[dict[str, Any]]:
    """The delivery log of a webhook, newest first."""
    require_role(principal, WEBHOOK_ROLES, action="read webhooks")
    with db.session(read_only=True) as session:
        _webhook(session, principal, webhook_id, active_only=False)
        rows = session.execute(
            select(WebhookDelivery, TaskRevision.task_id, TaskRevision.revision, TaskRevision.position)
            .join(TaskRevision, TaskRevision.seq == WebhookDelivery.revision_seq)
            .where(WebhookDelivery.webhook_id == webhook_id)
            .order_by(WebhookDelivery.id.desc()).limit(limit)
        ).all()
    return [{"id": d.id, "event": d.event, "task_id": task_id, "revision": revision, "position": position,
             "status": d.status, "attempts": d.attempts, "next_attempt_at": d.next_attempt_at.isoformat(),
             "last_status_code": d.last_status_code, "last_error": d.last_error,
             "created_at": d.created_at.isoformat(),
             "delivered_at": d.delivered_at.isoformat() if d.delivered_at else None}
            for d, task_id, revision, position in rows]


def secret_label(webhook_id: int) -> str:
    """What a webhook's sealed secret is bound to (``api.sealing``)."""
    return f"webhook:{webhook_id}:secret"


def webhook_view(hook: Webhook) -> dict[str, Any]:
    return {"id": hook.id, "url": hook.url, "is_active": hook.is_active, "created_by": hook.created_by,
            "created_at": hook.created_at.isoformat()}


def _webhook(session: Session, principal: Principal, webhook_id: int, *, active_only: bool = True) -> Webhook:
    hook = session.get(Webhook, webhook_id)
    if hook is None or hook.org_id != principal.org_id or (active_only and not hook.is_active):
        raise NotFound(f"no webhook {webhook_id} in your organisation")
    return hook


# --- the outbox ------------------------------------------------------------------------------


def enqueue(session: Session, *, org_id: int, revisions: Sequence[TaskRevision], now: datetime) -> int:
    """One pending delivery per revision and active webhook, in the publishing transaction."""
    hooks = session.scalars(select(Webhook.id).where(Webhook.org_id == org_id, Webhook.is_active.is_(True))).all()
    for hook_id in hooks:
        session.add_all(WebhookDelivery(
            webhook_id=hook_id, revision_seq=r.seq, event="task.published" if r.revision == 1 else "task.corrected",
            status="pending", attempts=0, next_attempt_at=now, created_at=now) for r in revisions)
    return len(hooks) * len(revisions)


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class Dispatcher:
    """Sends due deliveries from a background thread; ``notify()`` wakes it after a publish.

    Attempt n (1-based) that fails is retried after ``backoff · 2^(n-1)`` seconds, up to
    ``max_attempts``; then the delivery is ``failed`` (still in the log). Times here are the
    real clock, not the app's (which tests may hold still).
    """

    def __init__(self, db: Database, *, max_attempts: int, backoff: float, timeout: float, poll: float,
                 transport: httpx.BaseTransport | None = None, allowed_hosts: Sequence[str] | None = None,
                 resolve: Resolver | None = None, verify: ssl.SSLContext | bool = True) -> None:
        self.db = db
        self.allowed_hosts = allowed_hosts
        self.resolve = resolve
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.poll = poll
        self._client = httpx.Client(timeout=timeout, transport=transport, follow_redirects=False, verify=verify)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self._client.close()

    def notify(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                sent = self.run_once()
            except Exception:  # the thread's top-level handler: log, wait, go on
                log.exception("webhook_dispatch_failed")
                sent = 0
            if not sent:
                self._wake.wait(self.poll)
                self._wake.clear()

    def run_once(self) -> int:
        """Send every delivery due now (at most ``BATCH``); how many were tried."""
        now = datetime.now(UTC)
        claimed = self._claim(now)
        for delivery_id in claimed:
            self._send(delivery_id)
        return len(claimed)

    def _claim(self, now: datetime) -> list[int]:
        lease = now + timedelta(seconds=self._client.timeout.read or 10) + timedelta(seconds=30)
        with self.db.session() as session:
            due = session.execute(
                select(WebhookDelivery.id, WebhookDelivery.next_attempt_at)
                .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
                .order_by(WebhookDelivery.id).limit(BATCH)
            ).all()
            claimed = []
            for delivery_id, at in due:  # another process may claim the same row: first wins
                if affected(session.execute(
                    update(WebhookDelivery).where(WebhookDelivery.id == delivery_id,
                                                  WebhookDelivery.next_attempt_at == at)
                    .values(next_attempt_at=lease))):
                    claimed.append(delivery_id)
        return claimed

    def _send(self, delivery_id: int) -> None:
        from api.services.feed import feed_item

        with self.db.session(read_only=True) as session:
            delivery = session.get(WebhookDelivery, delivery_id)
            assert delivery is not None
            hook = session.get(Webhook, delivery.webhook_id)
            revision = session.get(TaskRevision, delivery.revision_seq)
            assert hook is not None and revision is not None
            body = json.dumps({"event": delivery.event, "delivery_id": delivery.id, "item": feed_item(revision)},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            url, event, attempts = hook.url, delivery.event, delivery.attempts
            secret = self.db.sealer.open_text(hook.secret, label=secret_label(hook.id))
        timestamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Giaoviec-Event": event,
                   "X-Giaoviec-Delivery": str(delivery_id), TIMESTAMP_HEADER: timestamp,
                   SIGNATURE_HEADER: sign(secret, timestamp, body), "User-Agent": "giaoviec-webhooks/1"}
        status_code, error = self.post_once(url, body, headers)
        self._record(delivery_id, attempts + 1, status_code, error)

    def post_once(self, url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str | None]:
        """POST to the address checked now (pinned); (status code, failure class or None).

        The log keeps only the class of a failure, never the remote answer's body, reason or
        error text (which told a caller what listened on each internal port)."""
        try:
            options = {"resolve": self.resolve} if self.resolve is not None else {}
            destination = check_destination(url, allowed_hosts=self.allowed_hosts, **options)
        except ForbiddenDestination:
            return None, "forbidden_address"
        try:
            # Streamed and never read: a receiver's body is neither needed nor kept.
            with self._client.stream("POST", destination.url, content=body,
                                     headers={**headers, "Host": destination.host_header},
                                     extensions=destination.extensions) as response:
                pass
        except httpx.TimeoutException:
            return None, "timeout"
        except httpx.ConnectError as exc:
            return None, "tls" if _caused_by(exc, ssl.SSLError) else "connect"
        except httpx.HTTPError:
            return None, "protocol"
        if response.is_redirect:
            return response.status_code, "redirect"
        if not response.is_success:
            return response.status_code, "http_status"
        return response.status_code, None

    def _record(self, delivery_id: int, attempt: int, status_code: int | None, error: str | None) -> None:
        now = datetime.now(UTC)
        if error is None:
            values: dict[str, Any] = {"status": "delivered", "delivered_at": now}
        elif attempt >= self.max_attempts:
            values = {"status": "failed"}
        else:
            values = {"next_attempt_at": now + timedelta(seconds=self.backoff * 2 ** (attempt - 1))}
        with self.db.session() as session:
            session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(
                attempts=attempt, last_status_code=status_code, last_error=error, **values))
        log.info("webhook_attempt", extra=fields(delivery_id=delivery_id, attempt=attempt,
                                                 status_code=status_code, ok=error is None))
