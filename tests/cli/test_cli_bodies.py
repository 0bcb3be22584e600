"""Tests for `giaoviec bodies` (api/cli/bodies.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

import api.cli.bodies  # noqa: F401  (registers the group on the CLI)
from api.cli import cli


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["bodies", *args])


def test_cli_bodies_is_registered_on_the_group() -> None:
    assert "bodies" in cli.commands
    assert "search" in _run("--help").output


def test_cli_bodies_search_prints_a_table() -> None:
    result = _run("search", "ban to chuc", "--limit", "3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["Mã", "Tên"]
    assert lines[1].split()[0] == "btctw"
    assert "Ban Tổ chức Trung ương" in lines[1]
    assert len(lines) == 4


def test_cli_bodies_search_table_shows_the_successor() -> None:
    result = _run("search", "Bộ Kế hoạch và Đầu tư", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "–28/02/2025" in result.output
    assert result.output.rstrip().endswith("Bộ Tài chính")


def test_cli_bodies_search_json_is_the_contract() -> None:
    result = _run("search", "bo ke hoach", "--limit", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 2
    first = rows[0]
    assert set(first) == {
        "id", "name", "kind", "aliases", "parent", "valid_from", "valid_to",
        "successor", "successor_name", "note",
    }  # fmt: skip
    assert (first["name"], first["valid_to"], first["successor_name"]) == (
        "Bộ Kế hoạch và Đầu tư",
        "2025-02-28",
        "Bộ Tài chính",
    )


def test_cli_bodies_search_without_a_match() -> None:
    result = CliRunner().invoke(cli, ["bodies", "search", "zzqx"])
    assert result.exit_code == 0
    assert "Không tìm thấy" in result.output
    assert json.loads(_run("search", "zzqx", "--format", "json").output) == []


@pytest.mark.parametrize("args", [["search"], ["search", "bo", "--limit", "0"]])
def test_cli_bodies_search_rejects_bad_usage(args: list[str]) -> None:
    assert _run(*args).exit_code == 2
