"""The tracker feed: published task revisions in a stable order behind an opaque cursor.

    publish / correct ─ record (Art. 5) ─ sign (Ed25519) ─ position from feed_head ─ row
    GET /api/v1/feed/tasks?cursor=C  →  revisions with position > C, ascending

**Why a tracker never misses or repeats a revision.** Each revision gets a *feed position*
when it is written. Positions are not taken from an autoincrement column: in PostgreSQL two
transactions can draw 7 and 8 from a sequence and commit 8 first; a reader that saw 8 and
stored it as its cursor would then never see 7. Instead a writer takes its positions with
``UPDATE feed_head SET position = position + n RETURNING position``. That row lock is held
until the writer commits, so the next writer can only draw its positions after the previous
one is committed (and visible): whenever a reader sees position p, every position below p is
already committed (or was rolled back together with its ``feed_head`` update and given out
again). On SQLite every writing transaction holds the database's write lock anyway
(``BEGIN IMMEDIATE``), which gives the same order. A correction is a new revision at a new
position, so it comes again to every tracker, after everything it already has.

The cost is that publishes are serialised on one row, for the few milliseconds between
drawing the positions and committing; they are drawn as late as possible in the transaction.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, func, select, update
from sqlalchemy.orm import Session

from api.db.session import Database
from api.db.tables import DocumentRow, FeedHead, Organisation, ProposalRow, TaskRevision
from api.errors import Forbidden, InvalidRequest, NotFound, VersionConflict
from api.logging import fields as log_fields
from api.services import audit, records, webhooks
from api.services.auth import Principal, require_role
from api.services.signing import ALGORITHM, Signer

log = logging.getLogger(__name__)

FEED_ROLES = frozenset({"tracker", "approver", "admin"})
TASK_READ_ROLES = frozenset({"tracker", "reviewer", "approver", "annotator", "admin"})
CORRECT_ROLES = frozenset({"approver", "admin"})
MAX_LIMIT = 1000
_CURSOR_VERSION = "v1"


@dataclass(frozen=True)
class FeedContext:
    """What writing to the feed needs besides the database: the signing key, the monitoring
    body (None: the organisation itself) and a callback that wakes the webhook dispatcher."""

    signer: Signer
    monitoring_body: str | None = None
    notify: Callable[[], None] = field(default=lambda: None)


# --- cursors ---------------------------------------------------------------------------------


# Positions are BIGINT (signed 64-bit); a cursor beyond that was never given out.
MAX_POSITION = 2**63 - 1


def encode_cursor(position: int) -> str:
    raw = json.dumps({"v": _CURSOR_VERSION, "p": position}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(cursor: str | None) -> int:
    """The position a cursor stands at; an empty cursor is the start of the feed."""
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        position = data["p"] if data.get("v") == _CURSOR_VERSION else None
    except (binascii.Error, ValueError, TypeError, KeyError, AttributeError):
        position = None
    if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= MAX_POSITION:
        raise InvalidRequest("the cursor is not one this feed gave out; start again without a cursor")
    return position


# --- writing ---------------------------------------------------------------------------------


def publish_tasks(session: Session, *, document: DocumentRow, tasks: list[ProposalRow], actor: str,
                  now: datetime, context: FeedContext) -> list[TaskRevision]:
    """Revision 1 of every task of a document being published, in the caller's transaction."""
    monitoring = _monitoring_body(session, document.org_id, context)
    drafts = []
    for proposal in tasks:
        fields = records.task_fields(proposal)
        if document.secrecy is not None:  # Art. 5.2: the revision keeps no content either
            fields = records.withhold(fields)
        record = records.build_record(
            document=document, fields=fields, task_id=proposal.id, revision=1, published_at=now,
            published_by=actor, monitoring_body=monitoring, task_count=len(tasks),
            origin=proposal.origin, pipeline_version=proposal.pipeline_version)
        drafts.append((proposal.id, fields, record))
    return _append(session, document=document, drafts=drafts, actor=actor, now=now, context=context)


def correct_task(db: Database, principal: Principal, task_id: int, *, changes: dict[str, Any],
                 expected_revision: int | None, reason: str | None, now: datetime,
                 context: FeedContext) -> dict[str, Any]:
    """A correction after publishing: a new revision of the task, signed, at a new position."""
    require_role(principal, CORRECT_ROLES, action="correct published tasks")
    unknown = set(changes) - set(records.CORRECTABLE)
    if unknown or not changes:
        raise InvalidRequest(f"give at least one of {', '.join(records.CORRECTABLE)} to correct")
    with db.session() as session:
        latest = _latest(session, principal, task_id)
        document = session.get(DocumentRow, latest.document_id)
        assert document is not None
        if not principal.may_read(document.secrecy):
            raise Forbidden(f"correcting a task of a {document.secrecy} document needs a clearance for it")
        _draw_positions(session, 0)  # takes the feed lock: corrections of a task queue here
        latest = _latest(session, principal, task_id)
        if expected_revision is not None and latest.revision != expected_revision:
            raise VersionConflict(
                f"task {task_id} is at revision {latest.revision} now; read it again and repeat your "
                "correction", current_version=latest.revision, current=feed_item(latest))
        before = dict(latest.fields or {})
        after = {**before, **changes}
        if document.secrecy is not None:
            if set(changes) & set(records.WITHHELD):
                raise InvalidRequest(f"a {document.secrecy} task keeps no content; correct only "
                                     f"{', '.join(k for k in records.CORRECTABLE if k not in records.WITHHELD)}")
            after = records.withhold(after)
        if after == before:
            raise InvalidRequest("the correction changes nothing")
        record = records.build_record(
            document=document, fields=after, task_id=task_id, revision=latest.revision + 1,
            published_at=now, published_by=principal.actor, monitoring_body=latest.record["monitoring_body"],
            task_count=latest.record["document"]["task_count"], origin=latest.record["provenance"]["origin"],
            pipeline_version=latest.record["provenance"]["pipeline_version"])
        [row] = _append(session, document=document, drafts=[(task_id, after, record)], actor=principal.actor,
                        now=now, context=context)
        changed = sorted(k for k in after if after[k] != before.get(k))
        audit.record(session, actor=principal.actor, action="task.correct", entity="task", entity_id=task_id,
                     org_id=principal.org_id, before={k: before.get(k) for k in changed},
                     after={**{k: after[k] for k in changed}, "revision": row.revision, "reason": reason},
                     at=now)
        item = feed_item(row)
    context.notify()
    return item


def _append(session: Session, *, document: DocumentRow, drafts: list[tuple[int, dict[str, Any], dict[str, Any]]],
            actor: str, now: datetime, context: FeedContext) -> list[TaskRevision]:
    if not drafts:
        return []
    signatures = [context.signer.sign(record) for _, _, record in drafts]  # before the lock
    last = _draw_positions(session, len(drafts))
    first = last - len(drafts) + 1
    rows = []
    for offset, ((task_id, fields, record), signature) in enumerate(zip(drafts, signatures, strict=True)):
        rows.append(TaskRevision(
            org_id=document.org_id, document_id=document.id, task_id=task_id, revision=record["revision"],
            secrecy=document.secrecy, record=record, fields=fields, published_by=actor, published_at=now,
            position=first + offset, key_id=context.signer.key_id, signature=signature))
    session.add_all(rows)
    session.flush()
    webhooks.enqueue(session, org_id=document.org_id, revisions=rows, now=now)
    log.info("feed_appended", extra=log_fields(document_id=document.id, revisions=len(rows),
                                              first_position=first, last_position=last))
    return rows


def _draw_positions(session: Session, n: int) -> int:
    """Take the feed head's lock (held until commit) and draw ``n`` positions; the last one."""
    return int(session.execute(
        update(FeedHead).where(FeedHead.id == 1).values(position=FeedHead.position + n)
        .returning(FeedHead.position)
    ).scalar_one())


def _monitoring_body(session: Session, org_id: int, context: FeedContext) -> str:
    if context.monitoring_body:
        return context.monitoring_body
    org = session.get(Organisation, org_id)
    return org.name if org else ""


# --- reading ---------------------------------------------------------------------------------


def feed_item(row: TaskRevision) -> dict[str, Any]:
    """One revision as trackers get it: position, the record and its signature."""
    return {
        "position": row.position,
        "task_id": row.task_id,
        "revision": row.revision,
        "event": "published" if row.revision == 1 else "corrected",
        "record": row.record,
        "signature": {"alg": ALGORITHM, "kid": row.key_id, "value": row.signature},
    }


def read_feed(db: Database, principal: Principal, *, cursor: str | None, limit: int) -> bytes:
    """The organisation's revisions after ``cursor``, oldest first, and the cursor to store, as
    the JSON bytes of the page ``{"items": [feed items], "next_cursor", "has_more"}``.

    Records are stored as JSON already: they are copied into the page as the database holds
    them, never parsed and serialised again (the pull rate of a tracker depends on it).
    """
    require_role(principal, FEED_ROLES, action="read the feed")
    after = decode_cursor(cursor)
    limit = max(1, min(limit, MAX_LIMIT))
    with db.session(read_only=True) as session:
        rows = session.execute(
            select(TaskRevision.position, TaskRevision.task_id, TaskRevision.revision, TaskRevision.key_id,
                   TaskRevision.signature, cast(TaskRevision.record, Text))
            .where(TaskRevision.org_id == principal.org_id, TaskRevision.position > after)
            .order_by(TaskRevision.position).limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [
        f'{{"position":{position},"task_id":{task_id},"revision":{revision},'
        f'"event":"{"published" if revision == 1 else "corrected"}","record":{raw},'
        f'"signature":{json.dumps({"alg": ALGORITHM, "kid": kid, "value": signature})}}}'
        for position, task_id, revision, kid, signature, raw in rows
    ]
    last = rows[-1].position if rows else after
    page = (f'{{"items":[{",".join(items)}],"next_cursor":{json.dumps(encode_cursor(last))},'
            f'"has_more":{"true" if more else "false"}}}')
    return page.encode("utf-8")


def get_task(db: Database, principal: Principal, task_id: int) -> dict[str, Any]:
    require_role(principal, TASK_READ_ROLES, action="read published tasks")
    with db.session(read_only=True) as session:
        return feed_item(_latest(session, principal, task_id))


def task_revisions(db: Database, principal: Principal, task_id: int) -> list[dict[str, Any]]:
    require_role(principal, TASK_READ_ROLES, action="read published tasks")
    with db.session(read_only=True) as session:
        _latest(session, principal, task_id)
        rows = session.scalars(
            select(TaskRevision).where(TaskRevision.task_id == task_id).order_by(TaskRevision.revision)
        ).all()
        return [feed_item(r) for r in rows]


def _latest(session: Session, principal: Principal, task_id: int) -> TaskRevision:
    row = session.scalar(
        select(TaskRevision).where(TaskRevision.task_id == task_id, TaskRevision.org_id == principal.org_id)
        .order_by(TaskRevision.revision.desc()).limit(1)
    )
    if row is None:
        raise NotFound(f"no published task {task_id} in your organisation")
    return row


def latest_revisions(session: Session, org_id: int) -> Any:
    """The newest revision of every task of an organisation (for exports)."""
    newest = (select(TaskRevision.task_id, func.max(TaskRevision.revision).label("revision"))
              .where(TaskRevision.org_id == org_id).group_by(TaskRevision.task_id).subquery())
    return (select(TaskRevision)
            .join(newest, (TaskRevision.task_id == newest.c.task_id)
                  & (TaskRevision.revision == newest.c.revision))
            .order_by(TaskRevision.position))
