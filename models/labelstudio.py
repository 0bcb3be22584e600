"""The Label Studio bridge: push documents with the pipeline's proposals, pull annotations back.

``push`` creates (or updates) a project whose labeling config has span labels TASK, LEAD,
SUPPORT, DEADLINE, PRODUCT and relations lead_of, support_of, deadline_of, product_of (each
from the field to its TASK), and imports each document's NFC text with the pipeline's proposal
as a prediction (``model_version`` = pipeline version, plus the active model's version).
``pull`` turns every task's latest submitted annotation into ``NAME.txt`` + ``NAME.gold.json``
in the format of ``shared/corpus/GUIDELINES.md``: canonical body names and normalised
deadlines come from the extraction core, read off the annotated spans.

Connection: ``GIAOVIEC_LABEL_STUDIO_URL`` and ``GIAOVIEC_LABEL_STUDIO_TOKEN`` (a legacy token
or a personal access token). An unreachable server raises :class:`ServiceUnavailable`, a
refused token :class:`ServiceAuthFailed`; the CLI exits with status 3 for both.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.errors import BadCorpus, ServiceAuthFailed, ServiceUnavailable
from models.offsets import CODEPOINT, UNITS, from_unit, to_unit

LABELS = ("TASK", "LEAD", "SUPPORT", "DEADLINE", "PRODUCT")
RELATIONS = {"LEAD": "lead_of", "SUPPORT": "support_of", "DEADLINE": "deadline_of", "PRODUCT": "product_of"}
LABEL_CONFIG = """<View>
  <Relations>
    <Relation value="lead_of"/>
    <Relation value="support_of"/>
    <Relation value="deadline_of"/>
    <Relation value="product_of"/>
  </Relations>
  <Labels name="label" toName="text">
    <Label value="TASK" background="#ffd166"/>
    <Label value="LEAD" background="#06d6a0"/>
    <Label value="SUPPORT" background="#118ab2"/>
    <Label value="DEADLINE" background="#ef476f"/>
    <Label value="PRODUCT" background="#8d99ae"/>
  </Labels>
  <Text name="text" value="$text" granularity="symbol"/>
</View>"""
FROM_NAME, TO_NAME = "label", "text"
DEFAULT_PROJECT = "giaoviec"
TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class Connection:
    """Where Label Studio is and how to authenticate; ``offset_unit`` is how it counts."""

    url: str
    token: str
    offset_unit: str = CODEPOINT

    @staticmethod
    def from_env() -> Connection:
        url = os.environ.get("GIAOVIEC_LABEL_STUDIO_URL", "").rstrip("/")
        token = os.environ.get("GIAOVIEC_LABEL_STUDIO_TOKEN", "")
        unit = os.environ.get("GIAOVIEC_LABEL_STUDIO_OFFSETS", CODEPOINT)
        if not url:
            raise ServiceUnavailable(
                "GIAOVIEC_LABEL_STUDIO_URL is not set; set it to the server, e.g. http://127.0.0.1:8080"
            )
        if not token:
            raise ServiceAuthFailed(
                "GIAOVIEC_LABEL_STUDIO_TOKEN is not set; copy the access token from Label Studio "
                "(Account & Settings) into it"
            )
        if unit not in UNITS:
            raise ServiceUnavailable(f"GIAOVIEC_LABEL_STUDIO_OFFSETS={unit!r} is not one of {', '.join(UNITS)}")
        return Connection(url, token, unit)


@contextmanager
def _service(conn: Connection) -> Iterator[None]:
    """Turn transport and auth failures into the two errors the CLI reports with exit 3."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except httpx.TransportError as e:
        raise ServiceUnavailable(
            f"cannot reach Label Studio at {conn.url} ({type(e).__name__}); start the server or "
            "fix GIAOVIEC_LABEL_STUDIO_URL"
        ) from None
    except ApiError as e:
        if e.status_code in (401, 403):
            raise ServiceAuthFailed(
                f"Label Studio at {conn.url} refused the token (HTTP {e.status_code}); set "
                "GIAOVIEC_LABEL_STUDIO_TOKEN to a valid access token"
            ) from None
        raise ServiceUnavailable(
            f"Label Studio at {conn.url} answered HTTP {e.status_code}: {str(e.body)[:200]}"
        ) from None


@contextmanager
def connect(conn: Connection) -> Iterator[Any]:
    """A checked SDK client (it has answered ``whoami`` with our token), closed on exit."""
    import httpx
    from label_studio_sdk import LabelStudio

    with httpx.Client(timeout=TIMEOUT_S, follow_redirects=True) as http:
        client = LabelStudio(base_url=conn.url, api_key=conn.token, httpx_client=http)  # type: ignore[no-untyped-call]
        with _service(conn):
            client.users.whoami()
        yield client


# --- push --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PushResult:
    project_id: int
    imported: list[str]
    updated: list[str]
    model_version: str


def push(
    conn: Connection,
    paths: Sequence[Path],
    *,
    project: str = DEFAULT_PROJECT,
    model_dir: Path | None = None,
) -> PushResult:
    """Import documents with the pipeline's proposals as predictions.

    A document already in the project (same name) gets a prediction from the current model
    version when it has none from it yet; its text is never replaced, so annotations keep
    their offsets.
    """
    from models.evaluate import propose

    # Every file is read before Label Studio is reached: a Tuyệt mật one (TopSecret) stops the
    # push before anything of any file is sent.
    proposed = [(path, *propose(path.read_bytes(), filename=path.name, model_dir=model_dir)) for path in paths]
    with connect(conn) as client:
        return _push(client, conn, proposed, project, model_dir)


def _push(client: Any, conn: Connection, proposed: Sequence[tuple[Path, Any, Any]], project: str,
          model_dir: Path | None) -> PushResult:
    with _service(conn):
        pid = ensure_project(client, project)
        existing = {t.data.get("name"): t for t in client.tasks.list(project=pid) if t.data}
    imported, updated, version = [], [], ""
    for path, proposal, document in proposed:
        version = proposal.pipeline_version + (f"+{model_dir.name}" if model_dir else "")
        result = prediction_result(document.text, proposal, conn.offset_unit)
        name = path.stem
        with _service(conn):
            if name in existing:
                task = existing[name]
                versions = {p.model_version for p in client.predictions.list(task=task.id)}
                if version not in versions:
                    client.predictions.create(task=task.id, result=result, model_version=version, score=1.0)
                    updated.append(name)
                continue
            client.projects.import_tasks(
                id=pid,
                request=[
                    {
                        "data": {"text": document.text, "name": name, "doc": _doc_fields(proposal)},
                        "predictions": [{"model_version": version, "score": 1.0, "result": result}],
                    }
                ],
            )
            imported.append(name)
    if version:
        with _service(conn):
            client.projects.update(id=pid, model_version=version, show_collab_predictions=True)
    return PushResult(pid, imported, updated, version)


def ensure_project(client: Any, title: str) -> int:
    """The id of the project titled ``title``, created (or its config updated) as needed."""
    for p in client.projects.list():
        if p.title == title:
            if (p.label_config or "").strip() != LABEL_CONFIG:
                client.projects.update(id=p.id, label_config=LABEL_CONFIG)
            return int(p.id)
    created = client.projects.create(title=title, label_config=LABEL_CONFIG)
    return int(created.id)


def _doc_fields(proposal: Any) -> dict[str, Any]:
    """The gold format's document fields (GUIDELINES.md: no title)."""
    from extraction.proposal import document_json

    return {key: value for key, value in document_json(proposal.document).items() if key != "title"}


def region(text: str, start: int, end: int, label: str, rid: str, unit: str) -> dict[str, Any]:
    """A span region; ``start``/``end`` are Python offsets into ``text``, sent in ``unit``."""
    ls_start, ls_end = to_unit(text, [start, end], unit)
    return {
        "id": rid,
        "from_name": FROM_NAME,
        "to_name": TO_NAME,
        "type": "labels",
        "value": {"start": ls_start, "end": ls_end, "text": text[start:end], "labels": [label]},
    }


def relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {"type": "relation", "from_id": from_id, "to_id": to_id, "direction": "right", "labels": [label]}


def prediction_result(text: str, proposal: Any, unit: str) -> list[dict[str, Any]]:
    """The proposal's tasks, bodies and deadlines as regions linked by relations."""
    result: list[dict[str, Any]] = []
    regions: dict[tuple[int, int, str], str] = {}

    def ensure(start: int, end: int, label: str) -> str:
        key = (start, end, label)
        if key not in regions:
            regions[key] = f"{label[0].lower()}{len(regions)}"
            result.append(region(text, start, end, label, regions[key], unit))
        return regions[key]

    links = []
    for task in proposal.tasks:
        tid = ensure(task.span.start, task.span.end, "TASK")
        for label, bodies in (("LEAD", task.lead), ("SUPPORT", task.support)):
            for body in bodies:
                if body.span is not None and body.span.end > body.span.start:
                    links.append(relation(ensure(body.span.start, body.span.end, label), tid, RELATIONS[label]))
        span = task.deadline.span
        if span is not None and span.end > span.start:
            links.append(relation(ensure(span.start, span.end, "DEADLINE"), tid, RELATIONS["DEADLINE"]))
    return result + links


# --- pull --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PullResult:
    written: list[Path]
    skipped: list[str]


def pull(conn: Connection, out: Path, *, project: str = DEFAULT_PROJECT) -> PullResult:
    """Write every annotated task of ``project`` to ``out`` as NAME.txt + NAME.gold.json."""
    with connect(conn) as client:
        return _pull(client, conn, out, project)


def _pull(client: Any, conn: Connection, out: Path, project: str) -> PullResult:
    with _service(conn):
        pid = next((int(p.id) for p in client.projects.list() if p.title == project), None)
        if pid is None:
            raise BadCorpus(f"Label Studio has no project {project!r}; push documents first")
        tasks = list(client.tasks.list(project=pid, fields="all"))
    out.mkdir(parents=True, exist_ok=True)
    written, skipped = [], []
    for task in tasks:
        with _service(conn):
            annotations = [a for a in client.annotations.list(id=task.id) if not getattr(a, "was_cancelled", False)]
        name = (task.data or {}).get("name") or f"ls-task-{task.id}"
        if not annotations:
            skipped.append(name)
            continue
        latest = max(annotations, key=lambda a: (str(a.updated_at or ""), a.id or 0))
        text = task.data["text"]
        gold = gold_from_result(text, latest.result or [], task.data.get("doc") or {}, conn.offset_unit)
        gold["doc"]["source"] = f"label-studio:{conn.url}/projects/{pid}/data?task={task.id}"
        gold["doc"]["annotation"] = {"id": latest.id, "completed_by": latest.completed_by}
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        (out / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(out / f"{name}.gold.json")
    return PullResult(written, skipped)


@dataclass(frozen=True, slots=True)
class Region:
    rid: str
    start: int
    end: int
    label: str


def read_regions(text: str, result: Sequence[dict[str, Any]], unit: str) -> list[Region]:
    """The span regions of an annotation, offsets converted to Python and checked.

    A region whose stored ``text`` differs from the slice it points at means the offsets
    drifted (another unit, or re-normalised text): that is an error, never guessed around.
    """
    out = []
    for item in result:
        if item.get("type") != "labels":
            continue
        value = item["value"]
        start, end = from_unit(text, [value["start"], value["end"]], unit)
        if "text" in value and text[start:end] != value["text"]:
            raise BadCorpus(
                f"region {item.get('id')} points at {text[start:end]!r} but was saved as "
                f"{value['text']!r}: the offsets drifted; check GIAOVIEC_LABEL_STUDIO_OFFSETS"
            )
        out.append(Region(str(item.get("id")), start, end, value["labels"][0]))
    return out


def gold_from_result(text: str, result: Sequence[dict[str, Any]], doc: dict[str, Any], unit: str) -> dict[str, Any]:
    """One annotation as a gold document (GUIDELINES.md): a task per TASK region, its fields
    from the regions related to it (or, failing a relation, lying inside it)."""
    from datetime import date

    regions = read_regions(text, result, unit)
    issued = date.fromisoformat(doc["issued"]) if doc.get("issued") else None
    related = relate(regions, result)
    tasks = [
        gold_task(text, t, related[t.rid], issued)
        for t in sorted((r for r in regions if r.label == "TASK"), key=lambda r: r.start)
    ]
    fields = ("type", "number", "issued", "issuer", "signer", "secrecy")
    return {"doc": {k: doc.get(k) for k in fields}, "tasks": tasks}


def relate(regions: list[Region], result: Sequence[dict[str, Any]]) -> dict[str, list[Region]]:
    """The field regions of each TASK region: by relation, else the one task that contains it."""
    by_id = {r.rid: r for r in regions}
    related: dict[str, list[Region]] = {r.rid: [] for r in regions if r.label == "TASK"}
    linked: set[str] = set()
    for item in result:
        if item.get("type") != "relation":
            continue
        a, b = by_id.get(item["from_id"]), by_id.get(item["to_id"])
        if a is None or b is None:
            continue
        owner, field = (b, a) if b.label == "TASK" else (a, b)
        if owner.label == "TASK" and field.label != "TASK":
            related[owner.rid].append(field)
            linked.add(field.rid)
    owners = [r for r in regions if r.label == "TASK"]
    for r in regions:
        if r.label != "TASK" and r.rid not in linked:
            inside = [t for t in owners if t.start <= r.start and r.end <= t.end]
            if len(inside) == 1:
                related[inside[0].rid].append(r)
    return related


def gold_task(text: str, task: Region, fields: list[Region], issued: Any) -> dict[str, Any]:
    """A gold task: canonical body names and the normalised deadline read off its fields."""
    from extraction.deadlines import parse_deadline
    from extraction.roles import canonical_name

    fields = sorted(fields, key=lambda r: r.start)

    def names(label: str) -> list[str]:
        return [canonical_name(text[f.start : f.end], at=issued) for f in fields if f.label == label]

    out: dict[str, Any] = {
        "text": text[task.start : task.end].strip(),
        "lead": names("LEAD"),
        "support": names("SUPPORT"),
        "deadline": _deadline_json(parse_deadline, text, [f for f in fields if f.label == "DEADLINE"], issued),
    }
    products = [text[f.start : f.end] for f in fields if f.label == "PRODUCT"]
    if products:
        out["product"] = "; ".join(products)
    return out


def _deadline_json(parse: Any, text: str, regions: list[Region], issued: Any) -> dict[str, Any]:
    if not regions:
        return {"text": None, "kind": "none", "date": None, "recurrence": None}
    phrase = text[regions[0].start : regions[0].end]
    found = parse(phrase, issued=issued)
    return {
        "text": phrase,
        "kind": str(found.kind),
        "date": found.date.isoformat() if found.date else None,
        "recurrence": found.recurrence,
    }
