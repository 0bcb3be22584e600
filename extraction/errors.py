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
        └── OcrFailed             E010 OCR of a scanned page failed or ran past its time limit
"""

from __future__ import annotations


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


class OcrFailed(InputError):
    code = "E010"
