"""The tables of the review service (SQLAlchemy 2, the same on SQLite and PostgreSQL).

    organisations ─┬─ users ── user_sessions; api_keys; login_failures (by user name)
                   ├─ documents ── proposals ── task_revisions (what trackers pull, issue 6)
                   └─ webhooks ── webhook_deliveries (the outbox of task revisions)
    feed_head (one row: the last feed position handed out, locked by each publish)
    audit_log (append-only, HMAC-chained) + audit_head (its one-row tip)
    idempotency_keys (an upload's Idempotency-Key and the bytes it named)
    training_examples (review edits kept for the annotation loop)
    jobs (extraction jobs: state, lease, attempts, progress; api.services.jobs)

Times are stored as naive UTC and read back as aware UTC (``UtcDateTime``). A document
marked Mật or Tối mật keeps no full text (``documents.text`` is NULL) and no content in clear:
its summary and the task proposals its reviewers must see are sealed until it is closed
(``api.services.withheld``, QC 08 Art. 5.2–5.3).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DOCUMENT_STATUSES = ("received", "extracted", "in_review", "published", "rejected", "failed")
PROPOSAL_STATUSES = ("proposed", "accepted", "edited", "rejected", "added")
USER_ROLES = ("reviewer", "approver", "annotator", "admin")
KEY_ROLES = ("uploader", "tracker")
JOB_STATES = ("queued", "running", "done", "failed", "cancelled")

Json = JSON().with_variant(JSONB(), "postgresql")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime, stored naive so SQLite and PostgreSQL give back the same value."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UtcDateTime column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class User(Base):
    """A person. ``clearance``: 0 none, 1 Mật, 2 Tối mật (who may read secret content)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    clearance: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ApiKey(Base):
    """A machine client's key: only its sha256 is kept (the key is random, 256 bits)."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(20))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("org_id", "sha256", name="uq_documents_org_sha256"),
        Index("ix_documents_org_number", "org_id", "number"),
        Index("ix_documents_org_review_due", "org_id", "review_due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(20), default="received")
    type: Mapped[str | None] = mapped_column(String(100))
    number: Mapped[str | None] = mapped_column(String(100))
    issued: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(String(300))
    signer: Mapped[str | None] = mapped_column(String(200))
    secrecy: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)
    task_count: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(20))
    pipeline_version: Mapped[str | None] = mapped_column(String(100))
    review_due: Mapped[date] = mapped_column(Date)
    possible_duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    uploaded_by: Mapped[str] = mapped_column(String(120))
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProposalRow(Base):
    """One task proposal. ``version`` grows on every change (optimistic locking)."""

    __tablename__ = "proposals"
    __table_args__ = (Index("ix_proposals_document_ordinal", "document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    lead: Mapped[list[str]] = mapped_column(Json)
    support: Mapped[list[str]] = mapped_column(Json)
    deadline: Mapped[dict[str, Any]] = mapped_column(Json)
    confidence: Mapped[float | None] = mapped_column(Float)
    # calibrated probability per field (task, lead, support, deadline, accept) and the fields
    # below the review threshold; None without a calibrated model (models/calibration.py)
    field_confidence: Mapped[dict[str, float] | None] = mapped_column(Json)
    needs_review: Mapped[list[str] | None] = mapped_column(Json)
    flags: Mapped[list[dict[str, Any]]] = mapped_column(Json)
    product: Mapped[str | None] = mapped_column(Text)
    spans: Mapped[dict[str, list[dict[str, int]]] | None] = mapped_column(Json)
    provenance: Mapped[dict[str, str]] = mapped_column(Json)
    model_output: Mapped[dict[str, Any] | None] = mapped_column(Json)
    pipeline_version: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    origin: Mapped[str] = mapped_column(String(10), default="model")
    version: Mapped[int] = mapped_column(Integer, default=1)
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TaskRevision(Base):
    """A published task as trackers receive it: the signed Article 5 record.

    ``position`` orders the feed (the cursor of issue 6); it is handed out from ``feed_head``
    under that row's lock, so positions become visible in the order they were given (see
    ``api.services.feed``). ``seq`` is only the row's key. A correction after publishing adds
    a new revision of the same ``task_id`` (= proposal id) at a new position.
    """

    __tablename__ = "task_revisions"
    __table_args__ = (
        UniqueConstraint("task_id", "revision", name="uq_task_revisions_task_revision"),
        Index("ix_task_revisions_org_seq", "org_id", "seq"),
        Index("ix_task_revisions_org_position", "org_id", "position"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    task_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"))
    revision: Mapped[int] = mapped_column(Integer)
    secrecy: Mapped[str | None] = mapped_column(String(20))
    record: Mapped[dict[str, Any]] = mapped_column(Json)
    published_by: Mapped[str] = mapped_column(String(120))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    position: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    fields: Mapped[dict[str, Any] | None] = mapped_column(Json)
    key_id: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(200))


class FeedHead(Base):
    """The last feed position handed out (one row, id 1); updating it first serialises publishers."""

    __tablename__ = "feed_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    position: Mapped[int] = mapped_column(BigInteger)


class UserSession(Base):
    """One login; a session cookie is valid only while its row is not revoked (logout)."""

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LoginFailure(Base):
    """A failed login, by the user name tried, and again by the client address as ``[address]``
    (throttling: past a few in the window, each next try waits a doubling delay)."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_username_at", "username", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class IdempotencyKey(Base):
    """The ``Idempotency-Key`` of an upload: the same key again gives the same document, and
    with other bytes is refused (422)."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("org_id", "key", name="uq_idempotency_keys_org_id_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    key: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Webhook(Base):
    """A tracker's URL that receives every published or corrected task of its organisation.

    The secret signs each delivery (HMAC-SHA256); it is kept because signing needs it, sealed
    with the content key (``api.sealing``), never in clear.
    """

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class WebhookDelivery(Base):
    """One task revision to send to one webhook: written with the publish (an outbox), then
    sent by the dispatcher thread, retried with back-off until delivered or out of attempts."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id"), index=True)
    revision_seq: Mapped[int] = mapped_column(ForeignKey("task_revisions.seq"))
    event: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """One human action. ``hash = sha256(prev_hash + canonical JSON of the row)``."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    org_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict[str, Any] | None] = mapped_column(Json)
    after: Mapped[dict[str, Any] | None] = mapped_column(Json)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The tip of the audit chain (one row, id 1): updating it first serialises writers."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class TrainingExample(Base):
    """A reviewer's correction: the model's proposal and what the person made of it."""

    __tablename__ = "training_examples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"))
    kind: Mapped[str] = mapped_column(String(20))
    before: Mapped[dict[str, Any] | None] = mapped_column(Json)
    after: Mapped[dict[str, Any]] = mapped_column(Json)
    pipeline_version: Mapped[str | None] = mapped_column(String(100))
    actor: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class JobRow(Base):
    """One piece of background work (an extraction) and where it stands.

    ``queued`` (due at ``run_after``) → ``running`` (held by ``worker`` until ``lease_until``,
    renewed while it runs) → ``done`` | ``failed`` (``error_code``) | ``cancelled``; a failure
    with attempts left goes back to ``queued`` with a back-off. ``token`` changes on every claim:
    a worker writes its result only while the job still carries its token (a fencing token),
    so a worker that lost its lease can never store a second result. ``payload`` holds the
    uploaded bytes until the job is done or cancelled (a failed job keeps them for re-queueing).
    """

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_state_run_after", "state", "run_after"),
        Index("ix_jobs_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    state: Mapped[str] = mapped_column(String(20), default="queued")
    stage: Mapped[str] = mapped_column(String(20), default="queued")
    page: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer)
    run_after: Mapped[datetime] = mapped_column(UtcDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    worker: Mapped[str | None] = mapped_column(String(120))
    token: Mapped[str | None] = mapped_column(String(32))
    params: Mapped[dict[str, Any]] = mapped_column(Json)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)
    error_code: Mapped[str | None] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
