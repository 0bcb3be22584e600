"""``/api/v1/exports/tasks.csv`` and ``.xlsx``: published tasks for office staff."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from api.deps import DbDep, PrincipalDep
from api.schemas import MAX_DATE, MAX_INT, MIN_DATE, PROBLEM_RESPONSES
from api.services import exports

router = APIRouter(prefix="/api/v1/exports", tags=["exports"], responses=PROBLEM_RESPONSES)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_PATTERN = "^(not_started|in_progress|completed|completed_late|not_completed)$"


def _filters(document_id: int | None, lead: str | None, deadline_from: dt.date | None,
             deadline_to: dt.date | None, status: str | None) -> exports.ExportFilter:
    return exports.ExportFilter(document_id=document_id, lead=lead, deadline_from=deadline_from,
                                deadline_to=deadline_to, status=status)


DocumentQ = Annotated[int | None, Query(ge=1, le=MAX_INT, description="Only this document's tasks")]
LeadQ = Annotated[str | None, Query(max_length=300, description="Lead body contains these words")]
FromQ = Annotated[dt.date | None, Query(description="Deadline on or after", ge=MIN_DATE, le=MAX_DATE)]
ToQ = Annotated[dt.date | None, Query(description="Deadline on or before", ge=MIN_DATE, le=MAX_DATE)]
StatusQ = Annotated[str | None, Query(pattern=STATUS_PATTERN)]


@router.get("/tasks.csv", responses={200: {"content": {"text/csv": {}}}})
async def export_csv(db: DbDep, who: PrincipalDep, document_id: DocumentQ = None, lead: LeadQ = None,
                     deadline_from: FromQ = None, deadline_to: ToQ = None, status: StatusQ = None) -> Response:
    """One row per published task (newest revision), UTF-8 with BOM."""
    rows = await run_in_threadpool(exports.export_rows, db, who,
                                   filters=_filters(document_id, lead, deadline_from, deadline_to, status))
    return Response(exports.to_csv(rows).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="giaoviec-tasks.csv"'})


@router.get("/tasks.xlsx", responses={200: {"content": {XLSX: {}}}})
async def export_xlsx(db: DbDep, who: PrincipalDep, document_id: DocumentQ = None, lead: LeadQ = None,
                      deadline_from: FromQ = None, deadline_to: ToQ = None, status: StatusQ = None) -> Response:
    """The same rows as the CSV, as an Excel workbook."""
    rows = await run_in_threadpool(exports.export_rows, db, who,
                                   filters=_filters(document_id, lead, deadline_from, deadline_to, status))
    data = await run_in_threadpool(exports.to_xlsx, rows)
    return Response(data, media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="giaoviec-tasks.xlsx"'})
