"""Tests for `giaoviec clocks` (api/cli/clocks.py)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import api.cli.clocks  # noqa: F401  (registers the command on the group)
from api.cli import cli

TET_SKIPPED = (
    "bỏ qua: 14/02 Thứ Bảy, 15/02 Chủ nhật, 16/02–20/02 Tết Nguyên đán, "
    "21/02 Thứ Bảy, 22/02 Chủ nhật"
)


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["clocks", *args])


def test_cli_clocks_is_registered_on_the_group() -> None:
    assert "clocks" in cli.commands


def test_cli_clocks_shows_the_days_skipped_for_tet() -> None:
    result = _run("--issued", "2026-02-12")
    assert result.exit_code == 0, result.output
    assert "hạn Thứ Ba 24/02/2026" in result.output
    assert "Điều 6 khoản 1 điểm a" in result.output
    assert TET_SKIPPED in result.output


def test_cli_clocks_accepts_vietnamese_dates() -> None:
    assert _run("--issued", "12/02/2026").output == _run("--issued", "2026-02-12").output


def test_cli_clocks_json_is_the_stable_contract() -> None:
    result = _run("--issued", "2026-02-12", "--assigned", "2026-02-13 15:00", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    dues = {d["key"]: d["due"] for d in data["dues"]}
    assert dues["classification"] == "2026-02-24"
    assert dues["acknowledgement"] == "2026-02-23T10:00:00"
    assert dues["objection"] == "2026-02-24T10:00:00"
    assert data["profile"]["name"] == "quy-che-08"
    assert data["task"]["deadline"] is None


def test_cli_clocks_task_with_deadline_and_status() -> None:
    result = _run(
        "--issued", "2026-02-12",
        "--assigned", "2026-02-13T15:00",
        "--deadline", "2026-03-20",
        "--now", "2026-03-19 10:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Thứ Ba 03/03/2026  Cập nhật giữa kỳ" in result.output
    assert "đánh giá trước Thứ Sáu 06/03/2026" in result.output
    assert "tình trạng: sắp quá hạn" in result.output


def test_cli_clocks_hai_phong_profile() -> None:
    result = _run("--issued", "2026-02-12", "--profile", "hai-phong", "--deadline", "2026-06-30")
    assert result.exit_code == 0, result.output
    assert "[hai-phong]" in result.output
    assert "quá hạn 07 ngày làm việc" in result.output
    assert "hạn Thứ Năm 09/07/2026" in result.output
    assert "Chủ nhật 01/03/2026 07:00" in result.output


def test_cli_clocks_profile_from_a_path(tmp_path: Path) -> None:
    text = (
        resources.files("extraction").joinpath("data/profiles/quy-che-08.json").read_text("utf-8")
    )
    raw = json.loads(text)
    raw["name"] = "tinh-thu"
    path = tmp_path / "tinh-thu.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    result = _run("--issued", "2026-02-12", "--profile", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["profile"]["name"] == "tinh-thu"


def test_cli_clocks_warns_about_years_without_a_schedule() -> None:
    result = _run("--issued", "2028-12-28")
    assert result.exit_code == 0, result.output
    assert "chưa có lịch nghỉ công bố cho năm 2028" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--issued", "2026-02-30"], "--issued"),
        (["--issued", "tomorrow"], "--issued"),
        (["--issued", "2026-02-12", "--deadline", "31/02/2026"], "--deadline"),
        (["--issued", "2026-02-12", "--assigned", "soon"], "--assigned"),
        (["--issued", "2026-02-12", "--now", "25:00"], "--now"),
        (["--issued", "2026-02-12", "--profile", "da-nang"], "--profile"),
        (
            ["--issued", "2026-02-12", "--assigned", "2026-03-02", "--deadline", "2026-03-01"],
            "--deadline",
        ),
        (["--issued", "2026-02-12", "--format", "xml"], "--format"),
        ([], "--issued"),
    ],
)
def test_cli_clocks_bad_input_exits_2(args: list[str], message: str) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    assert message in result.output
