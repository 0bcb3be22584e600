"""`giaoviec train`: train the task detector and role classifier into a new model version."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli import cli


@cli.command("train")
@click.option(
    "--corpus",
    "corpus",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of NAME.txt + NAME.gold.json (repeat it); default: ../shared/corpus/dev (when present), "
    "corpus/annotated and corpus/reviewed (corpus/synthetic only when named: it cost in cross-validation).",
)
@click.option(
    "--backend",
    type=click.Choice(["spacy", "transformers"]),
    default="spacy",
    show_default=True,
    help="spacy: bag-of-words textcat on CPU; transformers: fine-tune --checkpoint.",
)
@click.option(
    "--checkpoint",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A local pretrained transformers model folder (with its tokenizer).",
)
@click.option("--epochs", type=click.IntRange(1, 100), help="Training epochs (default per backend).")
@click.option(
    "--held-out",
    "held_out",
    type=click.IntRange(0, 90),
    default=25,
    show_default=True,
    help="Percent of the documents (chosen by name) kept out of training and scored after it. 0 trains on "
    "everything, as the shipped model is: its honest figures are then cross-validated (giaoviec evaluate --cv).",
)
@click.option("--no-eval", is_flag=True, help="Skip scoring the held-out split after training.")
@click.option(
    "--as-job",
    is_flag=True,
    help="Queue the run as a background job of the service (its workers train; giaoviec jobs list "
    "shows it and the version it made) instead of training here. spaCy backend only.",
)
def train_command(
    corpus: tuple[Path, ...], backend: str, checkpoint: Path | None, epochs: int | None, held_out: int,
    no_eval: bool, as_job: bool,
) -> None:
    """Train on the corpus' training split; save models/vNNN with meta.json and a model card."""
    from models.train import train

    if as_job:
        if backend != "spacy":
            raise click.UsageError("--as-job trains with the spacy backend only")
        _queue(list(corpus), held_out=held_out, epochs=epochs)
        return

    result = train(
        list(corpus) or None,
        backend=backend,
        checkpoint=checkpoint,
        epochs=epochs,
        held_out_percent=held_out,
        evaluate_held_out=not no_eval,
    )
    meta = result.meta
    click.echo(
        f"{result.version}: {meta['backend']}, {meta['training_seconds']} s, "
        f"{meta['size_bytes'] / 1e6:.2f} MB, data {meta['data_sha256'][:12]} -> {result.path}"
    )
    for name, scores in meta.get("held_out", {}).items():
        figures = ", ".join(f"{k} {v}" for k, v in scores.items())
        click.echo(f"  held-out {name:5s}: {figures}")
    click.echo(f"activate it with: giaoviec models activate {result.version}")


def _queue(corpus: list[Path], *, held_out: int, epochs: int | None) -> None:
    from datetime import UTC, datetime

    from api.cli.jobs import database
    from api.cli.serve import load_settings
    from api.services.jobs import JobPolicy
    from api.services.training import queue_training, training_params

    params = training_params(corpus, held_out=held_out, epochs=epochs)
    with database() as db:
        job_id = queue_training(db, params, policy=JobPolicy.from_settings(load_settings()), now=datetime.now(UTC))
    click.echo(f"giaoviec: training queued as job {job_id}; follow it with: giaoviec jobs list")
