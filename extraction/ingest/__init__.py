"""Ingestion: the bytes of an uploaded file to ``SourceText``.

``sniff_media_type`` tells what a file is (by its magic bytes first, then by its name);
``read_source`` reads it with the reader for that type. Both raise ``InputError``s whose
messages say what to do.
"""

from __future__ import annotations

import io
import os
import zipfile

from extraction.errors import EmptyInput, UnsupportedType
from extraction.ingest.docx import MEDIA_TYPE as DOCX
from extraction.ingest.docx import OLE_MAGIC, read_docx
from extraction.ingest.legacy import convert_source
from extraction.ingest.ocr import OcrOptions
from extraction.ingest.pdf import MEDIA_TYPE as PDF
from extraction.ingest.pdf import read_pdf
from extraction.ingest.text import MEDIA_TYPE as TEXT
from extraction.ingest.text import looks_like_text, read_text
from extraction.ingest.zipsafe import MALFORMED_ZIP
from extraction.types import SourceText

__all__ = ["DOCX", "PDF", "TEXT", "ACCEPTED", "OcrOptions", "read_source", "sniff_media_type"]

ACCEPTED = (PDF, DOCX, TEXT)

_WHAT_TO_DO = "upload a PDF, a DOCX or a UTF-8 text (.txt) file"
_BY_EXTENSION = {".pdf": PDF, ".docx": DOCX}
_OTHER_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document (save it as DOCX)",
    b"<?xml": "an XML file",
    b"<!DOCTYPE": "an HTML page",
    b"<html": "an HTML page",
}
# OLE compound files hold legacy Office documents and password-protected OOXML ones.
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
_OFFICE_NOT_WORD = (".doc", ".xls", ".xlsx", ".ppt", ".pptx")


def sniff_media_type(data: bytes, filename: str | None = None) -> str:
    """The media type of an uploaded file: one of ``ACCEPTED``.

    Magic bytes decide first (``%PDF``, a zip holding ``word/document.xml``), then the file
    name's extension, then whether the bytes decode as text. Raises EmptyInput and
    UnsupportedType (an image, a legacy ``.doc``, a zip that is not a DOCX, binary junk).
    """
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise EmptyInput("the file is empty; upload the document itself")
    extension = os.path.splitext(filename or "")[1].lower()
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if data.startswith(OLE_MAGIC):
        return _sniff_ole(data, extension)
    head = data[:64].lstrip().lower()
    for magic, what in _OTHER_MAGIC.items():
        if head.startswith(magic.lower()):
            raise _unsupported(what)
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    if looks_like_text(data):
        return TEXT
    raise _unsupported("binary data of an unknown kind")


def read_source(
    data: bytes, media_type: str, *, max_pages: int = 500, ocr: OcrOptions | None = None
) -> SourceText:
    """Read a file of a type ``sniff_media_type`` returned into ``SourceText``.

    ``max_pages`` limits PDFs (FileTooLarge beyond it). ``ocr`` says how scanned pages and
    broken text layers are read (tesseract; its page cap, time limit and a progress callback
    ``ocr.progress(page_done, pages_to_read)``).
    """
    source = _read(data, media_type, max_pages=max_pages, ocr=ocr or OcrOptions())
    # A file typed in a TCVN3 or VNI font whose runs carry no font name (a text file saved
    # from such a document, a PDF without font names) is recognised from its characters.
    return convert_source(source) or source


def _read(data: bytes, media_type: str, *, max_pages: int, ocr: OcrOptions) -> SourceText:
    kind = media_type.split(";")[0].strip().lower()
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise EmptyInput("the file is empty; upload the document itself")
    if kind == PDF:
        return read_pdf(data, max_pages=max_pages, ocr=ocr)
    if kind == DOCX:
        return read_docx(data)
    if kind == TEXT:
        return read_text(data)
    raise _unsupported(f"the media type {media_type!r}")


def _unsupported(what: str) -> UnsupportedType:
    return UnsupportedType(f"{what} is not supported; {_WHAT_TO_DO}")


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            is_docx = "word/document.xml" in archive.namelist()
    except MALFORMED_ZIP:
        # A damaged or truncated DOCX still names its members in the local headers; the
        # DOCX reader then says it is damaged, which is more useful than "unsupported".
        is_docx = b"word/document.xml" in data
    if not is_docx:
        raise _unsupported("a zip archive that is not a DOCX")
    return DOCX


def _sniff_ole(data: bytes, extension: str) -> str:
    if _ENCRYPTED_OOXML in data and extension not in _OFFICE_NOT_WORD:
        return DOCX  # a password-protected DOCX; its reader says so
    raise UnsupportedType(
        "a legacy Office file (such as a Word .doc) is not supported; open it in Word, save "
        "it as .docx and upload that"
    )
