"""giaoviec's extraction core: document bytes in, task proposals out.

Pure: no web, no database, no clock, no environment. ``extract`` is the whole API.
"""

from extraction.errors import GiaoviecError, InputError
from extraction.pipeline import PipelineConfig, extract, read_document
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
