"""`giaoviec models list|activate VERSION`: trained model versions and the active one."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli import cli


@cli.group("models")
def models_group() -> None:
    """Trained model versions; the active one is used by the pipeline and recorded in proposals."""


@models_group.command("list")
def list_command() -> None:
    """Every trained version with its held-out task and lead F1."""
    from models.loaders import list_versions

    versions = list_versions()
    if not versions:
        click.echo("no trained model; the pipeline runs on rules only (giaoviec train makes one)")
        return
    for info in versions:
        held = info.meta.get("held_out", {}).get("model", {})
        click.echo(
            f"{'*' if info.active else ' '} {info.version}  {info.meta.get('backend', '?'):12s} "
            f"{info.meta.get('created', '')}  task_f1 {held.get('task_f1', '-')}  "
            f"lead_f1 {held.get('lead_f1', '-')}  data {info.meta.get('data_sha256', '')[:12]}"
        )


@models_group.command("activate")
@click.argument("version")
@click.option("--force", is_flag=True, help="Activate even when it scores below the active model.")
@click.option(
    "--gold",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Evaluation folders (repeatable); default: the held-out split of the corpus.",
)
def activate_command(version: str, force: bool, gold: tuple[Path, ...]) -> None:
    """Make VERSION the active model if it scores at least as well as the active one."""
    from models.versions import activate

    outcome = activate(version, force=force, gold=list(gold) or None)
    click.echo(outcome.summary())
