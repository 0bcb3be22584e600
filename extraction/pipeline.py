"""The extraction pipeline: bytes of a document in, a :class:`Proposal` out.

Reading and normalising the file, and the document's metadata, happen before NLP. From the
normalised text on, a spaCy ``Language`` runs the steps as registered components, each writing
its results onto the ``Doc`` (``doc.spans["tasks"]`` and ``doc._.giaoviec``)::

    giaoviec_segment_v1    task spans and the context each inherits      (segment.py)
    giaoviec_roles_v1      lead and co-operating bodies per task         (roles.py, bodies.py)
    giaoviec_deadlines_v1  the governing deadline per task               (deadlines.py)

Only :mod:`extraction.proposal` reads the annotated ``Doc``. Nothing here reads a clock,
a file or the environment: the issue date comes in as an argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from extraction.deadlines import event_days, in_force_date
from extraction.errors import FileTooLarge
from extraction.ingest import OcrOptions, read_source, sniff_media_type
from extraction.ingest.ocr import Progress
from extraction.language import ensure_vietnamese
from extraction.metadata import read_metadata
from extraction.normalize import normalize
from extraction.secrecy import refuse_top_secret
from extraction.types import Document, DocumentInfo, PipelineState, Proposal

PIPELINE_VERSION = "giaoviec-rules-0.1.0"
COMPONENTS = ("giaoviec_segment_v1", "giaoviec_roles_v1", "giaoviec_deadlines_v1")


@cache
def rules_pipeline() -> str:
    """The rules pipeline's config (``data/pipeline.cfg``): its components, in order."""
    return resources.files("extraction").joinpath("data/pipeline.cfg").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Limits and switches of the pipeline; plain values, never read from the environment.

    ``pipeline`` is a config in spaCy's format naming each component (by its registered factory)
    and its settings; the default is the rules alone. ``model_dir`` fills the ``model_dir`` of
    the learned components the config names (``models/pipeline.cfg``).
    """

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    pipeline: str = field(default_factory=rules_pipeline)
    ocr: OcrOptions = field(default_factory=OcrOptions)
    model_dir: str | None = None
    model_version: str | None = None

    @property
    def components(self) -> tuple[str, ...]:
        """The factories the pipeline runs, in order (recorded in every proposal)."""
        config = pipeline_settings(self.pipeline)
        return tuple(config["components"][name]["factory"] for name in config["nlp"]["pipeline"])


def pipeline_settings(text: str) -> Config:
    """A pipeline config parsed, with a clear error for one that names no pipeline."""
    config = Config().from_str(text)
    if "nlp" not in config or "pipeline" not in config["nlp"]:
        raise ValueError("a pipeline config needs [nlp] pipeline = [...] naming its components")
    missing = [name for name in config["nlp"]["pipeline"] if name not in config.get("components", {})]
    if missing:
        raise ValueError(f"the pipeline config has no [components.{missing[0]}] section")
    return config


def read_document(
    data: bytes,
    media_type: str | None = None,
    *,
    filename: str | None = None,
    config: PipelineConfig | None = None,
    progress: Progress | None = None,
) -> Document:
    """Read and normalise a file: ``read_document(pdf_bytes, "application/pdf")``.

    Raises TopSecret for a document marked (or possibly marked) Tuyệt mật.

    ``progress(done, total)`` is called after each page read by OCR (for "đang nhận dạng
    trang 3/12" on screen). The Vietnamese check runs on the text as finally read (after OCR
    and legacy-font conversion); a refusal says what was tried.
    """
    config = config or PipelineConfig()
    if len(data) > config.max_bytes:
        raise FileTooLarge(
            f"the file has {len(data) / 1e6:.1f} MB, over the limit of {config.max_bytes / 1e6:.0f} MB; "
            "split it or raise the limit"
        )
    media_type = media_type or sniff_media_type(data, filename)
    ocr = replace(config.ocr, progress=progress) if progress else config.ocr
    source = read_source(data, media_type, max_pages=config.max_pages, ocr=ocr)
    document = normalize(source)
    # Before anything else reads the text: a Tuyệt mật document goes no further on any path.
    refuse_top_secret(document.text, document.margins, name=filename or "the document")
    ensure_vietnamese(document.text, tried=source.conversions)
    return document


def extract(
    data: bytes,
    media_type: str | None = None,
    *,
    filename: str | None = None,
    issued: date | None = None,
    config: PipelineConfig | None = None,
    progress: Progress | None = None,
) -> Proposal:
    """Propose the tasks a document assigns.

    ``issued`` overrides the issue date printed in the document (and stands in when none is);
    ``progress`` as in ``read_document``.
    """
    config = config or PipelineConfig()
    document = read_document(data, media_type, filename=filename, config=config, progress=progress)
    return propose(document, issued=issued, config=config)


def propose(document: Document, *, issued: date | None = None, config: PipelineConfig | None = None) -> Proposal:
    """Run metadata and the NLP components on an already normalised document."""
    from extraction.proposal import build_proposal

    config = config or PipelineConfig()
    doc, info = annotate(document, issued=issued, config=config)
    return build_proposal(
        doc,
        document,
        info,
        pipeline_version=PIPELINE_VERSION,
        components=config.components,
        model_version=config.model_version,
        review_below=config.ocr.review_below,
    )


def annotate(
    document: Document, *, issued: date | None = None, config: PipelineConfig | None = None
) -> tuple[Doc, DocumentInfo]:
    """The document's metadata and the ``Doc`` every component has annotated (what
    :func:`propose` turns into a proposal; training reads the components' state from it)."""
    config = config or PipelineConfig()
    refuse_top_secret(document.text, document.margins)
    info = read_metadata(document.text, issued=issued, margins=document.margins)
    nlp = language(config.pipeline, config.model_dir)
    doc = whitespace_doc(nlp, document.text)
    # spaCy rebuilds doc.text from its tokens on every access; the components share this copy
    in_force = in_force_date(document.text, issued=info.issued)
    doc._.giaoviec = PipelineState(
        text=document.text,
        issued=info.issued,
        in_force=in_force,
        events=event_days(document.text, issued=info.issued),
        issuer=info.issuer,
        type=info.type,
    )
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc, info


TOKEN = re.compile(r"\S+|\s+")


def whitespace_doc(nlp: Language, text: str) -> Doc:
    """A Doc of the text's whitespace-separated tokens, built in one regex pass.

    The same tokens as spaCy's Vietnamese tokenizer without pyvi (syllables between spaces),
    and ``doc.text == text``, at a fraction of the cost: the components work on character
    spans, so the Doc is their shared container, not an analysis.
    """
    words: list[str] = []
    spaces: list[bool] = []
    for m in TOKEN.finditer(text):
        piece = m.group(0)
        if piece == " " and words and not words[-1].isspace():
            spaces[-1] = True
            continue
        if piece.isspace() and piece.startswith(" ") and words and not words[-1].isspace():
            spaces[-1] = True
            piece = piece[1:]
        words.append(piece)
        spaces.append(False)
    return Doc(nlp.vocab, words=words, spaces=spaces)


@cache
def language(pipeline: str | None = None, model_dir: str | None = None) -> Language:
    """The spaCy pipeline a config assembles (built once per process, config and model; weights
    load on first use). Factories outside the core (the learned components) must be registered
    by their module before (``models.loaders`` imports it)."""
    from extraction import components as _registered  # noqa: F401  (registers the factories)

    if not Doc.has_extension("giaoviec"):
        Doc.set_extension("giaoviec", default=None)
    config = pipeline_settings(pipeline or rules_pipeline())
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for name in config["nlp"]["pipeline"]:
        settings = dict(config["components"][name])
        factory = settings.pop("factory")
        if "model_dir" in settings and not settings["model_dir"]:
            settings["model_dir"] = model_dir or ""
        nlp.add_pipe(factory, name=name, config=settings)
    return nlp
