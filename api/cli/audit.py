"""`giaoviec audit verify` and `giaoviec audit checkpoint`: check the audit log's keyed hash
chain, and sign its head into a small file to keep elsewhere (exit 1 at the first break)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from api.cli import cli

if TYPE_CHECKING:
    from api.settings import Settings


@cli.group("audit")
def audit_group() -> None:
    """The append-only audit log of human actions."""


@audit_group.command("verify")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table",
              show_default=True, help="json for programs, table for people.")
@click.option("--checkpoint", "checkpoint_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file written by `giaoviec audit checkpoint`: the chain must still hold its signed head "
                   "(finds a chain recomputed by someone who holds the audit key).")
def verify_command(fmt: str, checkpoint_file: Path | None) -> None:
    """Check every entry's keyed hash and link; print OK or the first tampered entry (exit 1)."""
    from api.cli.serve import load_settings
    from api.db.session import Database
    from api.services import audit
    from api.services.signing import load_or_create

    settings = load_settings()
    key = _key(settings)
    checkpoint = None
    if checkpoint_file is not None:
        signer = load_or_create(settings.signing_key_path)
        try:
            checkpoint = audit.read_checkpoint(json.loads(checkpoint_file.read_text(encoding="utf-8")),
                                               signer.public_key)
        except (ValueError, UnicodeDecodeError) as error:
            _report(fmt, ok=False, checked=0, first_bad_seq=None, reason=f"checkpoint refused: {error}")
            raise SystemExit(1) from None
    db = Database(settings.url, audit_key=key)
    with db.session(read_only=True) as session:
        verdict = audit.verify(session, checkpoint=checkpoint)
    db.dispose()
    _report(fmt, ok=verdict.ok, checked=verdict.checked, first_bad_seq=verdict.first_bad_seq, reason=verdict.reason)
    if not verdict.ok:
        raise SystemExit(1)


@audit_group.command("checkpoint")
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the checkpoint here (default: standard output).")
def checkpoint_command(output: Path | None) -> None:
    """Sign the chain's head (entries so far and the last hash) with the service's Ed25519 key.

    Run it periodically (cron) and keep the files off the database server; `giaoviec audit
    verify --checkpoint FILE` then finds a chain that was edited and recomputed since.
    """
    from api.cli.serve import load_settings
    from api.db.session import Database
    from api.services import audit
    from api.services.signing import load_or_create

    settings = load_settings()
    db = Database(settings.url, audit_key=_key(settings))
    with db.session(read_only=True) as session:
        data = audit.checkpoint(session, signer=load_or_create(settings.signing_key_path), now=datetime.now(UTC))
    db.dispose()
    text = json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"giaoviec: checkpoint of {data['seq']} entries written to {output}", err=True)


def _key(settings: Settings) -> bytes:
    from api.services import audit

    try:
        return audit.configured_key(settings.audit_secret, settings.audit_key_path, create=False)
    except ValueError as error:
        raise click.UsageError(f"{error}; set GIAOVIEC_AUDIT_KEY or GIAOVIEC_AUDIT_KEY_FILE") from None


def _report(fmt: str, *, ok: bool, checked: int, first_bad_seq: int | None, reason: str | None) -> None:
    if fmt == "json":
        click.echo(json.dumps({"ok": ok, "checked": checked, "first_bad_seq": first_bad_seq, "reason": reason}))
    elif ok:
        click.echo(f"OK: {checked} entries, the chain is intact")
    elif first_bad_seq is None:
        click.echo(f"TAMPERED: {reason}")
    else:
        click.echo(f"TAMPERED: entry {first_bad_seq}: {reason} ({checked} entries before it are intact)")
