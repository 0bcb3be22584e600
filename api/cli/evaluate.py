"""`giaoviec evaluate --gold DIR`: the shared scorer's figures for the pipeline."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli import cli


@cli.command("evaluate")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of NAME.txt + NAME.gold.json (e.g. ../shared/corpus/dev).",
)
@click.option("--model", "version", help="Score this model version instead of the active one.")
@click.option("--rules-only", is_flag=True, help="Score the rules alone.")
@click.option("--json", "as_json", is_flag=True, help="Print the scorer's JSON summary.")
@click.option("--per-doc", is_flag=True, help="A line per document first.")
def evaluate_command(gold: Path, version: str | None, rules_only: bool, as_json: bool, per_doc: bool) -> None:
    """Run the pipeline on every document in GOLD and print what shared/eval/score.py prints."""
    from models.evaluate import evaluate
    from models.loaders import active_model_dir, version_dir

    model_dir = None if rules_only else (version_dir(version) if version else active_model_dir())
    click.echo(evaluate(gold, model_dir=model_dir, as_json=as_json, per_doc=per_doc), nl=False)
