"""giaoviec's extraction core: document bytes in, task proposals out.

Pure: no web, no database, no clock, no environment. ``extract`` is the whole API. The heavy
modules (spaCy) load on first use of ``extract``, so importing ``extraction.errors`` or
``extraction.types`` stays cheap (``giaoviec --help`` is instant).
"""

from typing import Any

from extraction.errors import GiaoviecError, InputError
from extraction.types import (
    Body,
    Deadline,
    DeadlineKind,
    Document,
    DocumentInfo,
    Proposal,
    Span,
    TaskProposal,
)

_LAZY = {"PipelineConfig", "extract", "read_document"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from extraction import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extraction' has no attribute {name!r}")


__all__ = [
    "Body",
    "Deadline",
    "DeadlineKind",
    "Document",
    "DocumentInfo",
    "GiaoviecError",
    "InputError",
    "PipelineConfig",
    "Proposal",
    "Span",
    "TaskProposal",
    "extract",
    "read_document",
]
