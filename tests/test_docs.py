"""Docs cannot drift from the code: every CLI command has its section in docs/cli.md."""

from pathlib import Path

import click

from api.cli import _register, cli

ROOT = Path(__file__).resolve().parents[1]


def _paths(group: click.Group, prefix: str) -> list[str]:
    ctx = click.Context(group, info_name=prefix)
    out = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        out.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            out.extend(_paths(command, f"{prefix} {name}"))
    return out


def test_docs_every_command_is_in_the_cli_reference():
    _register()
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [path for path in _paths(cli, "giaoviec") if f"## `{path}`" not in reference]
    assert not missing, f"run scripts/cli-docs: {missing}"


def test_docs_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/serve" in readme and "scripts/test" in readme
    assert "scripts/test" in (ROOT / "scripts" / "test").read_text() or (ROOT / ".ci" / "run").read_text().find("scripts/test") >= 0
