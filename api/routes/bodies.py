"""``/api/v1/bodies?q=``: autocomplete for lead and co-operating bodies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from api.deps import PrincipalDep
from api.schemas import PROBLEM_RESPONSES
from api.services import bodies

router = APIRouter(prefix="/api/v1/bodies", tags=["bodies"], responses=PROBLEM_RESPONSES)


@router.get("")
async def search_bodies(who: PrincipalDep, q: Annotated[str, Query(min_length=1, max_length=200)],
                        limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[dict[str, Any]]:
    return await run_in_threadpool(bodies.search, q, limit=limit)
