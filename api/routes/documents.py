"""``/api/v1/documents``: upload, list, view, and the review actions on one document."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, Query, Response, UploadFile

from api.deps import DbDep, FeedDep, JobPolicyDep, NowDep, PrincipalDep, SettingsDep
from api.schemas import (
    MAX_DATE,
    MAX_INT,
    MIN_DATE,
    PROBLEM_RESPONSES,
    AcceptAllIn,
    DocumentPatch,
    Id,
    ProposalCreate,
    RejectIn,
)
from api.services import documents, review

router = APIRouter(prefix="/api/v1/documents", tags=["documents"], responses=PROBLEM_RESPONSES)


@router.post("", status_code=202)
def upload_document(
    file: Annotated[UploadFile, File(description="PDF, DOCX or UTF-8 text")],
    db: DbDep, policy: JobPolicyDep, who: PrincipalDep, settings: SettingsDep, now: NowDep,
    response: Response,
    issued: Annotated[dt.date | None, Form(description="Issue date YYYY-MM-DD, when the "
                                                       "document prints none", ge=MIN_DATE, le=MAX_DATE)] = None,
    idempotency_key: Annotated[str | None, Header(
        alias="Idempotency-Key", pattern=r"^[\x21-\x7e]{1,255}$",
        description="Any unique string per file (printable ASCII, at most 255): sent again, the same "
                    "document answers; with other bytes, 422 E121")] = None,
) -> dict[str, Any]:
    """Store a document and start its extraction: 202 and its id at once (200 when the same
    file was uploaded before, or the same ``Idempotency-Key`` was: the existing document)."""
    data = documents.read_limited(file.file, max_bytes=settings.max_upload_bytes)
    result = documents.upload(db=db, policy=policy, principal=who, data=data,
                              filename=file.filename or "upload", issued=issued, now=now,
                              review_days=settings.review_window_days, idempotency_key=idempotency_key)
    response.status_code = 202 if result.is_new else 200
    response.headers["Location"] = f"/api/v1/documents/{result.id}"
    return result.to_json()


@router.post("/{document_id}/extract", status_code=202)
def requeue_extraction(document_id: Id, db: DbDep, who: PrincipalDep, now: NowDep) -> dict[str, Any]:
    """Admin: extract a failed document again, with all its tries (its job goes back to
    ``queued``); 409 when its extraction has not failed."""
    return documents.requeue_extraction(db, who, document_id, now=now)


@router.get("")
def list_documents(
    db: DbDep, who: PrincipalDep, now: NowDep,
    status: Annotated[str | None, Query(pattern="^(received|extracted|in_review|published|rejected|failed)$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
) -> dict[str, Any]:
    """The organisation's documents, the least time left in the review window first."""
    return review.list_documents(db, who, now=now, status=status, limit=limit, offset=offset)


@router.get("/{document_id}")
def get_document(document_id: Id, db: DbDep, who: PrincipalDep, now: NowDep,
                 settings: SettingsDep) -> dict[str, Any]:
    """Metadata, status, review window, text and every proposal with its version (read only)."""
    view = review.get_document(db, who, document_id, now=now)
    view["accept_all_threshold"] = settings.accept_all_threshold
    return view


@router.patch("/{document_id}")
def edit_document(document_id: Id, body: DocumentPatch, db: DbDep, who: PrincipalDep, now: NowDep,
                  settings: SettingsDep) -> dict[str, Any]:
    """Correct the metadata (number, type, issue date, issuer, signer, secrecy) before
    publishing (reviewer); audited. Answers the document as ``GET`` does."""
    review.edit_document(db, who, document_id, changes=body.changes(), now=now,
                         review_days=settings.review_window_days)
    return get_document(document_id, db, who, now, settings)


@router.post("/{document_id}/open")
def open_document(document_id: Id, db: DbDep, who: PrincipalDep, now: NowDep) -> dict[str, Any]:
    """A reviewer opens the document: ``extracted`` becomes ``in_review``; other states stay."""
    return review.open_document(db, who, document_id, now=now)


@router.get("/{document_id}/history")
def get_history(document_id: Id, db: DbDep, who: PrincipalDep) -> list[dict[str, Any]]:
    """The audit entries about the document."""
    return review.document_history(db, who, document_id)


@router.post("/{document_id}/proposals", status_code=201)
def add_task(document_id: Id, body: ProposalCreate, db: DbDep, who: PrincipalDep,
             now: NowDep, response: Response) -> dict[str, Any]:
    """Add a task the model missed, from a selection of the text (status ``added``)."""
    view = review.add_task(db, who, document_id, start=body.start, end=body.end, lead=body.lead,
                           support=body.support, deadline=body.deadline.to_json(), text=body.text,
                           now=now, product=body.product.strip() or None if body.product else None)
    response.headers["ETag"] = f'"{view["version"]}"'
    return view


@router.post("/{document_id}/accept-all")
def accept_all(document_id: Id, db: DbDep, who: PrincipalDep, settings: SettingsDep,
               now: NowDep, body: AcceptAllIn | None = None) -> dict[str, Any]:
    """Accept every undecided proposal at or above ``min_confidence`` (default: the setting)."""
    threshold = body.min_confidence if body and body.min_confidence is not None else settings.accept_all_threshold
    return review.accept_all(db, who, document_id, min_confidence=threshold, now=now)


@router.post("/{document_id}/publish")
def publish(document_id: Id, db: DbDep, who: PrincipalDep, now: NowDep, feed: FeedDep) -> dict[str, Any]:
    """Publish (approver): allowed only when every proposal is decided; the tasks go to the
    feed as signed records and to the webhooks."""
    return review.publish(db, who, document_id, now=now, feed_context=feed)


@router.post("/{document_id}/reject")
def reject(document_id: Id, db: DbDep, who: PrincipalDep, now: NowDep,
           body: RejectIn | None = None) -> dict[str, Any]:
    """Reject the whole document (approver): nothing of it is tracked."""
    return review.reject_document(db, who, document_id, reason=body.reason if body else None, now=now)
