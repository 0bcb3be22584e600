"""``/api/v1/health``: is the service up, its database reachable, and OCR available."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.deps import DbDep
from api.schemas import PROBLEM_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["health"], responses=PROBLEM_RESPONSES)


@router.get("/health")
def health(db: DbDep) -> Any:
    from extraction.pipeline import PIPELINE_VERSION

    try:
        with db.session(read_only=True) as session:
            session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return {
        "status": "ok",
        "database": "ok",
        "pipeline_version": PIPELINE_VERSION,
        "ocr": ocr_status(),
    }


def ocr_status() -> dict[str, Any]:
    """Whether scanned PDFs can be read here: without OCR they are refused (E005)."""
    from extraction.ingest.ocr import LANGUAGES, tesseract_version, unavailable_reason

    reason = unavailable_reason()
    return {
        "available": reason is None,
        "engine": tesseract_version(),
        "languages": list(LANGUAGES),
        **({"reason": reason} if reason else {}),
    }
