"""A scan's upload reads its first pages by OCR and answers; the extraction job reads every page
and completes what the upload stored (issue 15: OCR runs as part of the extraction job)."""

from __future__ import annotations

from functools import cache

import pytest
from api_helpers import upload, wait_until_extracted

from api.services.documents import UPLOAD_OCR_PAGES, check_upload
from tests.extraction.files_factory import blocks_from_text, pdf_bytes, scanned_pdf_bytes

SIGNER = "Nguyễn Sỹ Hiệp"  # gov-02 signs on its third page


@cache
def _three_page_scan(text: str) -> bytes:
    # 150 dpi without grain: under the test service's 1 MB upload limit
    return scanned_pdf_bytes(pdf_bytes(blocks_from_text(text)), dpi=150, grain=0, specks=0.0002)


@pytest.fixture
def scan(shared_dir) -> bytes:
    return _three_page_scan((shared_dir / "corpus" / "dev" / "gov-02.txt").read_text(encoding="utf-8"))


def test_ocr_upload_check_reads_only_the_first_pages(scan):
    checked = check_upload(scan, filename="gov-02.pdf", issued=None)
    assert UPLOAD_OCR_PAGES == 2 and checked.document.offsets.page_numbers == (1, 2)
    assert checked.info.number == "467/TB-VPCP"  # the header, on page 1
    assert SIGNER not in checked.document.text and checked.info.signer is None


def test_ocr_upload_job_completes_the_text_and_the_signer(team, scan):
    answer = upload(team.reviewer, scan, filename="gov-02.pdf")
    assert answer.status_code == 202, answer.text
    view = wait_until_extracted(team.reviewer, answer.json()["id"], timeout=120)
    assert view["status"] == "extracted", view.get("error")
    assert SIGNER in view["text"] and view["metadata"]["signer"] == SIGNER
    assert view["page_count"] == 3
    # the proposals point into the text the job read, the last page's included
    assert view["proposals"]
    for proposal in view["proposals"]:
        assert view["text"][proposal["start"] : proposal["end"]].strip()[:20] == proposal["text"].strip()[:20]
