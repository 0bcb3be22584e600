"""`giaoviec evaluate --gold DIR [--cv K|family] [--mentions]`: the shared scorer's figures for the
pipeline, or the body-mention tagger's against the directory's spans."""

from __future__ import annotations

import json
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
@click.option(
    "--cv",
    help="Cross-validate: K folds by document, or 'family' (one family left out at a time). "
    "Each fold trains on the other folds plus --extra and is scored by the shared scorer.",
)
@click.option(
    "--extra",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="With --cv: a corpus folder that always joins the training data (repeat it); "
    "default: corpus/annotated and corpus/reviewed.",
)
@click.option("--no-extra", is_flag=True, help="With --cv: train on the gold folds alone.")
@click.option(
    "--keep-predictions",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --cv: keep every fold's proposals (NAME.json) in this folder.",
)
@click.option(
    "--mentions",
    is_flag=True,
    help="Score the body-mention tagger instead of the tasks: cross-validated (--cv, default 5) "
    "precision, recall and F1 of exact mention spans, beside the body directory's own spans.",
)
def evaluate_command(
    gold: Path,
    version: str | None,
    rules_only: bool,
    as_json: bool,
    per_doc: bool,
    cv: str | None,
    extra: tuple[Path, ...],
    no_extra: bool,
    keep_predictions: Path | None,
    mentions: bool,
) -> None:
    """Run the pipeline on every document in GOLD and print what shared/eval/score.py prints.

    Without --cv the figures are of a model that may have seen these documents; with --cv
    every document is scored by a model trained without it.
    """
    if mentions:
        _cross_validate_mentions(gold, cv or "5", as_json)
        return
    if cv is not None:
        _cross_validate(gold, cv, extra, no_extra, rules_only, as_json, keep_predictions)
        return
    from models.evaluate import evaluate
    from models.loaders import active_model_dir, version_dir

    model_dir = None if rules_only else (version_dir(version) if version else active_model_dir())
    click.echo(evaluate(gold, model_dir=model_dir, as_json=as_json, per_doc=per_doc), nl=False)


def _cross_validate(
    gold: Path,
    cv: str,
    extra: tuple[Path, ...],
    no_extra: bool,
    rules_only: bool,
    as_json: bool,
    keep_predictions: Path | None,
) -> None:
    from models.crossval import cross_validate, format_report
    from models.train import default_corpus

    folders = [] if no_extra else (list(extra) or default_corpus())
    result = cross_validate(
        gold, cv=cv, extra=folders, rules_only=rules_only, keep_predictions=keep_predictions
    )
    if as_json:
        report = {"folds": dict(result.folds), "pooled": result.pooled, "calibration": result.calibration}
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    click.echo(format_report(result), nl=False)


def _cross_validate_mentions(gold: Path, cv: str, as_json: bool) -> None:
    from models.mentions import cross_validate_mentions, format_mention_report, report_as_dict

    report = cross_validate_mentions(gold, cv)
    if as_json:
        click.echo(json.dumps(report_as_dict(report), ensure_ascii=False, indent=1))
        return
    click.echo(format_mention_report(report), nl=False)
