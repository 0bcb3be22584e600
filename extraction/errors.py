"""Errors that the extraction core raises, each with a stable code.

The hierarchy::

    GiaoviecError                 base; ``code`` and a message that says what to do next
    └── InputError                the input is wrong; the CLI exits with status 2
        ├── EmptyInput            E001 nothing to read
        ├── UnsupportedType       E002 not a PDF, DOCX or text file
        ├── CorruptFile           E003 the file cannot be parsed
        ├── EncryptedFile         E004 password-protected
        ├── NoTextLayer           E005 a scanned PDF with no text
        ├── NotVietnamese         E006 the text is not Vietnamese
        ├── FileTooLarge          E007 over the size or page limit
        ├── BadArgument           E008 an option value that makes no sense
        ├── MissingFile           E009 no such file, or not readable
        ├── TopSecret             E010 marked (or maybe marked) Tuyệt mật: never stored
        └── OcrFailed             E011 OCR of a scanned page failed or ran past its time limit
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the types module imports nothing from here; this is for the checker only
    from extraction.types import SecrecyMark


class GiaoviecError(Exception):
    """Base of every error giaoviec raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(GiaoviecError):
    """The input is wrong: the user can fix it."""


class EmptyInput(InputError):
    code = "E001"


class UnsupportedType(InputError):
    code = "E002"


class CorruptFile(InputError):
    code = "E003"


class EncryptedFile(InputError):
    code = "E004"


class NoTextLayer(InputError):
    code = "E005"


class NotVietnamese(InputError):
    code = "E006"


class FileTooLarge(InputError):
    code = "E007"


class BadArgument(InputError):
    code = "E008"


class MissingFile(InputError):
    code = "E009"


class TopSecret(InputError):
    """A Tuyệt mật document (Quy chế 08-QC/TW, Điều 5); ``mark`` is the SecrecyMark found."""

    code = "E010"

    def __init__(self, message: str, *, mark: SecrecyMark) -> None:
        super().__init__(message)
        self.mark = mark


class OcrFailed(InputError):
    code = "E011"
