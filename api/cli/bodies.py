"""`giaoviec bodies`: the directory of bodies (cơ quan, tổ chức).

    giaoviec bodies search "ban to chuc"
    giaoviec bodies search "bo ke hoach" --limit 3 --format json

The command parses its options and calls ``extraction.bodies.BodyDirectory.search``; this
module only renders the result. Table output is for officers (Vietnamese), JSON is the
stable contract.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from api.cli import cli
from api.cli.options import output_format_option

if TYPE_CHECKING:
    from extraction.bodies import BodyDirectory, BodyEntry

_HEADER = ("Mã", "Tên", "Loại", "Hiệu lực", "Kế thừa bởi")


@cli.group("bodies")
def bodies_group() -> None:
    """Look up bodies (cơ quan, tổ chức) in the bundled directory."""


@bodies_group.command("search")
@click.argument("query")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Most entries to print.",
)
@output_format_option
def search_command(query: str, limit: int, output_format: str) -> None:
    """Print the bodies matching QUERY, with or without diacritics ("ban to chuc")."""
    from extraction.bodies import BodyDirectory

    directory = BodyDirectory.load()
    found = directory.search(query, limit=limit)
    if output_format == "json":
        rows = [entry_json(e, directory) for e in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif found:
        click.echo(render_table(found, directory))
    else:
        click.echo(f"Không tìm thấy cơ quan nào khớp với {query!r}.", err=True)


def entry_json(entry: BodyEntry, directory: BodyDirectory) -> dict[str, object]:
    """One entry as the JSON contract: its fields, dates as ISO strings, the successor's name."""
    successor = directory.get(entry.successor) if entry.successor else None
    return {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "aliases": list(entry.aliases),
        "parent": entry.parent,
        "valid_from": entry.valid_from.isoformat() if entry.valid_from else None,
        "valid_to": entry.valid_to.isoformat() if entry.valid_to else None,
        "successor": entry.successor,
        "successor_name": successor.name if successor else None,
        "note": entry.note or None,
    }


def render_table(entries: Sequence[BodyEntry], directory: BodyDirectory) -> str:
    """Aligned columns: id, name, kind, validity, successor."""
    rows = [_HEADER, *(_row(e, directory) for e in entries)]
    widths = [max(len(row[col]) for row in rows) for col in range(len(_HEADER))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def _row(entry: BodyEntry, directory: BodyDirectory) -> tuple[str, str, str, str, str]:
    successor = directory.get(entry.successor) if entry.successor else None
    return (entry.id, entry.name, entry.kind, _validity(entry), successor.name if successor else "")


def _validity(entry: BodyEntry) -> str:
    if entry.valid_from is None and entry.valid_to is None:
        return ""
    start = f"{entry.valid_from:%d/%m/%Y}" if entry.valid_from else ""
    end = f"{entry.valid_to:%d/%m/%Y}" if entry.valid_to else ""
    return f"{start}–{end}"
