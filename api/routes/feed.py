"""``/api/v1/feed/tasks``, ``/api/v1/tasks/{id}``, the record's JSON Schema and the public
signing key: what trackers read (issue 6)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response

from api.deps import DbDep, FeedDep, NowDep, PrincipalDep
from api.errors import InvalidRequest
from api.schemas import MAX_INT, PROBLEM_RESPONSES, Id, TaskCorrection
from api.services import feed, records

router = APIRouter(tags=["feed"], responses=PROBLEM_RESPONSES)

_RECORD = {k: v for k, v in records.RECORD_SCHEMA.items() if k not in ("$schema", "$id")}
FEED_ITEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["position", "task_id", "revision", "event", "record", "signature"],
    "properties": {
        "position": {"type": "integer"},
        "task_id": {"type": "integer"},
        "revision": {"type": "integer"},
        "event": {"enum": ["published", "corrected"]},
        "record": _RECORD,
        "signature": {"type": "object", "required": ["alg", "kid", "value"],
                      "properties": {"alg": {"const": "Ed25519"}, "kid": {"type": "string"},
                                     "value": {"type": "string"}}},
    },
}
FEED_PAGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["items", "next_cursor", "has_more"],
    "properties": {"items": {"type": "array", "items": FEED_ITEM_SCHEMA},
                   "next_cursor": {"type": "string"}, "has_more": {"type": "boolean"}},
}
JSON_SCHEMA = "application/schema+json"
_ITEM_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"application/json": {"schema": FEED_ITEM_SCHEMA}}}}


def _json(body: Any, *, headers: dict[str, str] | None = None, media_type: str = "application/json") -> Response:
    # The feed's pages are big and already plain JSON: skip the response-model machinery.
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(),
                    media_type=media_type, headers=headers)


@router.get("/api/v1/feed/tasks", responses={200: {"content": {"application/json": {"schema": FEED_PAGE_SCHEMA}}}})
def read_feed(db: DbDep, who: PrincipalDep,
              cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of the last page")] = None,
              limit: Annotated[int, Query(ge=1, le=feed.MAX_LIMIT)] = 100) -> Response:
    """Published task revisions after ``cursor``, oldest first (tracker keys, approvers).

    Store ``next_cursor`` after processing a page and send it next time: every revision comes
    exactly once, corrections again as new revisions."""
    return Response(feed.read_feed(db, who, cursor=cursor, limit=limit), media_type="application/json")


@router.get("/api/v1/tasks/{task_id}", responses=_ITEM_RESPONSE)
def get_task(task_id: Id, db: DbDep, who: PrincipalDep) -> Response:
    """The newest revision of a published task, with ``ETag: "<revision>"``."""
    item = feed.get_task(db, who, task_id)
    return _json(item, headers={"ETag": f'"{item["revision"]}"'})


@router.get("/api/v1/tasks/{task_id}/revisions", responses={
    200: {"content": {"application/json": {"schema": {"type": "array", "items": FEED_ITEM_SCHEMA}}}}})
def get_revisions(task_id: Id, db: DbDep, who: PrincipalDep) -> Response:
    """Every revision of a published task, oldest first."""
    return _json(feed.task_revisions(db, who, task_id))


@router.patch("/api/v1/tasks/{task_id}", responses=_ITEM_RESPONSE)
def correct_task(task_id: Id, body: TaskCorrection, db: DbDep, who: PrincipalDep, now: NowDep, context: FeedDep,
                 if_match: Annotated[str | None, Header(description='The revision read, e.g. "2"')] = None,
                 ) -> Response:
    """Correct a published task (approver): a new signed revision that every tracker gets again."""
    expected = _revision(if_match) if if_match is not None else body.revision
    item = feed.correct_task(db, who, task_id, changes=body.changes(), expected_revision=expected,
                             reason=body.reason, now=now, context=context)
    return _json(item, headers={"ETag": f'"{item["revision"]}"'})


@router.get("/api/v1/schemas/task-record.json", responses={200: {"content": {JSON_SCHEMA: {}}}})
def record_schema() -> Response:
    """The JSON Schema of a task record (also in docs/task-record.schema.json)."""
    return _json(records.RECORD_SCHEMA, media_type=JSON_SCHEMA)


@router.get("/.well-known/giaoviec-signing-key")
def signing_key(request: Request) -> dict[str, Any]:
    """The public key that verifies the records' signatures: a JWK with its PEM and key id."""
    context: feed.FeedContext = request.app.state.feed_context
    return {"keys": [context.signer.public_jwk()]}


def _revision(if_match: str) -> int:
    value = if_match.strip().removeprefix("W/").strip('"')
    # The length first: int() of thousands of digits raises (Python's 4,300-digit limit).
    if not (value.isascii() and value.isdigit()) or len(value) > 10 or int(value) > MAX_INT:
        raise InvalidRequest(f'If-Match must be the revision read, e.g. "2", not {if_match!r}')
    return int(value)
