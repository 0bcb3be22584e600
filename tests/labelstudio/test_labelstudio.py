"""The Label Studio bridge against a real server (see conftest.py): push, annotate, pull."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from label_studio_sdk import LabelStudio

from extraction.pipeline import read_document
from models.labelstudio import Connection, pull, push, region, relation
from models.offsets import CODEPOINT, UTF16, to_unit

pytestmark = [pytest.mark.labelstudio, pytest.mark.slow]

DOC_A = """ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
Số: 12/CT-UBND
Ninh Bình, ngày 5 tháng 3 năm 2026

CHỈ THỊ
về tăng cường quản lý đất đai

Để khắc phục những hạn chế trên, Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện tốt các nội dung sau:
1. Sở Tài chính chủ trì, phối hợp với Sở Tư pháp rà soát danh mục dự án chậm tiến độ, hoàn thành trước ngày 30/6/2026.
2. Giao Sở Nội vụ hướng dẫn các địa phương sắp xếp tổ chức bộ máy các đơn vị sự nghiệp công lập trực thuộc.
"""
DOC_B = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 7/CT-UBND
Lào Cai, ngày 2 tháng 2 năm 2026

CHỈ THỊ
về phòng, chống dịch bệnh

1. Sở Y tế tăng cường công tác phòng, chống dịch bệnh trong mùa mưa lũ, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/4/2026.
"""


@pytest.fixture
def client(label_studio) -> Iterator[LabelStudio]:
    with httpx.Client(timeout=30) as http:
        yield LabelStudio(base_url=label_studio.url, api_key=label_studio.token, httpx_client=http)


def _project_id(client: LabelStudio, title: str) -> int:
    return next(int(p.id) for p in client.projects.list() if p.title == title)


def test_labelstudio_push_annotate_pull_round_trip(ls_env, client, run_cli, tmp_path: Path) -> None:
    (tmp_path / "chi-thi-a.txt").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "chi-thi-b.txt").write_text(DOC_B, encoding="utf-8")
    pushed = run_cli(
        "ls",
        "push",
        str(tmp_path / "chi-thi-a.txt"),
        str(tmp_path / "chi-thi-b.txt"),
        "--project",
        "round-trip",
        "--rules-only",
    )
    assert pushed.returncode == 0, pushed.stderr
    assert "2 imported" in pushed.stdout

    pid = _project_id(client, "round-trip")
    tasks = {t.data["name"]: t for t in client.tasks.list(project=pid)}
    assert set(tasks) == {"chi-thi-a", "chi-thi-b"}
    preds = list(client.predictions.list(task=tasks["chi-thi-a"].id))
    assert len(preds) == 1 and preds[0].model_version.startswith("giaoviec-rules")
    labels = [r["value"]["labels"][0] for r in preds[0].result if r["type"] == "labels"]
    assert labels.count("TASK") == 2 and "LEAD" in labels and "DEADLINE" in labels

    # the annotator keeps the first task, moves the deadline, drops the second task
    text = tasks["chi-thi-a"].data["text"]
    task_text = "Sở Tài chính chủ trì, phối hợp với Sở Tư pháp rà soát danh mục dự án chậm tiến độ"
    start = text.index(task_text)
    result = [
        region(text, start, start + len(task_text), "TASK", "t1", CODEPOINT),
        region(text, start, start + len("Sở Tài chính"), "LEAD", "l1", CODEPOINT),
        region(
            text, text.index("Sở Tư pháp"), text.index("Sở Tư pháp") + len("Sở Tư pháp"), "SUPPORT", "s1", CODEPOINT
        ),
        region(
            text,
            text.index("trước ngày 30/6/2026"),
            text.index("trước ngày 30/6/2026") + 20,
            "DEADLINE",
            "d1",
            CODEPOINT,
        ),
        relation("l1", "t1", "lead_of"),
        relation("s1", "t1", "support_of"),
        relation("d1", "t1", "deadline_of"),
    ]
    client.annotations.create(id=tasks["chi-thi-a"].id, result=result)

    out = tmp_path / "corpus"
    pulled = run_cli("ls", "pull", "--project", "round-trip", "--out", str(out))
    assert pulled.returncode == 0, pulled.stderr
    assert "1 documents written" in pulled.stdout and "1 not annotated" in pulled.stdout
    gold = json.loads((out / "chi-thi-a.gold.json").read_text(encoding="utf-8"))
    assert (out / "chi-thi-a.txt").read_text(encoding="utf-8") == text
    assert gold["tasks"] == [
        {
            "text": task_text,
            "lead": ["Sở Tài chính"],
            "support": ["Sở Tư pháp"],
            "deadline": {"text": "trước ngày 30/6/2026", "kind": "date", "date": "2026-06-30", "recurrence": None},
        }
    ]
    assert gold["doc"]["issued"] == "2026-03-05"
    assert not (out / "chi-thi-b.gold.json").exists()


# NFD spelling, characters outside the BMP, and runs of whitespace, around the spans.
TRICKY = (
    "CÔNG VĂN\nSố: 3/UBND-KT\nLào Cai, ngày 2 tháng 2 năm 2026\n\n"
    "📌🇻🇳 Ghi chú 𠀀𠀁:\t  lưu ý   các   nội dung sau.\n\n\n"
    + unicodedata.normalize(
        "NFD",
        "1. Giao Bộ Tài chính 🚀 chủ trì,  phối hợp với Bộ Tư pháp  xây dựng Đề án quản lý nợ công, hoàn thành trước ngày 30/6/2026.",
    )
    + "\n"
)


@pytest.mark.parametrize("unit", [CODEPOINT, UTF16])
def test_labelstudio_offsets_survive_round_trip(ls_env, client, tmp_path: Path, monkeypatch, unit: str) -> None:
    monkeypatch.setenv("GIAOVIEC_LABEL_STUDIO_OFFSETS", unit)
    path = tmp_path / f"tricky-{unit}.txt"
    path.write_bytes(TRICKY.encode("utf-8"))
    conn = Connection.from_env()
    project = f"offsets-{unit}"
    push(conn, [path], project=project)

    task = next(iter(client.tasks.list(project=_project_id(client, project))))
    text = task.data["text"]
    # the server keeps the text the extractor read: NFC, whitespace inside lines as written
    assert text == read_document(TRICKY.encode("utf-8"), "text/plain").text
    assert "𠀀𠀁:\t  lưu ý   các" in text and "Bộ Tài chính" in text

    # every predicted region's offsets, read in the configured unit, slice to its saved text
    utf16 = text.encode("utf-16-le")
    for item in next(iter(client.predictions.list(task=task.id))).result:
        if item["type"] == "labels":
            v = item["value"]
            sliced = (
                text[v["start"] : v["end"]]
                if unit == CODEPOINT
                else utf16[2 * v["start"] : 2 * v["end"]].decode("utf-16-le")
            )
            assert sliced == v["text"]

    # an annotation made on the server's text comes back with the exact same characters
    task_text = "Giao Bộ Tài chính 🚀 chủ trì,  phối hợp với Bộ Tư pháp  xây dựng Đề án quản lý nợ công"
    start = text.index(task_text)
    lead_start = text.index("Bộ Tài chính")
    sup_start = text.index("Bộ Tư pháp")
    result = [
        region(text, start, start + len(task_text), "TASK", "t1", unit),
        region(text, lead_start, lead_start + len("Bộ Tài chính"), "LEAD", "l1", unit),
        region(text, sup_start, sup_start + len("Bộ Tư pháp"), "SUPPORT", "s1", unit),
    ]
    if unit == UTF16:  # the astral characters before the span shift UTF-16 offsets
        assert result[0]["value"]["start"] == to_unit(text, [start], UTF16)[0] > start
    client.annotations.create(id=task.id, result=result)

    out = tmp_path / "out"
    pull(conn, out, project=project)
    gold = json.loads((out / f"tricky-{unit}.gold.json").read_text(encoding="utf-8"))
    assert (out / f"tricky-{unit}.txt").read_text(encoding="utf-8") == text
    [pulled] = gold["tasks"]
    assert pulled["text"] == task_text
    assert pulled["lead"] == ["Bộ Tài chính"] and pulled["support"] == ["Bộ Tư pháp"]


def test_labelstudio_wrong_token_exits_3(label_studio, run_cli, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIAOVIEC_LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("GIAOVIEC_LABEL_STUDIO_TOKEN", "0" * 40)
    out = run_cli("ls", "pull", "--out", str(tmp_path))
    assert out.returncode == 3
    assert "refused the token" in out.stderr and "GIAOVIEC_LABEL_STUDIO_TOKEN" in out.stderr
