"""The content of Mật and Tối mật documents: sealed in its rows, opened for cleared reviewers,
deleted when the document is published or rejected (Quy chế 08-QC/TW, Điều 5.2).

    proposals.text      "sealed:v1:..."  ← {text, lead, support, product, spans, deadline_text, flags}
    proposals.lead, support, product, spans, model_output   empty;  deadline without its words
    documents.title     "sealed:v1:..."  ← the summary (trích yếu)

What stays in clear is what Article 5.2 lets a record carry: the metadata without the summary,
the number of tasks, deadlines (date, kind, recurrence), statuses. Audit entries of these
documents name the fields a reviewer changed, never their values; their edits are not kept as
training examples. On publish or reject the sealed values are deleted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from api.db.session import Database, affected
from api.db.tables import DocumentRow, ProposalRow, TaskRevision, TrainingExample, Webhook
from api.sealing import Sealer, is_sealed

CLOSED = ("published", "rejected", "failed")

CONTENT = ("text", "lead", "support", "deadline", "product", "spans", "flags")


def is_secret(secrecy: str | None) -> bool:
    """Mật and Tối mật (a Tuyệt mật document is never stored)."""
    return secrecy is not None


def title_label(document_id: int) -> str:
    return f"document:{document_id}:title"


def proposal_label(document_id: int, ordinal: int) -> str:
    return f"proposal:{document_id}:{ordinal}"


def seal_title(sealer: Sealer, document_id: int, title: str | None) -> str | None:
    return sealer.seal(title, label=title_label(document_id)) if title else None


def open_title(sealer: Sealer | None, row: DocumentRow) -> str | None:
    if row.title is None or not is_sealed(row.title):
        return row.title
    return None if sealer is None else str(sealer.open(row.title, label=title_label(row.id)))


def sealed_values(sealer: Sealer, *, document_id: int, ordinal: int, content: dict[str, Any]) -> dict[str, Any]:
    """Row values of a proposal whose ``content`` (the ``CONTENT`` fields) is sealed."""
    deadline: dict[str, Any] = dict(content.get("deadline") or {})
    flags = [_flag(f) for f in content.get("flags") or []]
    sealed: dict[str, Any] = {
        "text": content.get("text") or "",
        "lead": list(content.get("lead") or []),
        "support": list(content.get("support") or []),
        "product": content.get("product"),
        "spans": content.get("spans"),
        "deadline_text": deadline.get("text"),
        "flags": flags,
    }
    return {
        "text": sealer.seal(sealed, label=proposal_label(document_id, ordinal)),
        "lead": [],
        "support": [],
        "product": None,
        "spans": None,
        "deadline": {**deadline, "text": None},
        "flags": [{**flag, "words": None} for flag in flags],
        "model_output": None,
    }


def _flag(flag: Any) -> dict[str, Any]:
    """A flag as ``{name, ok, words}``; rows stored before issue 6 kept "name:words" strings."""
    if isinstance(flag, dict):
        return flag
    name, _, words = str(flag).partition(":")
    return {"name": name, "ok": False, "words": words or None}


def open_proposal(sealer: Sealer | None, p: ProposalRow) -> dict[str, Any]:
    """The ``CONTENT`` fields of a proposal, opened if sealed (withheld: None without a key)."""
    clear = {"text": p.text, "lead": list(p.lead or []), "support": list(p.support or []),
             "deadline": dict(p.deadline or {}), "product": p.product, "spans": p.spans,
             "flags": list(p.flags or [])}
    if not is_sealed(p.text):
        return clear
    if sealer is None:
        return {**clear, "text": None, "lead": None, "support": None}
    content: dict[str, Any] = sealer.open(p.text, label=proposal_label(p.document_id, p.ordinal))
    deadline: dict[str, Any] = {**p.deadline, "text": content.pop("deadline_text", None)}
    return {**content, "deadline": deadline}


def audited(snapshot: dict[str, Any], *, changed: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """What the audit log keeps of a secret document's proposal: its state, its deadline date
    and the names of the fields changed, not their values."""
    deadline = dict(snapshot.get("deadline") or {})
    return {"status": snapshot.get("status"), "version": snapshot.get("version"),
            "deadline": {**deadline, "text": None}, "changed": sorted(changed), "content_withheld": True}


def forget(session: Session, document: DocumentRow) -> None:
    """Delete the sealed content of a closed (published or rejected) secret document."""
    if not is_secret(document.secrecy):
        return
    session.execute(update(DocumentRow).where(DocumentRow.id == document.id).values(title=None))
    session.execute(update(ProposalRow).where(ProposalRow.document_id == document.id).values(text=""))


# --- what older releases stored in clear ----------------------------------------------------


def seal_stored(db: Database) -> int:
    """Seal or delete what releases before issue 14 stored in clear; how many rows changed.

    Open secret documents get their summary and proposals sealed; closed ones lose them; their
    published revisions keep no content fields; their training examples are deleted; webhook
    secrets are sealed. Runs at every start and changes nothing the second time. Audit entries
    written before stay as they are: rewriting them would break the chain.
    """
    from api.services.records import withhold
    from api.services.webhooks import secret_label

    sealer = db.sealer
    changed = 0
    with db.session() as session:
        secret = select(DocumentRow.id).where(DocumentRow.secrecy.is_not(None))
        for document in session.scalars(select(DocumentRow).where(DocumentRow.secrecy.is_not(None))):
            changed += seal_document(session, sealer, document)
        for revision in session.scalars(select(TaskRevision).where(TaskRevision.secrecy.is_not(None))):
            fields = dict(revision.fields or {})
            if fields.get("content") is not None or fields.get("lead"):
                revision.fields = withhold(fields)
                changed += 1
        changed += affected(session.execute(
            delete(TrainingExample).where(TrainingExample.document_id.in_(secret))))
        for hook in session.scalars(select(Webhook)):
            if not is_sealed(hook.secret):
                hook.secret = sealer.seal(hook.secret, label=secret_label(hook.id))
                changed += 1
    return changed


def seal_document(session: Session, sealer: Sealer, document: DocumentRow) -> int:
    """Seal a document's title and proposals (or, once closed, delete their content)."""
    changed = 0
    is_closed = document.status in CLOSED
    if document.title is not None and (is_closed or not is_sealed(document.title)):
        document.title = None if is_closed else seal_title(sealer, document.id, document.title)
        changed += 1
    for p in session.scalars(select(ProposalRow).where(ProposalRow.document_id == document.id)):
        if is_sealed(p.text) and not is_closed:
            continue
        if not is_closed:
            content = open_proposal(None, p)
            values = sealed_values(sealer, document_id=p.document_id, ordinal=p.ordinal, content=content)
        elif p.text or p.lead or p.support or p.product or p.spans or p.model_output or p.deadline.get("text"):
            values = {**sealed_values(sealer, document_id=p.document_id, ordinal=p.ordinal,
                                      content={"flags": p.flags}),
                      "text": "", "deadline": {**p.deadline, "text": None}}
        else:
            continue
        for key, value in values.items():
            setattr(p, key, value)
        changed += 1
    return changed
