"""`giaoviec verify RECORD.json [--key PUBKEY]`: check a published record's signature offline.

    giaoviec verify item.json --key giaoviec-signing-key.json    # exit 0: valid, 1: not valid

RECORD.json is a feed item (``{"record": ..., "signature": {"alg", "kid", "value"}}``, as the
feed, ``GET /api/v1/tasks/{id}`` and the webhooks give it). The key is a PEM public key or the
JWK of ``/.well-known/giaoviec-signing-key``; by default the service's own public key file
(``<data_dir>/signing/ed25519.pub.pem``).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from api.cli import cli


@cli.command("verify")
@click.argument("record_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", "key_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Public key: PEM, or the JWK set of /.well-known/giaoviec-signing-key. "
                   "Default: the service's key in the data directory.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True,
              help="json for programs, table for people.")
def verify_command(record_file: Path, key_file: Path | None, fmt: str) -> None:
    """Check the Ed25519 signature of a task record; exit 0 when valid, 1 when not."""
    from api.services import signing

    if key_file is None:
        from api.cli.serve import load_settings

        key_file = load_settings().signing_key_path.with_suffix(".pub.pem")
        if not key_file.exists():
            raise click.UsageError(f"no public key at {key_file}; give one with --key")
    try:
        item = json.loads(record_file.read_text(encoding="utf-8"))
        record, signature = item["record"], item["signature"]
        public_key = signing.load_public_key(key_file.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as error:
        raise click.UsageError(f"{record_file} or the key is not what verify reads: {error}") from None
    ok = signature.get("alg") == signing.ALGORITHM and signing.verify(record, signature.get("value", ""), public_key)
    kid = signing.key_id(public_key)
    if fmt == "json":
        click.echo(json.dumps({"ok": ok, "task_id": record.get("task_id"), "revision": record.get("revision"),
                               "kid": kid}))
    elif ok:
        click.echo(f"OK: task {record.get('task_id')} revision {record.get('revision')} is signed by key {kid}")
    else:
        click.echo(f"INVALID: the signature does not match the record for key {kid}")
    if not ok:
        raise SystemExit(1)
