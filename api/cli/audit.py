"""`giaoviec audit verify`: recompute the audit log's hash chain; exit 1 at the first break."""

from __future__ import annotations

import json

import click

from api.cli import cli


@cli.group("audit")
def audit_group() -> None:
    """The append-only audit log of human actions."""


@audit_group.command("verify")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table",
              show_default=True, help="json for programs, table for people.")
def verify_command(fmt: str) -> None:
    """Check every entry's hash and link; print OK or the first tampered entry (exit 1)."""
    from api.cli.serve import load_settings
    from api.db.session import Database
    from api.services import audit

    db = Database(load_settings().url)
    with db.session(read_only=True) as session:
        verdict = audit.verify(session)
    db.dispose()
    if fmt == "json":
        click.echo(json.dumps({"ok": verdict.ok, "checked": verdict.checked,
                               "first_bad_seq": verdict.first_bad_seq, "reason": verdict.reason}))
    elif verdict.ok:
        click.echo(f"OK: {verdict.checked} entries, the chain is intact")
    else:
        click.echo(f"TAMPERED: entry {verdict.first_bad_seq}: {verdict.reason} "
                   f"({verdict.checked} entries before it are intact)")
    if not verdict.ok:
        raise SystemExit(1)
