"""Uploads: the cheap checks, the document row with its extraction job, and the job itself.

    bytes ─ size ─ sha256 (same file? the existing document) ─ type ─ read + metadata
          ─ Tuyệt mật? refused ─ row ``received`` + job ``queued`` (one transaction)
          ─ (a worker process) read ─ propose ─ ``extracted`` | ``failed``

Everything that can refuse a file runs before anything is stored, so a refused upload leaves
no row behind. The slow part (reading again and the NLP components) runs as a job
(``api.services.jobs``) in a worker process (``api.jobs``), which keeps the bytes until it is
done. A Mật or Tối mật document keeps no full text and no content in clear, only its metadata,
counts and sealed proposals (``api.services.withheld``, QC 08 Art. 5.2); a Tuyệt mật one is
never stored (QC 08 Art. 5).
"""

from __future__ import annotations

import hashlib
import logging
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import IO, Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.db.session import Database, affected
from api.db.tables import DocumentRow, IdempotencyKey, ProposalRow
from api.errors import IdempotencyConflict, NotFound, SecrecyRefused, UploadTooLarge, WrongState
from api.logging import fields
from api.messages_vi import TOP_SECRET_RULE
from api.sealing import Sealer, seal_bytes
from api.services import audit, jobs, withheld
from api.services.auth import UPLOAD_ROLES, Principal, require_role
from extraction.calendar import VIETNAM_TZ, default_calendar
from extraction.errors import TopSecret
from extraction.types import Document, Proposal, Span, TaskProposal

log = logging.getLogger(__name__)

TOP_SECRET = "Tuyệt mật"
SECRET_LEVELS = frozenset({"Mật", "Tối mật"})
ADMIN_ROLES = frozenset({"admin"})
OPEN_STATUSES = ("extracted", "in_review")
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


def upload(*, db: Database, policy: jobs.JobPolicy, principal: Principal, data: bytes,
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
        return _upload(db=db, policy=policy, principal=principal, data=data, sha256=sha256,
                       filename=filename, issued=issued, now=now, review_days=review_days)
    earlier = _keyed_upload(db, principal, idempotency_key, sha256)
    if earlier is not None:
        return earlier
    result = _upload(db=db, policy=policy, principal=principal, data=data, sha256=sha256,
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


def _upload(*, db: Database, policy: jobs.JobPolicy, principal: Principal, data: bytes, sha256: str,
            filename: str, issued: date | None, now: datetime, review_days: int) -> UploadResult:
    existing = _existing(db, principal.org_id, sha256)
    if existing is not None and existing.status != "failed":
        return UploadResult(existing.id, existing.status, None, is_new=False)
    checked = check_upload(data, filename=filename, issued=issued)
    if existing is not None:
        return _retry(db=db, principal=principal, row_id=existing.id, data=data, filename=filename,
                      checked=checked, now=now, policy=policy)
    try:
        row = _store(db=db, principal=principal, checked=checked, filename=filename, data=data,
                     sha256=sha256, now=now, review_days=review_days, policy=policy)
    except IntegrityError:  # the same file uploaded twice at the same moment
        again = _existing(db, principal.org_id, sha256)
        if again is None:
            raise
        return UploadResult(again.id, again.status, None, is_new=False)
    log.info("document_stored", extra=fields(document_id=row.id, sha256=sha256, size=len(data),
                                             media_type=checked.media_type))
    return UploadResult(row.id, row.status, row.possible_duplicate_of, is_new=True)


# Pages of a scan the upload request reads by OCR (the rest waits for the extraction job).
UPLOAD_OCR_PAGES = 2


def check_upload(data: bytes, *, filename: str, issued: date | None) -> _Checked:
    """Every check that can refuse a file: type, reading, language and secrecy."""
    from extraction.ingest import sniff_media_type
    from extraction.metadata import read_metadata
    from extraction.pipeline import PipelineConfig, read_document
    from extraction.ingest.ocr import OcrOptions
    from extraction.secrecy import describe

    media_type = sniff_media_type(data, filename)
    # A scan's first pages carry its secrecy mark, number and date: the upload reads only those
    # by OCR and answers at once; the extraction job reads every page (and completes the text).
    config = PipelineConfig(max_bytes=max(len(data), 1), ocr=OcrOptions(first_pages=UPLOAD_OCR_PAGES))
    try:
        document = read_document(data, media_type, filename=filename, config=config)
    except TopSecret as refused:
        raise _top_secret(describe(refused.mark)) from None
    info = read_metadata(document.text, issued=issued, margins=document.margins)
    if info.secrecy == TOP_SECRET:  # read_document refuses these; kept so that nothing slips
        raise _top_secret(info.secrecy_note or "the document is marked Tuyệt mật")
    return _Checked(media_type, document, info, issued)


def _top_secret(why: str) -> SecrecyRefused:
    return SecrecyRefused(
        f"{why}. A Tuyệt mật (top secret) document is not put on the system, and "
        f"nothing was stored: Quy chế 08-QC/TW, Điều 5: «{TOP_SECRET_RULE}»",
        rule=TOP_SECRET_RULE,
        rule_source="Quy chế 08-QC/TW của Ban Bí thư, Điều 5",
    )


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


def _store(*, db: Database, principal: Principal, checked: _Checked, filename: str, data: bytes,
           sha256: str, now: datetime, review_days: int, policy: jobs.JobPolicy) -> DocumentRow:
    info, size = checked.info, len(data)
    with db.session() as session:
        duplicate = same_number(session, principal.org_id, info.number)
        is_secret = withheld.is_secret(info.secrecy)
        row = DocumentRow(
            org_id=principal.org_id, filename=safe_filename(filename), media_type=checked.media_type,
            sha256=sha256, size=size, status="received",
            **{**_metadata(info), "title": None if is_secret else info.title},
            text=None if is_secret else checked.document.text,
            page_count=len(checked.document.offsets.page_numbers) or None,
            review_due=review_due(info.issued, now, review_days), possible_duplicate_of=duplicate,
            uploaded_by=principal.actor, created_at=now, updated_at=now,
        )
        session.add(row)
        session.flush()
        if is_secret:  # sealed under the row's id, which the flush gave it
            row.title = withheld.seal_title(db.sealer, row.id, info.title)
        audit.record(session, actor=principal.actor, action="document.upload", entity="document",
                     entity_id=row.id, org_id=principal.org_id, before=None,
                     after={"filename": row.filename, "sha256": sha256, "size": size,
                            "number": row.number, "secrecy": row.secrecy,
                            "secrecy_note": info.secrecy_note if info.secrecy else None,
                            "possible_duplicate_of": duplicate}, at=now)
        jobs.enqueue(session, document_id=row.id, payload=_payload(db, row.id, data, is_secret), policy=policy,
                     now=now, params=_job_params(checked, filename, row.page_count))
    return row


def safe_filename(filename: str) -> str:
    """The name as stored: control characters (a NUL, which PostgreSQL refuses) become "_"."""
    return "".join("_" if unicodedata.category(char) == "Cc" else char for char in filename[:255])


def _retry(*, db: Database, principal: Principal, row_id: int, data: bytes, filename: str,
           checked: _Checked, now: datetime, policy: jobs.JobPolicy) -> UploadResult:
    data = _payload(db, row_id, data, withheld.is_secret(checked.info.secrecy))
    with db.session() as session:
        job = jobs.latest_for_document(session, row_id)
        params = _job_params(checked, filename, len(checked.document.offsets.page_numbers) or None)
        if job is None or job.state in jobs.ACTIVE:
            session.execute(update(DocumentRow).where(DocumentRow.id == row_id)
                            .values(status="received", error=None, error_code=None, updated_at=now))
            if job is None:
                jobs.enqueue(session, document_id=row_id, payload=data, policy=policy, now=now, params=params)
        else:
            job.params = params
            jobs.requeue(session, job, now=now, payload=data)
        audit.record(session, actor=principal.actor, action="document.retry", entity="document",
                     entity_id=row_id, org_id=principal.org_id, before={"status": "failed"},
                     after={"status": "received"}, at=now)
    return UploadResult(row_id, "received", None, is_new=False)


def _payload(db: Database, document_id: int, data: bytes, is_secret: bool) -> bytes:
    """The file the job reads again: a secret document's is kept sealed, never in clear."""
    return seal_bytes(db.sealer, data, label=jobs.payload_label(document_id)) if is_secret else data


def requeue_extraction(db: Database, principal: Principal, document_id: int, *,
                       now: datetime) -> dict[str, Any]:
    """An administrator runs a failed document's extraction again, with all its tries (after
    fixing the cause: a limit, a worker); answers the job's view."""
    require_role(principal, ADMIN_ROLES, action="re-queue extraction")
    with db.session() as session:
        row = session.get(DocumentRow, document_id)
        if row is None or row.org_id != principal.org_id:
            raise NotFound(f"no document {document_id} in your organisation")
        job = jobs.latest_for_document(session, row.id)
        if job is None or job.state not in ("failed", "cancelled"):
            raise WrongState(f"document {document_id} has no failed extraction to re-queue")
        before = {"job_state": job.state, "error_code": job.error_code}
        jobs.requeue(session, job, now=now)
        audit.record(session, actor=principal.actor, action="document.requeue", entity="document",
                     entity_id=row.id, org_id=principal.org_id, before=before,
                     after={"job_state": "queued"}, at=now)
        return jobs.job_view(job)


def _job_params(checked: _Checked, filename: str, pages: int | None) -> dict[str, Any]:
    return {"filename": safe_filename(filename), "media_type": checked.media_type, "pages": pages,
            "issued": checked.issued.isoformat() if checked.issued else None}


def _metadata(info: Any) -> dict[str, Any]:
    return {"type": info.type, "number": info.number, "issued": info.issued,
            "issuer": info.issuer, "signer": info.signer, "secrecy": info.secrecy,
            "title": info.title}


def same_number(session: Session, org_id: int, number: str | None, *,
                besides: int | None = None) -> int | None:
    """The first other document of the organisation with this number, or None."""
    if not number:
        return None
    where = [DocumentRow.org_id == org_id, DocumentRow.number == number]
    if besides is not None:
        where.append(DocumentRow.id != besides)
    return session.scalar(select(func.min(DocumentRow.id)).where(*where))


# --- the extraction job (runs in a worker's child process) -----------------------------------


def run_extraction_job(db: Database, held: jobs.Claim, *, clock: Callable[[], datetime],
                       delay_seconds: float = 0) -> bool:
    """Read the job's file again, propose its tasks and store them with the job marked done, in
    one transaction; False (nothing stored) when the job is no longer this worker's.

    Errors propagate to the worker, which records them on the job (``api.jobs.runner``).
    ``delay_seconds`` (tests only) makes the job slow on purpose.
    """
    from extraction.pipeline import PipelineConfig, propose, read_document
    from models.loaders import pipeline_config

    loaded = jobs.load_input(db, held)
    if loaded is None or held.document_id is None:
        return False
    data, params = loaded
    jobs.report(db, held, stage="reading", pages=params.get("pages"), now=clock())
    def reading(page: int, pages: int) -> None:  # OCR, page by page ("đang nhận dạng trang 3/12")
        jobs.report(db, held, stage="reading", page=page, pages=pages, now=clock())

    document = read_document(data, params["media_type"], filename=params["filename"],
                             config=PipelineConfig(max_bytes=max(len(data), 1)), progress=reading)
    jobs.report(db, held, stage="extracting", now=clock())
    if delay_seconds:
        time.sleep(delay_seconds)
    issued = date.fromisoformat(params["issued"]) if params.get("issued") else None
    started = time.monotonic()
    proposal = propose(document, issued=issued, config=pipeline_config())
    with db.session() as session:
        if not jobs.finish(session, held, now=clock()):
            return False
        store_proposal(session, held.document_id, proposal, now=clock(), db=db)
        _complete_from_full_read(session, held.document_id, document, proposal)
    log.info("proposal_stored", extra=fields(
        document_id=held.document_id, job_id=held.job_id, tasks=len(proposal.tasks),
        pipeline=recorded_version(proposal), duration_ms=round((time.monotonic() - started) * 1000)))
    return True


def _complete_from_full_read(session: Session, document_id: int, document: Document,
                             proposal: Proposal) -> None:
    """The upload read a scan's first pages only: the stored text becomes the job's full text
    (the proposals' offsets point into it), and metadata printed on later pages (the signer,
    on the last) fills what the upload could not read. A secret document stores no text."""
    row = session.get(DocumentRow, document_id)
    if row is None:
        return
    if row.text is not None and row.text != document.text:
        row.text = document.text
    row.page_count = len(document.offsets.page_numbers) or row.page_count  # unread pages had no text
    info = proposal.document  # the metadata the pipeline read from the whole text
    for name in ("signer", "number", "issuer", "type"):
        if getattr(row, name) is None and getattr(info, name):
            setattr(row, name, getattr(info, name))


def recorded_version(proposal: Proposal) -> str:
    """The pipeline version with the model that ran in it: "giaoviec-rules-0.1.0+v001"."""
    model = proposal.model_version
    return f"{proposal.pipeline_version}+{model}" if model else proposal.pipeline_version


def store_proposal(session: Session, document_id: int, proposal: Proposal, *, now: datetime,
                   db: Database) -> None:
    """The proposals of a ``received`` document, which becomes ``extracted`` (only once: the
    conditional update lets one transaction through); a secret document's content is sealed
    with the database's key."""
    secrecy = session.scalar(select(DocumentRow.secrecy).where(DocumentRow.id == document_id))
    moved = affected(session.execute(
        update(DocumentRow).where(DocumentRow.id == document_id, DocumentRow.status == "received")
        .values(status="extracted", task_count=len(proposal.tasks), reason=proposal.reason,
                pipeline_version=recorded_version(proposal), updated_at=now)
    ))
    if moved:
        seal = db.sealer if withheld.is_secret(secrecy) else None
        session.add_all(proposal_rows(document_id, proposal, now=now, sealer=seal))


def proposal_rows(document_id: int, proposal: Proposal, *, now: datetime,
                  sealer: Sealer | None = None) -> list[ProposalRow]:
    """The rows of a proposal's tasks; with a ``sealer`` (a secret document) their content is
    sealed (``api.services.withheld``)."""
    from extraction.proposal import deadline_json

    rows = []
    for ordinal, task in enumerate(proposal.tasks, start=1):
        fields_ = {"text": task.text, "lead": [b.name for b in task.lead],
                   "support": [b.name for b in task.support],
                   "deadline": deadline_json(task.deadline), "product": task.product}
        values: dict[str, Any] = {**fields_, "flags": task_flags(task), "spans": task_spans(task),
                                  "model_output": fields_}
        if sealer is not None:
            values = withheld.sealed_values(sealer, document_id=document_id, ordinal=ordinal, content=values)
        rows.append(ProposalRow(
            document_id=document_id, ordinal=ordinal, span_start=task.span.start,
            span_end=task.span.end, page=task.page, confidence=task.confidence,
            field_confidence=dict(task.field_confidence) or None,
            needs_review=list(task.needs_review) if task.field_confidence else None,
            provenance=dict(task.provenance), pipeline_version=recorded_version(proposal),
            status="proposed", origin="model", version=1, created_at=now, updated_at=now, **values,
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
    if task.uncertain_words:  # read by OCR with low confidence: the reviewer checks them
        words = [task.text[w.start - task.span.start : w.end - task.span.start]
                 for w in task.uncertain_words]
        warnings.append(("ocr_uncertain", ", ".join(words)))
    return flags + [{"name": name, "ok": False, "words": words} for name, words in warnings]
