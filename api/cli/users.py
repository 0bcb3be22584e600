"""`giaoviec users add` and `giaoviec users add-key`: people and machine clients.

    giaoviec users add lan --org "Văn phòng Tỉnh ủy" --role reviewer --password-stdin < pw.txt
    giaoviec users add-key scanner --org "Văn phòng Tỉnh ủy" --role uploader
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from api.cli import cli

if TYPE_CHECKING:
    from api.db.session import Database

USER_ROLES = ("reviewer", "approver", "annotator", "admin")
KEY_ROLES = ("uploader", "tracker")
CLEARANCES = ("none", "secret", "top-secret")


@cli.group("users")
def users_group() -> None:
    """Users (people who log in) and API keys (machine clients)."""


@users_group.command("add")
@click.argument("username")
@click.option("--org", required=True, help="Organisation (created if new); users see only its documents.")
@click.option("--role", type=click.Choice(USER_ROLES), required=True, help="What the user may do.")
@click.option("--clearance", type=click.Choice(CLEARANCES), default="none", show_default=True,
              help="Highest secrecy whose content the user may read (secret = Mật, top-secret = Tối mật).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def add_user_command(username: str, org: str, role: str, clearance: str, password_stdin: bool) -> None:
    """Create the user USERNAME with a password (asked for unless --password-stdin)."""
    from api.errors import InvalidRequest
    from api.services.auth import CLEARANCE_NAMES, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    db = _database()
    try:
        user = add_user(db, username=username, password=password, org=org, role=role,
                        clearance=CLEARANCE_NAMES[clearance], now=datetime.now(UTC))
    except InvalidRequest as error:
        raise click.UsageError(error.message) from None
    finally:
        db.dispose()
    click.echo(f"giaoviec: user {user.username} ({role}) added to {org}", err=True)


@users_group.command("add-key")
@click.argument("name")
@click.option("--org", required=True, help="Organisation (created if new) whose documents the key reaches.")
@click.option("--role", type=click.Choice(KEY_ROLES), required=True,
              help="uploader: may upload documents; tracker: reads published tasks.")
def add_key_command(name: str, org: str, role: str) -> None:
    """Create an API key called NAME; the key is printed once, keep it safe."""
    from api.services.auth import add_api_key

    db = _database()
    _, key = add_api_key(db, name=name, org=org, role=role, now=datetime.now(UTC))
    db.dispose()
    click.echo(key)
    click.echo(f"giaoviec: key {name} ({role}) for {org}; it is shown only now", err=True)


def _database() -> Database:
    from api.cli.serve import load_settings
    from api.db.session import Database
    from api.services import audit

    settings = load_settings()
    db = Database(settings.url, audit_key=audit.configured_key(settings.audit_secret, settings.audit_key_path))
    if settings.should_migrate:
        db.upgrade()
    return db
