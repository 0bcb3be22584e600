"""Bounded reading of zip members: inflate by streaming, counting the bytes that really come out.

A zip's central directory and local headers *declare* each member's sizes; a zip bomb lies
there (a member that claims 1,000 bytes and inflates to 1 GB), and ``zipfile.ZipFile.read``
hands the whole compressed stream to zlib in one call, so the lie costs gigabytes before any
check can run. ``read_member`` inflates at most ``_OUT_CHUNK`` bytes per zlib call and stops
as soon as the real output passes its cap, so memory stays under the cap plus one chunk
whatever the headers say::

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = read_member(data, archive.getinfo("word/document.xml"), cap=16 * 2**20)
"""

from __future__ import annotations

import struct
import zipfile
import zlib

from extraction.errors import CorruptFile, FileTooLarge

# Output bytes per zlib call: the most that is ever inflated beyond a cap.
_OUT_CHUNK = 1024 * 1024
# Compressed bytes fed to zlib per call.
_IN_CHUNK = 256 * 1024
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_LOCAL_MAGIC = b"PK\x03\x04"
# What ``zipfile`` raises on a malformed archive: besides BadZipFile, a version or feature
# it does not implement ("zip file version 6.4"), bad offsets and truncated structures.
MALFORMED_ZIP = (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, EOFError, struct.error)


def read_member(data: bytes, info: zipfile.ZipInfo, *, cap: int, what: str) -> bytes:
    """The inflated bytes of one member of the zip ``data``, never more than ``cap`` of them.

    Raises FileTooLarge when the member really inflates past ``cap`` (``what`` names it in the
    message) and CorruptFile when it is damaged, uses a method other than stored or deflate,
    or inflates to another size or checksum than its headers declare.
    """
    raw = _raw_member(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        out = bytes(raw[:cap + 1])
        _check_cap(len(out), cap, what)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        out = _inflate(raw, cap=cap, what=what)
    else:
        raise CorruptFile(f"the {what} uses a compression method Word never writes; save the document "
                          "again from Word and upload the new file")
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise CorruptFile(f"the {what} does not unpack to the size and checksum its zip declares, as a "
                          "damaged file or a zip bomb does; save the document again from Word")
    return out


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The member's compressed bytes, located from its local header (bounded by the file)."""
    start = info.header_offset
    header = data[start:start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        raise _damaged()
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_MAGIC:
        raise _damaged()
    name_length, extra_length = fields[10], fields[11]
    begin = start + _LOCAL_HEADER.size + name_length + extra_length
    return memoryview(data)[begin:begin + info.compress_size]


def _inflate(raw: memoryview, *, cap: int, what: str) -> bytes:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    position = 0
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                piece = inflater.unconsumed_tail
            elif position < len(raw):
                piece = bytes(raw[position:position + _IN_CHUNK])
                position += _IN_CHUNK
            else:
                raise _damaged()  # the stream ends before the deflate data does
            out += inflater.decompress(piece, _OUT_CHUNK)
            _check_cap(len(out), cap, what)
    except zlib.error as error:
        raise _damaged() from error
    return bytes(out)


def _check_cap(size: int, cap: int, what: str) -> None:
    if size > cap:
        raise FileTooLarge(
            f"the {what} unpacks to more than {cap // 2**20} MB, more than any real document needs "
            "(a zip bomb does this); remove embedded objects, save it again from Word and upload it"
        )


def _damaged() -> CorruptFile:
    return CorruptFile("the DOCX is damaged and cannot be read; open it in Word, save it again and "
                       "upload the new file")
