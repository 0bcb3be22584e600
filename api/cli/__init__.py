"""The ``giaoviec`` command line: one click group, one module per command.

Exit codes: 0 success, 2 wrong input or usage, 3 a dependency is unreachable, 1 internal error.
Heavy imports happen inside the commands so that ``giaoviec --help`` stays instant.
"""

from __future__ import annotations

import logging
import sys

import click

from extraction.errors import GiaoviecError, InputError

log = logging.getLogger(__name__)

EXIT_INPUT = 2
EXIT_INTERNAL = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--debug", is_flag=True, envvar="GIAOVIEC_DEBUG", help="Show tracebacks of internal errors."
)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """giaoviec: task proposals from Vietnamese directive documents."""
    ctx.obj = {"debug": debug}


def _register() -> None:
    # Imported for their side effect: each module adds its command to ``cli``.
    from api.cli import (  # noqa: F401
        audit,
        bodies,
        clocks,
        db,
        evaluate,
        extract,
        feed,
        jobs,
        ls,
        models,
        serve,
        train,
        users,
        verify,
        worker,
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn every error into one line and an exit status."""
    _register()
    debug = "--debug" in (argv if argv is not None else sys.argv)
    try:
        status = cli.main(args=argv, prog_name="giaoviec", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("giaoviec: aborted", err=True)
        sys.exit(EXIT_INTERNAL)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except InputError as e:
        click.echo(f"giaoviec: error: {e}", err=True)
        sys.exit(EXIT_INPUT)
    except GiaoviecError as e:
        click.echo(f"giaoviec: error: {e}", err=True)
        sys.exit(EXIT_INTERNAL)
    except Exception as e:  # the top-level handler: never a traceback to a user
        if debug:
            raise
        click.echo(
            f"giaoviec: internal error: {type(e).__name__}: {e} (run with --debug for details)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(status if isinstance(status, int) else 0)
