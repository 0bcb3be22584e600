"""Review: reading documents and proposals, deciding proposals, publishing.

    document: received → extracted → in_review → published | rejected   (or failed)
    proposal: proposed → accepted | edited | rejected;  added (by hand);  undo → as before

While a document is open its metadata can be corrected too (``edit_document``). Every edit
goes through ``api.services.checks``: a deadline whose kind and date contradict each other is
refused, and the quality flags are computed again. Comments are audit entries
(``proposal.comment``), so they are kept, chained and shown with the task's history.

Every change is a conditional UPDATE: a proposal changes only at the version the reviewer
read (two reviewers never overwrite each other: the second gets VersionConflict), and a
document's proposals change only while the document is open, which also locks its row so that
publishing and editing cannot interleave. Every human action goes to the audit log in the same
transaction; edits, rejections and added tasks are kept as training examples.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from api.db.session import Database, affected
from api.db.tables import AuditEntry, DocumentRow, JobRow, ProposalRow, TrainingExample
from api.errors import (
    Forbidden,
    InvalidDeadline,
    InvalidRequest,
    NotFound,
    SecrecyRefused,
    UndecidedProposals,
    VersionConflict,
    WrongState,
)
from api.messages_vi import TOP_SECRET_RULE
from api.sealing import Sealer, is_sealed
from api.services import audit, checks, feed, jobs, withheld
from api.services.auth import PUBLISH_ROLES, READ_ROLES, REVIEW_ROLES, Principal, require_role
from api.services.documents import (
    OPEN_STATUSES,
    SECRET_LEVELS,
    TOP_SECRET,
    review_due,
    same_number,
    window_state,
)
from api.services.feed import FeedContext

DECIDABLE = ("accepted", "edited", "rejected")
PUBLISHED_TASK = ("accepted", "edited", "added")
EDITABLE_FIELDS = ("text", "lead", "support", "deadline", "product")
UNDOABLE = ("proposal.accept", "proposal.edit", "proposal.reject")


# --- reading ---------------------------------------------------------------------------------


def list_documents(db: Database, principal: Principal, *, now: datetime, status: str | None = None,
                   limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """The organisation's documents, the least time left in the review window first."""
    require_role(principal, READ_ROLES, action="read documents")
    with db.session(read_only=True) as session:
        where = [DocumentRow.org_id == principal.org_id]
        if principal.role == "tracker":
            where.append(DocumentRow.status == "published")
        if status:
            where.append(DocumentRow.status == status)
        total = session.scalar(select(func.count()).select_from(DocumentRow).where(*where))
        rows = session.scalars(
            select(DocumentRow).where(*where)
            .order_by(DocumentRow.review_due, DocumentRow.id).limit(limit).offset(offset)
        ).all()
        counts = _status_counts(session, [r.id for r in rows])
    return {"items": [document_summary(r, now=now, counts=counts.get(r.id, {}),
                                       may_read=principal.may_read(r.secrecy), db=db) for r in rows],
            "total": total, "limit": limit, "offset": offset}


def get_document(db: Database, principal: Principal, document_id: int, *, now: datetime) -> dict[str, Any]:
    """A document with its text and proposals (reading changes nothing; see ``open_document``)."""
    require_role(principal, READ_ROLES, action="read documents")
    with db.session(read_only=True) as session:
        row = _document(session, principal, document_id)
        proposals = session.scalars(
            select(ProposalRow).where(ProposalRow.document_id == row.id).order_by(ProposalRow.ordinal)
        ).all()
        job = jobs.latest_for_document(session, row.id)
    may_read = principal.may_read(row.secrecy)
    counts: dict[str, int] = {}
    for p in proposals:
        counts[p.status] = counts.get(p.status, 0) + 1
    view = document_summary(row, now=now, counts=counts, may_read=may_read, db=db)
    view["text"] = row.text if may_read else None
    view["content_withheld"] = not may_read
    comments = _comments(db, [p.id for p in proposals]) if may_read else {}
    view["proposals"] = [{**proposal_view(p, may_read=may_read, db=db), "comments": comments.get(p.id, [])}
                         for p in proposals]
    view["job"] = job_progress(job)
    return view


def job_progress(job: JobRow | None) -> dict[str, Any] | None:
    """Where the document's extraction stands: ``state`` (queued, running, done, failed,
    cancelled), ``stage`` (queued, starting, reading page ``page`` of ``pages``, extracting,
    done), tries, and the last error's code (kept while a retry waits)."""
    if job is None:
        return None
    return {"id": job.id, "state": job.state, "stage": job.stage, "page": job.page, "pages": job.pages,
            "attempts": job.attempts, "max_attempts": job.max_attempts,
            "next_attempt_at": job.run_after.isoformat() if job.state == "queued" else None,
            "error_code": job.error_code, "error": job.error,
            "updated_at": job.updated_at.isoformat()}


def open_document(db: Database, principal: Principal, document_id: int, *, now: datetime) -> dict[str, Any]:
    """A reviewer opens a document: ``extracted`` becomes ``in_review`` (audited once); any
    other state is left as it is. Returns ``{id, status, opened}``."""
    require_role(principal, REVIEW_ROLES, action="review documents")
    with db.session() as session:
        row = _document(session, principal, document_id)
        moved = affected(session.execute(
            update(DocumentRow).where(DocumentRow.id == row.id, DocumentRow.status == "extracted")
            .values(status="in_review", updated_at=now)
        ))
        if moved:
            audit.record(session, actor=principal.actor, action="document.open", entity="document",
                         entity_id=row.id, org_id=principal.org_id, before={"status": "extracted"},
                         after={"status": "in_review"}, at=now)
        session.refresh(row)
        return {"id": row.id, "status": row.status, "opened": bool(moved)}


def edit_document(db: Database, principal: Principal, document_id: int, *, changes: dict[str, Any],
                  now: datetime, review_days: int) -> None:
    """Correct a document's metadata while it is open for review (audited ``document.edit``).

    A corrected issue date moves the review window; a corrected number is checked again
    against the organisation's other documents; a Mật or Tối mật marking drops the full text
    (QC 08 Art. 5.2), and Tuyệt mật is refused (Art. 5).
    """
    require_role(principal, REVIEW_ROLES, action="correct documents")
    if changes.get("secrecy") == TOP_SECRET:
        raise SecrecyRefused("a Tuyệt mật document is not kept on the system; remove it instead",
                             rule=TOP_SECRET_RULE, rule_source="Quy chế 08-QC/TW của Ban Bí thư, Điều 5")
    with db.session() as session:
        document = _document(session, principal, document_id)
        _require_clearance(principal, document)
        _open_for_review(session, document, now=now)
        before = {name: _plain(getattr(document, name)) for name in changes}
        changed = {k: v for k, v in changes.items() if _plain(v) != before[k]}
        if not changed:
            return
        values: dict[str, Any] = {**changed, "updated_at": now}
        if "issued" in changed:
            values["review_due"] = review_due(changed["issued"], document.created_at, review_days)
        if "number" in changed:
            values["possible_duplicate_of"] = same_number(session, document.org_id, changed["number"],
                                                          besides=document.id)
        if changed.get("secrecy") in SECRET_LEVELS:
            values["text"] = None
        after = {k: _plain(v) for k, v in values.items() if k not in ("updated_at", "text")}
        before = {k: _plain(getattr(document, k)) for k in after}
        session.execute(update(DocumentRow).where(DocumentRow.id == document.id).values(**values))
        if changed.get("secrecy") in SECRET_LEVELS:
            # marked secret after upload: its title and proposals are sealed from now on
            session.refresh(document)
            withheld.seal_document(session, db.sealer, document)
            session.execute(delete(TrainingExample).where(TrainingExample.document_id == document.id))
        audit.record(session, actor=principal.actor, action="document.edit", entity="document",
                     entity_id=document.id, org_id=principal.org_id, before=before, after=after,
                     at=now)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def get_proposal(db: Database, principal: Principal, proposal_id: int) -> dict[str, Any]:
    require_role(principal, READ_ROLES, action="read proposals")
    with db.session(read_only=True) as session:
        proposal, document = _proposal(session, principal, proposal_id)
    return proposal_view(proposal, may_read=principal.may_read(document.secrecy), db=db)


def document_summary(row: DocumentRow, *, now: datetime, counts: dict[str, int],
                     may_read: bool = True, db: Database | None = None) -> dict[str, Any]:
    """A document's metadata and state; without clearance, no summary (title) either
    (QC 08 Art. 5.2.a). A secret document's sealed summary is opened with ``db``'s key."""
    state, left = window_state(row.status, row.review_due, now)
    return {
        "id": row.id,
        "filename": row.filename,
        "media_type": row.media_type,
        "sha256": row.sha256,
        "size": row.size,
        "status": row.status,
        "error": row.error,
        "error_code": row.error_code,
        "metadata": {"type": row.type, "number": row.number,
                     "issued": row.issued.isoformat() if row.issued else None,
                     "issuer": row.issuer, "signer": row.signer, "secrecy": row.secrecy,
                     "title": withheld.open_title(_sealer(db), row) if may_read else None},
        "page_count": row.page_count,
        "task_count": row.task_count,
        "reason": row.reason,
        "pipeline_version": row.pipeline_version,
        "review_due": row.review_due.isoformat(),
        # The window counts from the printed issue date, or from the upload when none is known.
        "review_from": "issued" if row.issued else "upload",
        "window_state": state,
        "working_days_left": left,
        "possible_duplicate_of": row.possible_duplicate_of,
        "uploaded_by": row.uploaded_by,
        "decided_by": row.decided_by,
        "decided_at": row.decided_at.isoformat() if row.decided_at else None,
        "created_at": row.created_at.isoformat(),
        "updated_at": row.updated_at.isoformat(),
        "counts": counts,
    }


def proposal_view(p: ProposalRow, *, may_read: bool = True, db: Database | None = None) -> dict[str, Any]:
    """A proposal as the API shows it; without clearance, only its deadline date and status.
    A secret document's sealed content is opened with ``db``'s key (withheld without it)."""
    content = withheld.open_proposal(_sealer(db), p) if may_read else {}
    flags = [normalise_flag(f) for f in content.get("flags") or p.flags or []]
    return {
        "id": p.id,
        "document_id": p.document_id,
        "ordinal": p.ordinal,
        "text": content.get("text"),
        "start": p.span_start,
        "end": p.span_end,
        "page": p.page,
        "lead": content.get("lead"),
        "support": content.get("support"),
        "deadline": content["deadline"] if may_read else {**p.deadline, "text": None},
        "product": content.get("product"),
        "spans": (content.get("spans") or {"lead": [], "support": [], "deadline": []}) if may_read else None,
        "confidence": p.confidence,
        "field_confidence": p.field_confidence,
        "needs_review": p.needs_review or [],
        "flags": flags if may_read else [{**f, "words": None} for f in flags],
        "provenance": p.provenance,
        "pipeline_version": p.pipeline_version,
        "status": p.status,
        "origin": p.origin,
        "version": p.version,
        "decided_by": p.decided_by,
        "decided_at": p.decided_at.isoformat() if p.decided_at else None,
        "updated_at": p.updated_at.isoformat(),
    }


def normalise_flag(flag: Any) -> dict[str, Any]:
    """A stored flag as ``{name, ok, words}``; rows stored before issue 6 kept warning strings
    (``"no_lead"``, ``"deadline:<why>"``), which are failing checks."""
    if isinstance(flag, dict):
        return {"name": str(flag.get("name", "")), "ok": bool(flag.get("ok")), "words": flag.get("words")}
    name, _, words = str(flag).partition(":")
    return {"name": name, "ok": False, "words": words or None}


# --- deciding --------------------------------------------------------------------------------


def decide(db: Database, principal: Principal, proposal_id: int, *, version: int | None,
           status: str, changes: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Accept, edit or reject a proposal read at ``version``; returns it at its new version.

    Changed fields with status ``accepted`` make it ``edited``.
    """
    require_role(principal, REVIEW_ROLES, action="review proposals")
    if status not in DECIDABLE:
        raise InvalidRequest(f"status must be one of {', '.join(DECIDABLE)}, not {status!r}")
    if version is None:
        raise InvalidRequest('give the version you read: an If-Match header or "version" in the body')
    with db.session() as session:
        proposal, document = _proposal(session, principal, proposal_id)
        _require_clearance(principal, document)
        _open_for_review(session, document, now=now)
        if proposal.version != version:
            raise _conflict(proposal)
        before = _snapshot(proposal, db)
        span = changes.pop("span", None)
        if span is not None:
            changes = {**_new_span(document, proposal, span, changes.get("text")), **changes}
        if "deadline" in changes:
            changes = {**changes, "deadline": checks.consistent_deadline(changes["deadline"])}
        changed = {k: v for k, v in changes.items() if k in EDITABLE_FIELDS and before[k] != v}
        moved = span is not None and (
            (changes["span_start"], changes["span_end"]) != (proposal.span_start, proposal.span_end))
        if status == "edited" and not changed and not moved:
            raise InvalidRequest("status 'edited' needs a changed text, lead, support or deadline")
        if status == "accepted" and (changed or moved):
            status = "edited"
        if status != "rejected":
            checks.consistent_deadline(changed.get("deadline", before["deadline"]))
        stored = dict(changed)
        if changed:
            stored["flags"] = _flags_after(proposal, document, {**before, **changed}, set(changed))
        values = {**_stored(db, document, proposal, stored), "status": status, "decided_by": principal.actor,
                  "decided_at": now, "updated_at": now}
        if moved:
            values.update(span_start=changes["span_start"], span_end=changes["span_end"])
        _update_proposal(session, proposal, version=version, values=values)
        after = _snapshot(proposal, db)
        _audit_proposal(session, principal, document, proposal, action=f"proposal.{_verb(status)}",
                        before=before, after=after, changed=list(changed), now=now)
        if status in ("edited", "rejected") and not withheld.is_secret(document.secrecy):
            _keep_example(session, principal, proposal, kind=status, before=before, after=after, now=now)
        view = proposal_view(proposal, db=db)
    return view


def undo(db: Database, principal: Principal, proposal_id: int, *, version: int, now: datetime) -> dict[str, Any]:
    """Take back the decision that made the proposal what it is at ``version`` (while the
    document is open): its fields and status return to what they were before, audited
    ``proposal.undo``. Nothing to undo (never decided, or changed since): WrongState."""
    require_role(principal, REVIEW_ROLES, action="review proposals")
    with db.session() as session:
        proposal, document = _proposal(session, principal, proposal_id)
        _require_clearance(principal, document)
        _open_for_review(session, document, now=now)
        if proposal.version != version:
            raise _conflict(proposal)
        last = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "proposal", AuditEntry.entity_id == str(proposal.id),
                                     AuditEntry.action.in_(UNDOABLE))
            .order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        if last is None or not last.before or (last.after or {}).get("version") != proposal.version:
            raise WrongState("there is no decision to undo on this proposal (not decided, or changed since)",
                             document_status=document.status)
        before = _snapshot(proposal, db)
        if last.before.get("content_withheld"):
            # a secret document's audit keeps no content: a decision can be undone, an edit cannot
            if last.before.get("changed"):
                raise WrongState("an edit of a secret document's content cannot be undone; edit the task back",
                                 document_status=document.status)
            restored = {"status": last.before["status"]}
        else:
            restored = {k: last.before[k] for k in (*EDITABLE_FIELDS, "status") if k in last.before}
        if "start" in last.before:
            restored.update(span_start=last.before["start"], span_end=last.before["end"])
        undecided = restored.get("status") == "proposed"
        values = {**restored, "decided_by": None if undecided else principal.actor,
                  "decided_at": None if undecided else now, "updated_at": now}
        changed = {k for k in EDITABLE_FIELDS if k in restored and restored[k] != before[k]}
        if changed:
            values["flags"] = _flags_after(proposal, document, {**before, **restored}, changed)
        content = {k: v for k, v in values.items() if k in withheld.CONTENT}
        values = {**values, **_stored(db, document, proposal, content)}
        _update_proposal(session, proposal, version=version, values=values)
        _audit_proposal(session, principal, document, proposal, action="proposal.undo", before=before,
                        after=_snapshot(proposal, db), changed=sorted(changed), now=now)
        return proposal_view(proposal, db=db)


def comment(db: Database, principal: Principal, proposal_id: int, *, text: str,
            now: datetime) -> dict[str, Any]:
    """A reviewer's note on a task for the approver: kept in the audit log (``proposal.comment``)."""
    require_role(principal, REVIEW_ROLES, action="comment on proposals")
    with db.session() as session:
        proposal, document = _proposal(session, principal, proposal_id)
        _require_clearance(principal, document)
        if document.status not in OPEN_STATUSES:
            raise WrongState(_state_message(document.status), document_status=document.status)
        # a secret document's comment is sealed like its content (it may quote it)
        note = db.sealer.seal(text, label=_comment_label(proposal.id)) if withheld.is_secret(document.secrecy) else text
        entry = audit.record(session, actor=principal.actor, action="proposal.comment", entity="proposal",
                             entity_id=proposal.id, org_id=principal.org_id, before=None,
                             after={"comment": note}, at=now)
        return _comment_view(entry, db)


def proposal_history(db: Database, principal: Principal, proposal_id: int) -> list[dict[str, Any]]:
    """The audit entries about one task, oldest first (what changed, who, when)."""
    require_role(principal, READ_ROLES, action="read the audit log")
    with db.session(read_only=True) as session:
        proposal, document = _proposal(session, principal, proposal_id)
        entries = audit.history(session, entity="proposal", entity_id=proposal.id)
    if not principal.may_read(document.secrecy):
        entries = [{**e, "before": None, "after": None} for e in entries]
    return entries


def add_task(db: Database, principal: Principal, document_id: int, *, start: int, end: int,
             lead: Sequence[str], support: Sequence[str], deadline: dict[str, Any],
             text: str | None, now: datetime, product: str | None = None) -> dict[str, Any]:
    """A task the model missed, from a selection ``[start, end)`` of the document's text."""
    require_role(principal, REVIEW_ROLES, action="add tasks")
    with db.session() as session:
        document = _document(session, principal, document_id)
        _require_clearance(principal, document)
        _open_for_review(session, document, now=now)
        text = _selection(document, start, end, text)
        deadline = checks.consistent_deadline(deadline)
        fields = {"text": text, "lead": list(lead), "support": list(support), "deadline": deadline,
                  "product": product}
        ordinal = (session.scalar(select(func.max(ProposalRow.ordinal))
                                  .where(ProposalRow.document_id == document.id)) or 0) + 1
        content: dict[str, Any] = {"text": text, "lead": list(lead), "support": list(support),
                                   "deadline": deadline, "product": product, "spans": None,
                                   "flags": _flags_after(None, document, fields, set(EDITABLE_FIELDS))}
        if withheld.is_secret(document.secrecy):
            content = withheld.sealed_values(db.sealer, document_id=document.id, ordinal=ordinal, content=content)
        proposal = ProposalRow(
            document_id=document.id, ordinal=ordinal, span_start=start, span_end=end,
            page=None, confidence=None, provenance={f: f"human:{principal.actor}" for f in EDITABLE_FIELDS},
            pipeline_version=document.pipeline_version, status="added",
            origin="human", version=1, decided_by=principal.actor, decided_at=now,
            created_at=now, updated_at=now, **{"model_output": None, **content},
        )
        session.add(proposal)
        session.flush()
        after = _snapshot(proposal, db)
        _audit_proposal(session, principal, document, proposal, action="proposal.add", before=None,
                        after=after, changed=list(EDITABLE_FIELDS), now=now)
        if not withheld.is_secret(document.secrecy):
            _keep_example(session, principal, proposal, kind="added", before=None, after=after, now=now)
        view = proposal_view(proposal, db=db)
    return view


def accept_all(db: Database, principal: Principal, document_id: int, *, min_confidence: float,
               now: datetime) -> dict[str, Any]:
    """Accept every undecided proposal whose confidence is at least ``min_confidence``."""
    require_role(principal, REVIEW_ROLES, action="accept proposals")
    with db.session() as session:
        document = _document(session, principal, document_id)
        _require_clearance(principal, document)
        _open_for_review(session, document, now=now)
        proposals = session.scalars(
            select(ProposalRow).where(ProposalRow.document_id == document.id,
                                      ProposalRow.status == "proposed")
            .order_by(ProposalRow.ordinal)
        ).all()
        accepted = []
        for proposal in proposals:
            if proposal.confidence is None or proposal.confidence < min_confidence:
                continue
            if checks.deadline_problem(proposal.deadline):
                continue  # the reviewer must give the date first
            before = _snapshot(proposal, db)
            _update_proposal(session, proposal, version=proposal.version,
                             values={"status": "accepted", "decided_by": principal.actor,
                                     "decided_at": now, "updated_at": now})
            _audit_proposal(session, principal, document, proposal, action="proposal.accept",
                            before=before, after=_snapshot(proposal, db), changed=[], now=now)
            accepted.append(proposal.id)
    return {"accepted": accepted, "undecided": len(proposals) - len(accepted),
            "min_confidence": min_confidence}


def publish(db: Database, principal: Principal, document_id: int, *, now: datetime,
            feed_context: FeedContext) -> dict[str, Any]:
    """Publish a reviewed document: its accepted, edited and added tasks go to the feed as
    signed Article 5 records (``api.services.feed``), and to the webhooks."""
    require_role(principal, PUBLISH_ROLES, action="publish documents")
    with db.session() as session:
        document = _document(session, principal, document_id)
        _require_clearance(principal, document)
        before = {"status": document.status}
        _close(session, document, status="published", principal=principal, now=now)
        proposals = session.scalars(
            select(ProposalRow).where(ProposalRow.document_id == document.id)
            .order_by(ProposalRow.ordinal)
        ).all()
        undecided = [p.id for p in proposals if p.status == "proposed"]
        if undecided:
            raise UndecidedProposals(
                f"{len(undecided)} proposal(s) are not decided yet; accept, edit or reject each "
                "before publishing", undecided=undecided)
        tasks = [p for p in proposals if p.status in PUBLISHED_TASK]
        inconsistent = [p.id for p in tasks if checks.deadline_problem(p.deadline)]
        if inconsistent:
            raise InvalidDeadline(
                f"{len(inconsistent)} task(s) have a deadline whose kind and date contradict each "
                "other; correct them before publishing", proposals=inconsistent)
        feed.publish_tasks(session, document=document, tasks=tasks, actor=principal.actor, now=now,
                           context=feed_context)
        withheld.forget(session, document)
        audit.record(session, actor=principal.actor, action="document.publish", entity="document",
                     entity_id=document.id, org_id=principal.org_id, before=before,
                     after={"status": "published", "tasks": [p.id for p in tasks]}, at=now)
    feed_context.notify()
    return {"id": document_id, "status": "published", "tasks": [p.id for p in tasks]}


def reject_document(db: Database, principal: Principal, document_id: int, *, reason: str | None,
                    now: datetime) -> dict[str, Any]:
    """Reject a whole document (it assigns no task to track); nothing goes to the feed."""
    require_role(principal, PUBLISH_ROLES, action="reject documents")
    with db.session() as session:
        document = _document(session, principal, document_id)
        before = {"status": document.status}
        _close(session, document, status="rejected", principal=principal, now=now)
        withheld.forget(session, document)
        audit.record(session, actor=principal.actor, action="document.reject", entity="document",
                     entity_id=document.id, org_id=principal.org_id, before=before,
                     after={"status": "rejected", "reason": reason}, at=now)
    return {"id": document_id, "status": "rejected"}


def document_history(db: Database, principal: Principal, document_id: int) -> list[dict[str, Any]]:
    require_role(principal, READ_ROLES, action="read the audit log")
    with db.session(read_only=True) as session:
        document = _document(session, principal, document_id)
        entries = audit.history(session, entity="document", entity_id=document_id)
    if not principal.may_read(document.secrecy):  # the before/after may quote content
        entries = [{**e, "before": None, "after": None} for e in entries]
    return entries


# --- helpers ---------------------------------------------------------------------------------


def _document(session: Session, principal: Principal, document_id: int) -> DocumentRow:
    """The document if it belongs to the principal's organisation; another's is "not found"."""
    row = session.get(DocumentRow, document_id)
    if row is None or row.org_id != principal.org_id or (
        principal.role == "tracker" and row.status != "published"
    ):
        raise NotFound(f"no document {document_id} in your organisation")
    return row


def _proposal(session: Session, principal: Principal, proposal_id: int) -> tuple[ProposalRow, DocumentRow]:
    proposal = session.get(ProposalRow, proposal_id)
    if proposal is None:
        raise NotFound(f"no proposal {proposal_id} in your organisation")
    try:
        document = _document(session, principal, proposal.document_id)
    except NotFound:
        raise NotFound(f"no proposal {proposal_id} in your organisation") from None
    return proposal, document


def _require_clearance(principal: Principal, document: DocumentRow) -> None:
    if not principal.may_read(document.secrecy):
        raise Forbidden(f"reviewing a {document.secrecy} document needs a clearance for it")


def _open_for_review(session: Session, document: DocumentRow, *, now: datetime) -> None:
    """Move the document to in_review, or WrongState if it is not open; locks its row."""
    moved = affected(session.execute(
        update(DocumentRow).where(DocumentRow.id == document.id,
                                  DocumentRow.status.in_(OPEN_STATUSES))
        .values(status="in_review", updated_at=now)
    ))
    if not moved:
        raise WrongState(_state_message(document.status), document_status=document.status)
    session.refresh(document)


def _close(session: Session, document: DocumentRow, *, status: str, principal: Principal,
           now: datetime) -> None:
    moved = affected(session.execute(
        update(DocumentRow).where(DocumentRow.id == document.id,
                                  DocumentRow.status.in_(OPEN_STATUSES))
        .values(status=status, decided_by=principal.actor, decided_at=now, updated_at=now)
    ))
    if not moved:
        raise WrongState(_state_message(document.status), document_status=document.status)


def _state_message(status: str) -> str:
    return {
        "received": "the document is still being extracted; wait until its status is 'extracted'",
        "failed": "extraction failed for this document; upload the file again",
        "published": "the document is published already; its tasks can no longer change here",
        "rejected": "the document was rejected; its tasks can no longer change",
    }.get(status, f"the document is {status}")


def _update_proposal(session: Session, proposal: ProposalRow, *, version: int,
                     values: dict[str, Any]) -> None:
    moved = affected(session.execute(
        update(ProposalRow).where(ProposalRow.id == proposal.id, ProposalRow.version == version)
        .values(**values, version=version + 1)
    ))
    session.refresh(proposal)
    if not moved:
        raise _conflict(proposal)


def _conflict(proposal: ProposalRow) -> VersionConflict:
    return VersionConflict(
        f"proposal {proposal.id} is at version {proposal.version} now (changed by "
        f"{proposal.decided_by or 'someone'}); read it again and repeat your change",
        current_version=proposal.version, current=proposal_view(proposal))


def _selection(document: DocumentRow, start: int, end: int, text: str | None) -> str:
    if document.text is None:
        if not text:
            raise InvalidRequest("this document keeps no text (secrecy); give the task's text")
        return text
    if not 0 <= start < end <= len(document.text):
        raise InvalidRequest(f"the selection [{start}, {end}) is outside the text (0–{len(document.text)})")
    return text or document.text[start:end]


def _snapshot(p: ProposalRow, db: Database) -> dict[str, Any]:
    """The editable fields (opened, for a secret document), the status and the version."""
    content = withheld.open_proposal(_sealer(db), p)
    return {"text": content["text"], "lead": list(content["lead"] or []),
            "support": list(content["support"] or []), "deadline": dict(content["deadline"]),
            "product": content["product"], "status": p.status, "version": p.version,
            "start": p.span_start, "end": p.span_end}


def _sealer(db: Database | None) -> Sealer | None:
    return db.sealer if db is not None else None


def _stored(db: Database, document: DocumentRow, proposal: ProposalRow,
            changed: dict[str, Any]) -> dict[str, Any]:
    """The row values that store ``changed``: as they are, or sealed with the rest of the
    content for a secret document."""
    if not changed or not withheld.is_secret(document.secrecy):
        return changed
    content = {**withheld.open_proposal(db.sealer, proposal), **changed}
    return withheld.sealed_values(db.sealer, document_id=proposal.document_id,
                                  ordinal=proposal.ordinal, content=content)


def _audit_proposal(session: Session, principal: Principal, document: DocumentRow, proposal: ProposalRow,
                    *, action: str, before: dict[str, Any] | None, after: dict[str, Any],
                    changed: list[str], now: datetime) -> None:
    """Audit a proposal's change; a secret document's entry names the changed fields only."""
    if withheld.is_secret(document.secrecy):
        before = withheld.audited(before, changed=changed) if before is not None else None
        after = withheld.audited(after, changed=changed)
    audit.record(session, actor=principal.actor, action=action, entity="proposal", entity_id=proposal.id,
                 org_id=principal.org_id, before=before, after=after, at=now)


def _flags_after(proposal: ProposalRow | None, document: DocumentRow, fields: dict[str, Any],
                 changed: set[str]) -> list[dict[str, Any]]:
    return checks.task_flags(
        text=fields["text"], lead=list(fields["lead"]), support=list(fields["support"]),
        deadline=fields["deadline"], product=fields["product"], issuer=document.issuer,
        old_flags=[normalise_flag(f) for f in (proposal.flags or [])] if proposal else [],
        changed=changed, confidence=proposal.confidence if proposal else None)


def _new_span(document: DocumentRow, proposal: ProposalRow, span: tuple[int, int],
              text: str | None) -> dict[str, Any]:
    """A task moved to another stretch of the text: its offsets, and its words unless given."""
    start, end = span
    return {"span_start": start, "span_end": end, "text": _selection(document, start, end, text)}


def _comments(db: Database, proposal_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    if not proposal_ids:
        return {}
    with db.session(read_only=True) as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "proposal", AuditEntry.action == "proposal.comment",
                                     AuditEntry.entity_id.in_([str(i) for i in proposal_ids]))
            .order_by(AuditEntry.seq)
        ).all()
    out: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(int(row.entity_id), []).append(_comment_view(row, db))
    return out


def _comment_label(proposal_id: int | str) -> str:
    return f"comment:{proposal_id}"


def _comment_view(entry: AuditEntry, db: Database) -> dict[str, Any]:
    text = (entry.after or {}).get("comment")
    if is_sealed(text):
        text = db.sealer.open_text(text, label=_comment_label(entry.entity_id))
    return {"actor": entry.actor, "at": entry.at.isoformat(), "text": text}


def _verb(status: str) -> str:
    return {"accepted": "accept", "edited": "edit", "rejected": "reject"}[status]


def _keep_example(session: Session, principal: Principal, proposal: ProposalRow, *, kind: str,
                  before: dict[str, Any] | None, after: dict[str, Any], now: datetime) -> None:
    session.add(TrainingExample(
        org_id=principal.org_id, document_id=proposal.document_id, proposal_id=proposal.id,
        kind=kind, before=proposal.model_output or before, after=after,
        pipeline_version=proposal.pipeline_version, actor=principal.actor, created_at=now))


def _status_counts(session: Session, document_ids: list[int]) -> dict[int, dict[str, int]]:
    if not document_ids:
        return {}
    rows = session.execute(
        select(ProposalRow.document_id, ProposalRow.status, func.count())
        .where(ProposalRow.document_id.in_(document_ids))
        .group_by(ProposalRow.document_id, ProposalRow.status)
    ).all()
    out: dict[int, dict[str, int]] = {}
    for document_id, status, count in rows:
        out.setdefault(document_id, {})[status] = count
    return out
