"""Connection errors of the bridge that need no server: exit 3 with what to do."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from models.offsets import CODEPOINT, UTF16, from_unit, to_unit


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_labelstudio_unreachable_server_exits_3(run_cli, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIAOVIEC_LABEL_STUDIO_URL", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("GIAOVIEC_LABEL_STUDIO_TOKEN", "x" * 40)
    doc = tmp_path / "a.txt"
    doc.write_text("Giao Bộ Tài chính rà soát danh mục dự án chậm tiến độ.", encoding="utf-8")
    out = run_cli("ls", "push", str(doc))
    assert out.returncode == 3
    assert "cannot reach Label Studio" in out.stderr and "GIAOVIEC_LABEL_STUDIO_URL" in out.stderr


def test_labelstudio_missing_settings_exit_3(run_cli, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIAOVIEC_LABEL_STUDIO_URL", raising=False)
    out = run_cli("ls", "pull", "--out", str(tmp_path))
    assert out.returncode == 3
    assert "GIAOVIEC_LABEL_STUDIO_URL is not set" in out.stderr


@pytest.mark.parametrize(
    ("text", "offsets", "utf16"),
    [
        ("Bộ Tài chính", [0, 2, 12], [0, 2, 12]),
        ("📌 Giao Bộ", [0, 1, 2, 9], [0, 2, 3, 10]),
        ("𠀀𠀁 Sở\t\tY tế", [2, 3, 11], [4, 5, 13]),
        ("🇻🇳Bộ", [2, 4], [4, 6]),
    ],
)
def test_offsets_convert_both_ways(text: str, offsets: list[int], utf16: list[int]) -> None:
    assert to_unit(text, offsets, UTF16) == utf16
    assert from_unit(text, utf16, UTF16) == offsets
    assert to_unit(text, offsets, CODEPOINT) == offsets == from_unit(text, offsets, CODEPOINT)


def test_offsets_refuse_a_split_surrogate_pair() -> None:
    with pytest.raises(ValueError, match="splits a character"):
        from_unit("📌 Giao", [1], UTF16)
