"""Bounded work per upload (issue 14, finding 3): caps on real bytes, objects and time."""

from __future__ import annotations

import io
import time
import tracemalloc

import pytest
from files_factory import lines_pdf_bytes
from hostile_files import (
    deflated,
    huge_xml_docx,
    lying_size_docx,
    small_docx,
    unpunctuated_text,
    zip_of,
)
from reportlab.pdfgen import canvas

from extraction.errors import CorruptFile, FileTooLarge, UnsupportedType
from extraction.ingest import DOCX, PDF, TEXT, read_source, sniff_media_type
from extraction.ingest.docx import MAX_XML_BYTES
from extraction.ingest.pdf import MAX_OBJECTS_PER_PAGE, read_pdf
from extraction.ingest.zipsafe import read_member

MB = 2**20


def _peak_while(call) -> tuple[BaseException | None, float]:
    """The exception ``call`` raised (or None) and the peak of Python allocations in MB."""
    tracemalloc.start()
    try:
        call()
        raised = None
    except Exception as error:  # noqa: BLE001 (returned to the test, which checks its type)
        raised = error
    peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    return raised, peak


def test_ingest_limits_lying_size_docx_is_refused_without_inflating_it() -> None:
    data = lying_size_docx(real_mb=300, declared=1000)  # 0.3 MB claiming 1,000 bytes
    assert sniff_media_type(data, "bomb.docx") == DOCX
    raised, peak = _peak_while(lambda: read_source(data, DOCX))
    assert isinstance(raised, FileTooLarge)
    # The old reader trusted the declared size and inflated all 300 MB (600 MB peak).
    assert peak < MAX_XML_BYTES / MB + 8


def test_ingest_limits_member_that_inflates_past_its_declared_size_is_corrupt() -> None:
    data = lying_size_docx(real_mb=2, declared=1000)  # under the cap, but not what it says
    with pytest.raises(CorruptFile):
        read_source(data, DOCX)


def test_ingest_limits_zip_version_python_does_not_implement_is_a_clear_refusal() -> None:
    # zipfile raises NotImplementedError ("zip file version 6.4"), not BadZipFile: the fuzz
    # test found it as a 500.
    docx = small_docx("Giao Sở Tài chính chủ trì.", extract_version=64)
    assert sniff_media_type(docx, "new.docx") == DOCX
    with pytest.raises(CorruptFile):
        read_source(docx, DOCX)
    archive = zip_of([deflated(b"hello", "notes.txt")], extract_version=64)
    with pytest.raises(UnsupportedType):
        sniff_media_type(archive, "notes.zip")


def test_ingest_limits_docx_with_110_mb_of_xml_is_refused_cheaply() -> None:
    data = huge_xml_docx(xml_mb=110)
    assert 10 * MB < len(data) < 30 * MB  # compresses about 1:6: the declared ratio looks normal
    started = time.monotonic()
    raised, peak = _peak_while(lambda: read_source(data, DOCX))
    assert isinstance(raised, FileTooLarge)
    assert "word/document.xml" in raised.message
    assert peak < MAX_XML_BYTES / MB + 8
    assert time.monotonic() - started < 10  # the old reader held a worker for 27 minutes


def test_ingest_limits_hand_made_docx_still_reads() -> None:
    blocks = read_source(small_docx("Kính gửi các sở.\nSở Tài chính chủ trì."), DOCX).blocks
    assert [b.text for b in blocks] == ["Kính gửi các sở.", "Sở Tài chính chủ trì."]


def test_ingest_limits_read_member_checks_crc() -> None:
    import zipfile

    member = deflated(b"<x>" + b"y" * 5000 + b"</x>", "a.xml")
    member.crc ^= 1
    data = zip_of([member])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with pytest.raises(CorruptFile):
            read_member(data, archive.getinfo("a.xml"), cap=MB, what="member")


def test_ingest_limits_one_megabyte_without_final_punctuation_reads_in_linear_time() -> None:
    data = unpunctuated_text(1_000_000)
    started = time.monotonic()
    source = read_source(data, TEXT)
    elapsed = time.monotonic() - started
    assert len(source.blocks) == 1  # every line continues the one before: one paragraph
    # The quadratic join took 107 s on this input; the linear one takes about 0.05 s.
    assert elapsed < 2


def _many_objects_pdf(count: int, *, in_form: bool) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    if in_form:
        pdf.beginForm("paths")
    for index in range(count):
        x = 50 + index % 500
        pdf.line(x, 100, x + 0.5, 100.5)
    if in_form:
        pdf.endForm()
        pdf.doForm("paths")
    pdf.drawString(72, 800, "Kính gửi các sở, ban, ngành tỉnh.")
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize("in_form", [False, True], ids=["on_the_page", "inside_one_form_xobject"])
def test_ingest_limits_pdf_page_with_too_many_objects_is_refused(in_form: bool) -> None:
    with pytest.raises(FileTooLarge, match="objects"):
        read_source(_many_objects_pdf(MAX_OBJECTS_PER_PAGE + 1, in_form=in_form), PDF)


def test_ingest_limits_pdf_time_cap() -> None:
    data = lines_pdf_bytes(["Kính gửi các sở, ban, ngành tỉnh."] * 40)
    assert read_pdf(data, max_seconds=60).blocks
    with pytest.raises(FileTooLarge, match="took more than"):
        read_pdf(data, max_seconds=0)
