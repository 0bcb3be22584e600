"""Uploads: the cheap checks, the document row, and extraction in the background.

    bytes ─ size ─ sha256 (same file? the existing document) ─ type ─ read + metadata
          ─ Tuyệt mật? refused ─ row ``received`` ─ (thread) propose ─ ``extracted`` | ``failed``

Everything that can refuse a file runs before anything is stored, so a refused upload leaves
no row behind. The slow part (the NLP components) runs in a thread pool after the response.
A Mật or Tối mật document keeps no full text, only its metadata, counts and proposals
(QC 08 Art. 5.2–5.3); a Tuyệt mật one is never stored (QC 08 Art. 5).
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import IO, Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.db.session import Database, affected
from api.db.tables import DocumentRow, IdempotencyKey, ProposalRow
from api.errors import IdempotencyConflict, SecrecyRefused, UploadTooLarge
from api.logging import fields
from api.messages_vi import TOP_SECRET_RULE
from api.services import audit
from api.services.auth import UPLOAD_ROLES, Principal, require_role
from extraction.calendar import VIETNAM_TZ, default_calendar
from extraction.errors import GiaoviecError
from extraction.types import Document, Proposal, Span, TaskProposal

log = logging.getLogger(__name__)

TOP_SECRET = "Tuyệt mật"
SECRET_LEVELS = frozenset({"Mật", "Tối mật"})
OPEN_STATUSES = ("extracted", "in_review")
# A document still "received" this long after upload lost its extraction (the service stopped).
STALE_AFTER = timedelta(minutes=15)
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class UploadResult:
    id: int
    status: str
    duplicate_of: int | None
    is_new: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "duplicate_of": self.duplicate_of,
                "is_new": self.is_new}


@dataclass(frozen=True, slots=True)
class _Checked:
    """An upload that passed every check: what the row and the background job need."""

    media_type: str
    document: Document
    info: Any
    issued: date | None


def read_limited(stream: IO[bytes], *, max_bytes: int) -> bytes:
    """The bytes of an upload, or UploadTooLarge as soon as it passes ``max_bytes``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadTooLarge(
            f"the file is over the limit of {max_bytes / 1024 / 1024:.0f} MB; split it or ask "
            "the administrator to raise GIAOVIEC_MAX_UPLOAD_MB"
        )
    return data


def upload(*, db: Database, executor: Executor, principal: Principal, data: bytes,
           filename: str, issued: date | None, now: datetime, review_days: int,
           idempotency_key: str | None = None) -> UploadResult:
    """Store an uploaded file as a document and queue its extraction.

    The same bytes uploaded again by the same organisation give the existing document (a
    failed one is extracted again); another file with the same number is stored and flagged
    ``possible_duplicate_of`` (Conclusion 226: automatic control against duplicated content).
    An ``idempotency_key`` sent before gives its document again; with other bytes it is
    refused (IdempotencyConflict) and nothing is stored.
    """
    require_role(principal, UPLOAD_ROLES, action="upload documents")
    sha256 = hashlib.sha256(data).hexdigest()
    if idempotency_key is None:
        return _upload(db=db, executor=executor, principal=principal, data=data, sha256=sha256,
                       filename=filename, issued=issued, now=now, review_days=review_days)
    earlier = _keyed_upload(db, principal, idempotency_key, sha256)
    if earlier is not None:
        return earlier
    result = _upload(db=db, executor=executor, principal=principal, data=data, sha256=sha256,
                     filename=filename, issued=issued, now=now, review_days=review_days)
    try:
        with db.session() as session:
            session.add(IdempotencyKey(org_id=principal.org_id, key=idempotency_key, sha256=sha256,
                                       document_id=result.id, created_at=now))
    except IntegrityError:  # the same key at the same moment: the first one decides
        return _keyed_upload(db, principal, idempotency_key, sha256) or result
    return result


def _keyed_upload(db: Database, principal: Principal, key: str, sha256: str) -> UploadResult | None:
    """The document an Idempotency-Key gave before, or None; IdempotencyConflict for other bytes."""
    with db.session(read_only=True) as session:
        row = session.execute(
            select(IdempotencyKey.sha256, DocumentRow.id, DocumentRow.status)
            .join(DocumentRow, DocumentRow.id == IdempotencyKey.document_id)
            .where(IdempotencyKey.org_id == principal.org_id, IdempotencyKey.key == key)
        ).one_or_none()
    if row is None:
        return None
    if row.sha256 != sha256:
        raise IdempotencyConflict("this Idempotency-Key was sent before with another file; use a new key for "
                                  "each file")
    return UploadResult(row.id, row.status, None, is_new=False)


def _upload(*, db: Database, executor: Executor, principal: Principal, data: bytes, sha256: str,
            filename: str, issued: date | None, now: datetime, review_days: int) -> UploadResult:
    existing = _existing(db, principal.org_id, sha256)
    if existing is not None and existing.status != "failed":
        return UploadResult(existing.id, existing.status, None, is_new=False)
    checked = check_upload(data, filename=filename, issued=issued)
    if existing is not None:
        return _retry(db=db, executor=executor, principal=principal, row_id=existing.id,
                      checked=checked, now=now)
    try:
        row = _store(db=db, principal=principal, checked=checked, filename=filename, sha256=sha256,
                     size=len(data), now=now, review_days=review_days)
    except IntegrityError:  # the same file uploaded twice at the same moment
        again = _existing(db, principal.org_id, sha256)
        if again is None:
            raise
        return UploadResult(again.id, again.status, None, is_new=False)
    log.info("document_stored", extra=fields(document_id=row.id, sha256=sha256, size=len(data),
                                             media_type=checked.media_type))
    executor.submit(run_extraction, db, row.id, checked.document, checked.issued)
    return UploadResult(row.id, row.status, row.possible_duplicate_of, is_new=True)


def check_upload(data: bytes, *, filename: str, issued: date | None) -> _Checked:
    """Every check that can refuse a file: type, reading, language and secrecy."""
    from extraction.ingest import sniff_media_type
    from extraction.metadata import read_metadata
    from extraction.pipeline import PipelineConfig, read_document

    media_type = sniff_media_type(data, filename)
    document = read_document(data, media_type, filename=filename,
                             config=PipelineConfig(max_bytes=max(len(data), 1)))
    info = read_metadata(document.text, issued=issued)
    if info.secrecy == TOP_SECRET:
        raise SecrecyRefused(
            "a Tuyệt mật (top secret) document is not put on the system, and nothing was stored: "
            f"Quy chế 08-QC/TW, Điều 5: «{TOP_SECRET_RULE}»",
            rule=TOP_SECRET_RULE,
            rule_source="Quy chế 08-QC/TW của Ban Bí thư, Điều 5",
        )
    return _Checked(media_type, document, info, issued)


def review_due(issued: date | None, uploaded: datetime, days: int) -> date:
    """The last day of the review window: ``days`` working days after the issue date
    (or the upload date when the document prints none) (QC 08: "trong thời hạn 3 ngày làm việc")."""
    start = issued or uploaded.astimezone(VIETNAM_TZ).date()
    return default_calendar().add_working_days(start, days)


def window_state(status: str, due: date, now: datetime) -> tuple[str, int]:
    """``ok``, ``due_soon`` (due today or on the next working day), ``overdue`` or ``closed``
    (published or rejected), with the working days left (negative when overdue)."""
    today = now.astimezone(VIETNAM_TZ).date()
    left = _working_days_left(today, due)
    if status in ("published", "rejected"):
        return "closed", left
    if today > due:
        return "overdue", left
    return ("due_soon" if left <= 1 else "ok"), left


@lru_cache(maxsize=4096)
def _working_days_left(today: date, due: date) -> int:
    # Counting walks every day in between; a queue shows the same few dates again and again.
    return default_calendar().working_days_between(today, due)


def _existing(db: Database, org_id: int, sha256: str) -> DocumentRow | None:
    with db.session(read_only=True) as session:
        return session.scalar(
            select(DocumentRow).where(DocumentRow.org_id == org_id, DocumentRow.sha256 == sha256)
        )


def _store(*, db: Database, principal: Principal, checked: _Checked, filename: str, sha256: str,
           size: int, now: datetime, review_days: int) -> DocumentRow:
    info = checked.info
    with db.session() as session:
        duplicate = _same_number(session, principal.org_id, info.number)
        row = DocumentRow(
            org_id=principal.org_id, filename=safe_filename(filename), media_type=checked.media_type,
            sha256=sha256, size=size, status="received", **_metadata(info),
            text=None if info.secrecy in SECRET_LEVELS else checked.document.text,
            page_count=len(checked.document.offsets.page_numbers) or None,
            review_due=review_due(info.issued, now, review_days), possible_duplicate_of=duplicate,
            uploaded_by=principal.actor, created_at=now, updated_at=now,
        )
        session.add(row)
        session.flush()
        audit.record(session, actor=principal.actor, action="document.upload", entity="document",
                     entity_id=row.id, org_id=principal.org_id, before=None,
                     after={"filename": row.filename, "sha256": sha256, "size": size,
                            "number": row.number, "secrecy": row.secrecy,
                            "possible_duplicate_of": duplicate}, at=now)
    return row


def safe_filename(filename: str) -> str:
    """The name as stored: control characters (a NUL, which PostgreSQL refuses) become "_"."""
    return "".join("_" if unicodedata.category(char) == "Cc" else char for char in filename[:255])


def _retry(*, db: Database, executor: Executor, principal: Principal, row_id: int,
           checked: _Checked, now: datetime) -> UploadResult:
    with db.session() as session:
        session.execute(update(DocumentRow).where(DocumentRow.id == row_id)
                        .values(status="received", error=None, error_code=None, updated_at=now))
        audit.record(session, actor=principal.actor, action="document.retry", entity="document",
                     entity_id=row_id, org_id=principal.org_id, before={"status": "failed"},
                     after={"status": "received"}, at=now)
    executor.submit(run_extraction, db, row_id, checked.document, checked.issued)
    return UploadResult(row_id, "received", None, is_new=False)


def _metadata(info: Any) -> dict[str, Any]:
    return {"type": info.type, "number": info.number, "issued": info.issued,
            "issuer": info.issuer, "signer": info.signer, "secrecy": info.secrecy,
            "title": info.title}


def _same_number(session: Session, org_id: int, number: str | None) -> int | None:
    if not number:
        return None
    return session.scalar(
        select(func.min(DocumentRow.id)).where(DocumentRow.org_id == org_id,
                                               DocumentRow.number == number)
    )


# --- the background job ----------------------------------------------------------------------


def run_extraction(db: Database, document_id: int, document: Document, issued: date | None) -> None:
    """Propose the tasks of a stored document and store them (runs in the thread pool)."""
    from extraction.pipeline import propose
    from models.loaders import pipeline_config

    started = datetime.now(UTC)
    try:
        proposal = propose(document, issued=issued, config=pipeline_config())
    except GiaoviecError as error:
        _fail(db, document_id, error.code, error.message)
        return
    except Exception:  # the job's top-level handler: the document says "failed", the log says why
        log.exception("extraction_failed", extra=fields(document_id=document_id))
        _fail(db, document_id, "internal", "extraction failed unexpectedly; the error was logged")
        return
    store_proposal(db, document_id, proposal, now=datetime.now(UTC))
    log.info("proposal_stored", extra=fields(
        document_id=document_id, tasks=len(proposal.tasks), pipeline=recorded_version(proposal),
        duration_ms=round((datetime.now(UTC) - started).total_seconds() * 1000)))


def recorded_version(proposal: Proposal) -> str:
    """The pipeline version with the model that ran in it: "giaoviec-rules-0.1.0+v001"."""
    model = proposal.model_version
    return f"{proposal.pipeline_version}+{model}" if model else proposal.pipeline_version


def store_proposal(db: Database, document_id: int, proposal: Proposal, *, now: datetime) -> None:
    with db.session() as session:
        moved = affected(session.execute(
            update(DocumentRow).where(DocumentRow.id == document_id, DocumentRow.status == "received")
            .values(status="extracted", task_count=len(proposal.tasks), reason=proposal.reason,
                    pipeline_version=recorded_version(proposal), updated_at=now)
        ))
        if not moved:
            return
        session.add_all(proposal_rows(document_id, proposal, now=now))


def proposal_rows(document_id: int, proposal: Proposal, *, now: datetime) -> list[ProposalRow]:
    from extraction.proposal import deadline_json

    rows = []
    for ordinal, task in enumerate(proposal.tasks, start=1):
        fields_ = {"text": task.text, "lead": [b.name for b in task.lead],
                   "support": [b.name for b in task.support],
                   "deadline": deadline_json(task.deadline), "product": task.product}
        rows.append(ProposalRow(
            document_id=document_id, ordinal=ordinal, span_start=task.span.start,
            span_end=task.span.end, page=task.page, confidence=task.confidence,
            flags=task_flags(task), spans=task_spans(task), provenance=dict(task.provenance),
            model_output=fields_, pipeline_version=recorded_version(proposal), status="proposed",
            origin="model", version=1, created_at=now, updated_at=now, **fields_,
        ))
    return rows


def task_spans(task: TaskProposal) -> dict[str, list[dict[str, int]]]:
    """Where the extractor found the lead, co-operating bodies and deadline words: the spans it
    carried (``Body.span``, ``Deadline.span``, offsets into the normalised text), never a search."""

    def spans(items: tuple[Span | None, ...]) -> list[dict[str, int]]:
        return [{"start": s.start, "end": s.end} for s in items if s is not None]

    return {"lead": spans(tuple(b.span for b in task.lead)),
            "support": spans(tuple(b.span for b in task.support)),
            "deadline": spans((task.deadline.span,))}


def task_flags(task: TaskProposal) -> list[dict[str, Any]]:
    """The extractor's quality checks ``{name, ok, words}`` (one_lead, lead_in_directory and the
    "six clear" of Kết luận 226-KL/TW), then the review store's warnings as failing checks."""
    flags = [{"name": f.name, "ok": f.ok, "words": f.words} for f in task.flags]
    warnings = [("deadline", w) for w in task.deadline.warnings]
    if not task.lead:
        warnings.append(("no_lead", None))
    if any(not body.in_directory for body in (*task.lead, *task.support)):
        warnings.append(("body_not_in_directory", None))
    if dict(task.provenance).get("lead", "").endswith(":document"):
        warnings.append(("lead_from_document", None))
    if task.confidence < LOW_CONFIDENCE:
        warnings.append(("low_confidence", None))
    return flags + [{"name": name, "ok": False, "words": words} for name, words in warnings]


def _fail(db: Database, document_id: int, code: str, message: str) -> None:
    with db.session() as session:
        session.execute(
            update(DocumentRow).where(DocumentRow.id == document_id)
            .values(status="failed", error=message, error_code=code, updated_at=datetime.now(UTC))
        )
    log.warning("document_failed", extra=fields(document_id=document_id, code=code))


def fail_stale(db: Database, *, now: datetime) -> int:
    """Mark documents whose extraction was lost (the service stopped) as failed; uploading the
    file again extracts it anew."""
    with db.session() as session:
        return affected(session.execute(
            update(DocumentRow)
            .where(DocumentRow.status == "received", DocumentRow.created_at < now - STALE_AFTER)
            .values(status="failed", error_code="internal", updated_at=now,
                    error="the service stopped before extraction finished; upload the file again")
        ))
