"""``/api/v1/proposals/{id}``: read one proposal, decide it at the version read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Response

from api.deps import DbDep, NowDep, PrincipalDep
from api.errors import InvalidRequest
from api.schemas import MAX_INT, PROBLEM_RESPONSES, CommentIn, Id, ProposalPatch, UndoIn
from api.services import review

router = APIRouter(prefix="/api/v1/proposals", tags=["proposals"], responses=PROBLEM_RESPONSES)


@router.get("/{proposal_id}")
def get_proposal(proposal_id: Id, db: DbDep, who: PrincipalDep, response: Response) -> dict[str, Any]:
    view = review.get_proposal(db, who, proposal_id)
    response.headers["ETag"] = f'"{view["version"]}"'
    return view


@router.patch("/{proposal_id}")
def decide(proposal_id: Id, body: ProposalPatch, db: DbDep, who: PrincipalDep, now: NowDep,
           response: Response,
           if_match: Annotated[str | None, Header(description='The version read, e.g. "3"')] = None,
           ) -> dict[str, Any]:
    """Accept, edit or reject; a stale version gives 409 with the current one."""
    version = _version(if_match) if if_match is not None else body.version
    view = review.decide(db, who, proposal_id, version=version, status=body.status,
                         changes=body.changes(), now=now)
    response.headers["ETag"] = f'"{view["version"]}"'
    return view


def _version(if_match: str) -> int:
    value = if_match.strip().removeprefix("W/").strip('"')
    # The length first: int() of thousands of digits raises (Python's 4,300-digit limit).
    if not (value.isascii() and value.isdigit()) or len(value) > 10 or int(value) > MAX_INT:
        raise InvalidRequest(f'If-Match must be the version read, e.g. "3", not {if_match!r}')
    return int(value)


@router.post("/{proposal_id}/undo")
def undo(proposal_id: Id, db: DbDep, who: PrincipalDep, now: NowDep, response: Response,
         body: UndoIn | None = None,
         if_match: Annotated[str | None, Header(description='The version read, e.g. "3"')] = None,
         ) -> dict[str, Any]:
    """Take back the last decision (until the document is published); audited."""
    version = _version(if_match) if if_match is not None else (body.version if body else None)
    if version is None:
        raise InvalidRequest('give the version you read: an If-Match header or "version" in the body')
    view = review.undo(db, who, proposal_id, version=version, now=now)
    response.headers["ETag"] = f'"{view["version"]}"'
    return view


@router.post("/{proposal_id}/comments", status_code=201)
def add_comment(proposal_id: Id, body: CommentIn, db: DbDep, who: PrincipalDep, now: NowDep) -> dict[str, Any]:
    """A note on the task for the approver (kept in the audit log)."""
    return review.comment(db, who, proposal_id, text=body.text.strip(), now=now)


@router.get("/{proposal_id}/history")
def get_history(proposal_id: Id, db: DbDep, who: PrincipalDep) -> list[dict[str, Any]]:
    """The task's audit entries, oldest first."""
    return review.proposal_history(db, who, proposal_id)
