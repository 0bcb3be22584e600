"""`giaoviec extract` as a user runs it: the JSON contract, the table, and every bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extraction"))
from files_factory import image_pdf_bytes, pdf_bytes, png_bytes  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "ket-luan-mau.txt"


def test_cli_extract_json_contract(run_cli):
    result = run_cli("extract", str(SAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) >= {"document", "tasks", "pipeline"}
    assert out["document"]["number"] == "999-KL/TW"
    assert out["document"]["issued"] == "2025-12-10"
    task = next(t for t in out["tasks"] if "hệ thống theo dõi" in t["text"])
    assert set(task) >= {"id", "text", "lead", "support", "deadline", "confidence", "source"}
    assert task["lead"] == ["Văn phòng Trung ương Đảng"]
    assert task["support"] == ["Ban Tổ chức Trung ương", "Ủy ban Kiểm tra Trung ương"]
    assert task["deadline"] == {
        "text": task["deadline"]["text"],
        "kind": "date",
        "date": "2026-06-25",
        "recurrence": None,
    }
    text = SAMPLE.read_text(encoding="utf-8")
    assert text[task["source"]["start"] : task["source"]["end"]] == task["text"]
    assert not any("đánh giá cao" in t["text"] for t in out["tasks"])


def test_cli_extract_table_is_for_people(run_cli):
    result = run_cli("extract", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Chủ trì: Văn phòng Trung ương Đảng" in result.stdout
    assert "nhiệm vụ đề xuất" in result.stdout


def test_cli_extract_document_without_tasks_says_why(run_cli, tmp_path):
    notice = tmp_path / "thong-bao.txt"
    notice.write_text(
        "Ngày 28 tháng 11 năm 2025, Bộ Tài chính đã tổ chức hội nghị tổng kết công tác năm 2025 "
        "với sự tham dự của lãnh đạo các đơn vị trực thuộc và các cơ quan báo chí.\n"
        "Hội nghị đã đánh giá cao những kết quả mà các đơn vị đạt được trong năm qua.\n",
        encoding="utf-8",
    )
    out = json.loads(run_cli("extract", str(notice), "--format", "json").stdout)
    assert out["tasks"] == []
    assert out["reason"]


def test_cli_extract_issued_overrides(run_cli):
    out = json.loads(
        run_cli("extract", str(SAMPLE), "--format", "json", "--issued", "2026-01-05").stdout
    )
    assert out["document"]["issued"] == "2026-01-05"


def _bad_inputs(tmp_path):
    cases = {
        "missing": (tmp_path / "khong-co.pdf", None),
        "empty": (tmp_path / "empty.txt", b""),
        "corrupt": (tmp_path / "corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage"),
        "encrypted": (
            tmp_path / "locked.pdf",
            pdf_bytes(["Giao Bộ Tài chính chủ trì rà soát."], encrypt="secret"),
        ),
        "scanned": (tmp_path / "scan.pdf", image_pdf_bytes()),
        "image": (tmp_path / "photo.png", png_bytes()),
        "english": (
            tmp_path / "memo.txt",
            b"The Ministry of Finance shall review the regulations and report to the Prime Minister "
            b"before the end of June. All agencies are requested to cooperate closely in this work.\n",
        ),
    }
    for path, data in cases.values():
        if data is not None:
            path.write_bytes(data)
    return cases


@pytest.mark.parametrize(
    "case", ["missing", "empty", "corrupt", "encrypted", "scanned", "image", "english"]
)
def test_cli_extract_bad_input_exits_2_with_one_line(run_cli, tmp_path, case):
    path, _ = _bad_inputs(tmp_path)[case]
    result = run_cli("extract", str(path), "--format", "json")
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("giaoviec: error: [E0")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_cli_extract_bad_issued_date(run_cli):
    result = run_cli("extract", str(SAMPLE), "--issued", "2025-13-45")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_extracting_a_text_loads_only_what_it_needs():
    """The CLI's start is dominated by imports: extracting a text must not load underthesea's
    NLP pipelines or python-docx (0.3 s together)."""
    code = (
        "import sys; from api.cli import main; sys.argv = ['giaoviec', 'extract', sys.argv[1], '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('underthesea', 'docx') if m in sys.modules), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["tasks"]
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_sentence_splitter_is_underthesea_s_own():
    from underthesea import sent_tokenize

    from extraction.segment import sentence_splitter

    text = SAMPLE.read_text(encoding="utf-8") + " Xem TP. Hồ Chí Minh, v.v. Hết! Ngày 15.12.2025 xong."
    assert sentence_splitter()(text) == sent_tokenize(text)
    assert len(sentence_splitter()(text)) > 5
