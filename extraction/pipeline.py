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

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extraction.errors import FileTooLarge
from extraction.ingest import OcrOptions, read_source, sniff_media_type
from extraction.ingest.ocr import Progress
from extraction.language import ensure_vietnamese
from extraction.metadata import read_metadata
from extraction.normalize import normalize
from extraction.types import Document, Proposal

PIPELINE_VERSION = "giaoviec-rules-0.1.0"
COMPONENTS = ("giaoviec_segment_v1", "giaoviec_roles_v1", "giaoviec_deadlines_v1")
# With a trained model (issue 7): the learned components re-score what the rules propose. Their
# factories live in ``models.components``; the caller imports that module (the core does not).
MODEL_COMPONENTS = (
    "giaoviec_segment_v1",
    "giaoviec_task_detector_v1",
    "giaoviec_roles_v1",
    "giaoviec_role_classifier_v1",
    "giaoviec_deadlines_v1",
)


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Limits and switches of the pipeline; plain values, never read from the environment."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    ocr: OcrOptions = field(default_factory=OcrOptions)
    components: tuple[str, ...] = COMPONENTS
    model_dir: str | None = None
    model_version: str | None = None


def read_document(
    data: bytes,
    media_type: str | None = None,
    *,
    filename: str | None = None,
    config: PipelineConfig | None = None,
    progress: Progress | None = None,
) -> Document:
    """Read and normalise a file: ``read_document(pdf_bytes, "application/pdf")``.

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
    document = read_document(
        data, media_type, filename=filename, config=config, progress=progress
    )
    return propose(document, issued=issued, config=config)


def propose(
    document: Document, *, issued: date | None = None, config: PipelineConfig | None = None
) -> Proposal:
    """Run metadata and the NLP components on an already normalised document."""
    from extraction.proposal import build_proposal

    config = config or PipelineConfig()
    info = read_metadata(document.text, issued=issued)
    nlp = language(config.components, config.model_dir)
    doc = whitespace_doc(nlp, document.text)
    # spaCy rebuilds doc.text from its tokens on every access; the components share this copy
    doc._.giaoviec = {"issued": info.issued, "text": document.text}
    for _, component in nlp.pipeline:
        doc = component(doc)
    return build_proposal(
        doc,
        document,
        info,
        pipeline_version=PIPELINE_VERSION,
        components=config.components,
        model_version=config.model_version,
        review_below=config.ocr.review_below,
    )


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
def language(components: tuple[str, ...] = COMPONENTS, model_dir: str | None = None) -> Language:
    """The spaCy pipeline (built once per process and model; weights load on first use)."""
    from extraction import components as _registered  # noqa: F401  (registers the factories)

    if not Doc.has_extension("giaoviec"):
        Doc.set_extension("giaoviec", default=None)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for name in components:
        if name in COMPONENTS:
            nlp.add_pipe(name)
        else:
            nlp.add_pipe(name, config={"model_dir": model_dir or ""})
    return nlp
