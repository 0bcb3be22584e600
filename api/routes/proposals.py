"""``/api/v1/proposals/{id}``: read one proposal, decide it at the version read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Response

from api.deps import DbDep, NowDep, PrincipalDep
from api.errors import InvalidRequest
from api.schemas import MAX_INT, PROBLEM_RESPONSES, Id, ProposalPatch
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
