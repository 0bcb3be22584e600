"""Hostile uploads, built in memory in well under a second each (issue 14, finding 3).

* ``lying_size_docx``: a DOCX whose body claims ``declared`` bytes and inflates to far more.
* ``huge_xml_docx``: a DOCX whose body XML really is ``xml_mb`` MB (it compresses about 1:6,
  as the probe's 18 MB file did, so the declared-ratio guard lets it through).
* ``unpunctuated_text``: ``size`` bytes of Vietnamese lines without final punctuation.

The deflate streams are made of one compressed piece repeated: after ``Z_FULL_FLUSH`` a piece
does not refer to what came before, so repeating its bytes is a valid stream of the repeated
text, and a 110 MB member costs one compression of 64 KB.
"""

from __future__ import annotations

import random
import struct
import zlib

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
_TAIL = b"</w:body></w:document>"
_WORDS = ("ủy", "ban", "nhân", "dân", "tỉnh", "giao", "sở", "tài", "chính", "chủ", "trì", "phối", "hợp",
          "với", "các", "ngành", "liên", "quan", "tổ", "chức", "thực", "hiện", "báo", "cáo", "kết", "quả")


class _Member:
    """One zip member: its name, compressed bytes, CRC-32, real size and method."""

    def __init__(self, name: str, payload: bytes, crc: int, size: int, method: int) -> None:
        self.name, self.payload, self.crc, self.size, self.method = name.encode(), payload, crc, size, method


def deflated(data: bytes, name: str) -> _Member:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return _Member(name, compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data), 8)


def repeated_deflate(head: bytes, piece: bytes, times: int, tail: bytes, name: str) -> _Member:
    """A member of ``head + piece * times + tail`` without ever holding that text."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(piece, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(piece) * times + len(tail)
    return _Member(name, start + middle * times + end, crc, size, 8)


def zip_of(members: list[_Member], *, declared_sizes: dict[str, int] | None = None,
           extract_version: int = 20) -> bytes:
    """A zip archive written by hand, so a member's declared size (or the zip version needed
    to extract it: 64 and over is "not implemented" for Python's zipfile) can lie."""
    declared_sizes = declared_sizes or {}
    local, central = bytearray(), bytearray()
    for member in members:
        size = declared_sizes.get(member.name.decode(), member.size)
        offset = len(local)
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, member.method, 0, 0, member.crc,
                             len(member.payload), size, len(member.name), 0)
        local += member.name + member.payload
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, extract_version, 0, member.method, 0, 0, member.crc,
                               len(member.payload), size, len(member.name), 0, 0, 0, 0, 0, offset)
        central += member.name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(local), 0)
    return bytes(local + central + end)


def _package(body: _Member, declared_sizes: dict[str, int] | None = None, extract_version: int = 20) -> bytes:
    return zip_of([deflated(CONTENT_TYPES, "[Content_Types].xml"), deflated(PACKAGE_RELS, "_rels/.rels"), body],
                  declared_sizes=declared_sizes, extract_version=extract_version)


def paragraphs_xml(size: int, *, seed: int = 14) -> bytes:
    """About ``size`` bytes of w:p elements of random Vietnamese words (compresses about 1:6)."""
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < size:
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 30)))
        out += f"<w:p><w:r><w:t>{words}.</w:t></w:r></w:p>".encode()
    return bytes(out)


def lying_size_docx(*, real_mb: int = 300, declared: int = 1000) -> bytes:
    """A DOCX whose word/document.xml declares ``declared`` bytes and inflates to ``real_mb`` MB."""
    piece = b"<w:p><w:r><w:t>" + b"a" * (1024 * 1024 - 32) + b"</w:t></w:r></w:p>"
    body = repeated_deflate(_HEAD, piece, real_mb, _TAIL, "word/document.xml")
    return _package(body, declared_sizes={"word/document.xml": declared})


def huge_xml_docx(*, xml_mb: int = 110) -> bytes:
    """A well-formed DOCX whose body XML is really ``xml_mb`` MB (the probe's was 110 MB)."""
    piece = paragraphs_xml(64 * 1024)
    times = xml_mb * 1024 * 1024 // len(piece)
    return _package(repeated_deflate(_HEAD, piece, times, _TAIL, "word/document.xml"))


def small_docx(text: str, *, extract_version: int = 20) -> bytes:
    """A minimal, valid DOCX of one paragraph per line, built by the same hand-written zip."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines())
    return _package(deflated(_HEAD + paragraphs.encode() + _TAIL, "word/document.xml"),
                    extract_version=extract_version)


def unpunctuated_text(size: int = 1_000_000, *, seed: int = 14) -> bytes:
    """``size`` bytes of lower-case Vietnamese lines, none ending a sentence: one paragraph."""
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < size:
        out += (" ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 14))) + "\n").encode()
    return bytes(out[:size]).rsplit(b"\n", 1)[0] + b"\n"
