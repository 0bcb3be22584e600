"""Property-based fuzzing of the upload path (issue 14): whatever the bytes, the answer is a
document or a clear refusal (never a 5xx), and a refused upload leaves nothing behind.

Two layers: ``check_upload`` (every check that can refuse a file: type, reading, the caps of
``extraction.ingest``, language, metadata, secrecy) takes ``CHECK_EXAMPLES`` generated inputs,
a few milliseconds each; the HTTP endpoint takes ``API_EXAMPLES`` (each accepted file also
runs the extraction in the background, so fewer). Both are derandomized: CI runs the same
inputs every time, and the time stays bounded (43 s and 12 s on a shared 2-core machine).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from api_helpers import sample_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from api.db.tables import AuditEntry, DocumentRow
from api.services.documents import check_upload
from extraction.errors import GiaoviecError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extraction"))
from hostile_files import huge_xml_docx, lying_size_docx, small_docx, unpunctuated_text  # noqa: E402

CHECK_EXAMPLES = 10_000
API_EXAMPLES = 300
_WORDS = ["Ủy", "ban", "nhân", "dân", "tỉnh", "giao", "Sở", "Tài", "chính", "chủ", "trì", "báo", "cáo",
          "trước", "ngày", "tháng", "năm", "9999", "MẬT", "Tuyệt", "mật", "Kính", "gửi", "KẾT", "LUẬN",
          "Số:", "-KL/TW", "\u00a0", "\u200b", "\ufeff", "\x00", "\r", "(A)", "%PDF-", "PK\x03\x04"]


def _small_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 800, "UBND TINH - Kinh gui cac so, ban, nganh.")
    pdf.save()
    return buffer.getvalue()


SEEDS = [sample_bytes(), small_docx("Kính gửi các sở.\nSở Tài chính chủ trì báo cáo."), _small_pdf()]
HOSTILE = [lying_size_docx(real_mb=20, declared=1000), lying_size_docx(real_mb=2, declared=10**6),
           huge_xml_docx(xml_mb=20), unpunctuated_text(200_000)]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real file with a few bytes changed, cut short, or spliced."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(max_size=64))
    return bytes(data)


words_text = st.lists(st.sampled_from(_WORDS), max_size=200).map(" ".join).flatmap(
    lambda text: st.sampled_from(["utf-8", "utf-16", "cp1258", "latin-1"]).map(
        lambda encoding: text.encode(encoding, errors="replace")))
# The hostile files cost tens of milliseconds each (their caps are reached by inflating 16 MB):
# the API layer draws them, the 10,000 quick checks draw the cheap kinds.
quick_uploads = st.one_of(st.binary(max_size=2048), mutated(), words_text)
uploads = st.one_of(quick_uploads, st.sampled_from(HOSTILE))
filenames = st.sampled_from(["a.txt", "a.docx", "a.pdf", "a.doc", "a", "../../etc/passwd", "ả.TXT", "",
                             "a\x00.txt", "x" * 300 + ".txt"])


@pytest.mark.slow
@settings(max_examples=CHECK_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=quick_uploads, filename=filenames)
def test_upload_fuzz_checks_refuse_with_a_giaoviec_error_only(data: bytes, filename: str) -> None:
    try:
        check_upload(data, filename=filename, issued=None)
    except GiaoviecError as error:  # a refusal the API answers with its 4xx problem
        assert error.code.startswith("E") and error.message


def _counts(app, org_id: int) -> tuple[int, int]:
    with app.state.db.session(read_only=True) as session:
        documents = session.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.org_id == org_id))
        entries = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.org_id == org_id))
    return int(documents or 0), int(entries or 0)


@pytest.mark.slow
def test_upload_fuzz_through_the_api_never_5xx_and_stores_nothing_refused(team) -> None:
    client = team.reviewer
    org_id = client.get("/api/v1/me").json()["organisation"]["id"]

    @settings(max_examples=API_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=uploads, filename=filenames, issued=st.one_of(st.none(), st.sampled_from(
        ["2025-12-10", "9999-12-31", "0001-01-01", "2025-02-30", "x", ""])))
    def upload_once(data: bytes, filename: str, issued: str | None) -> None:
        before = _counts(team.app, org_id)
        answer = client.post("/api/v1/documents", files={"file": (filename, data)},
                             data={"issued": issued} if issued is not None else None)
        assert answer.status_code < 500, answer.text
        if answer.status_code >= 400:
            assert answer.headers["content-type"] == "application/problem+json"
            assert _counts(team.app, org_id) == before  # a refused upload leaves no row and no entry

    upload_once()
