"""Options and parameter parsers shared by the CLI commands (one way to read a date)."""

from __future__ import annotations

from datetime import date, datetime

import click

output_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for programs (the stable contract).",
)


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A day as ``2026-02-12`` or ``12/02/2026``."""
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD or DD/MM/YYYY")


def parse_datetime(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    """A moment as ``2026-02-24T09:00``, ``2026-02-24 09:00`` or ``24/02/2026 09:00``."""
    if value is None:
        return None
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date and time: use YYYY-MM-DDTHH:MM") from None
