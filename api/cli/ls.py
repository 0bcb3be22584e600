"""`giaoviec ls push|pull`: documents to Label Studio with predictions, annotations back to corpus/."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli import cli

EXIT_UNREACHABLE = 3


class ServiceError(click.ClickException):
    """Label Studio cannot be reached or refuses the token: exit status 3."""

    exit_code = EXIT_UNREACHABLE

    def show(self, file: object = None) -> None:
        click.echo(f"giaoviec: error: {self.message}", err=True)


@cli.group("ls")
def ls_group() -> None:
    """Label Studio: push documents for annotation, pull finished annotations.

    Connection from GIAOVIEC_LABEL_STUDIO_URL and GIAOVIEC_LABEL_STUDIO_TOKEN.
    """


@ls_group.command("push")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--project", default="giaoviec", show_default=True, help="Label Studio project title.")
@click.option("--rules-only", is_flag=True, help="Predict with the rules alone, even when a model is active.")
def push_command(paths: tuple[Path, ...], project: str, rules_only: bool) -> None:
    """Import documents (PDF, DOCX, text) with the pipeline's proposals as pre-annotations."""
    from models.errors import ServiceUnavailable
    from models.labelstudio import Connection, push
    from models.loaders import active_model_dir

    try:
        result = push(
            Connection.from_env(),
            list(paths),
            project=project,
            model_dir=None if rules_only else active_model_dir(),
        )
    except ServiceUnavailable as e:
        raise ServiceError(e.message) from None
    click.echo(
        f"project {result.project_id}: {len(result.imported)} imported, "
        f"{len(result.updated)} given new predictions (model_version {result.model_version})"
    )


@ls_group.command("pull")
@click.option("--project", default="giaoviec", show_default=True, help="Label Studio project title.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("corpus/annotated"),
    show_default=True,
    help="Folder for NAME.txt + NAME.gold.json.",
)
def pull_command(project: str, out: Path) -> None:
    """Export every annotated document of the project in the gold format (GUIDELINES.md)."""
    from models.errors import ServiceUnavailable
    from models.labelstudio import Connection, pull

    try:
        result = pull(Connection.from_env(), out, project=project)
    except ServiceUnavailable as e:
        raise ServiceError(e.message) from None
    click.echo(f"{len(result.written)} documents written to {out}; {len(result.skipped)} not annotated yet")
