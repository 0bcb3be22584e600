"""``/api/v1/bodies?q=``: autocomplete for lead and co-operating bodies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from api.deps import NowDep, PrincipalDep
from api.schemas import PROBLEM_RESPONSES
from api.services import bodies
from extraction.calendar import VIETNAM_TZ

router = APIRouter(prefix="/api/v1/bodies", tags=["bodies"], responses=PROBLEM_RESPONSES)


@router.get("")
async def search_bodies(who: PrincipalDep, now: NowDep,
                        q: Annotated[str, Query(min_length=1, max_length=200)],
                        limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[dict[str, Any]]:
    """The typed name and names starting with it first, one option per name; bodies that no
    longer exist come last, marked ``ended`` with their ``successor_name``."""
    today = now.astimezone(VIETNAM_TZ).date()
    return await run_in_threadpool(bodies.search, q, limit=limit, today=today)
