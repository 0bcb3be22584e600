"""Sealing: what must stay secret at rest, encrypted with a key kept outside the database.

    seal(value, label="proposal:12:3")  →  "sealed:v1:<base64(nonce ‖ AES-256-GCM ciphertext)>"

A Mật or Tối mật document keeps no content in clear (Quy chế 08-QC/TW, Điều 5.2): the summary
and the task content its cleared reviewers must see until it is published or rejected are
stored sealed, and deleted then. Webhook secrets are sealed with the same key. The label is the
AEAD's associated data: it names the row a value belongs to, so a sealed value copied into
another row does not open.

The key is 32 random bytes, from ``GIAOVIEC_CONTENT_KEY`` (base64) or the key file
(``data_dir/keys/content.key`` by default, made on first start with mode 0600 in a 0700
folder). Whoever holds the database alone reads nothing sealed; losing the key loses what is
sealed (only documents under review), nothing else.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from api.settings import Settings

PREFIX = "sealed:v1:"
KEY_BYTES = 32
_NONCE_BYTES = 12


class SealingError(Exception):
    """A key that cannot be used, or a sealed value that does not open with it."""


class Sealer:
    """Seals and opens JSON values with one AES-256-GCM key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise SealingError(f"the content key must be {KEY_BYTES} bytes, not {len(key)}")
        self._aead = AESGCM(key)

    def seal(self, value: Any, *, label: str) -> str:
        nonce = secrets.token_bytes(_NONCE_BYTES)
        plain = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        sealed = nonce + self._aead.encrypt(nonce, plain, label.encode("utf-8"))
        return PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii")

    def open(self, token: str, *, label: str) -> Any:
        """The value sealed under ``label``; SealingError if the token or the key is wrong."""
        try:
            raw = base64.urlsafe_b64decode(token.removeprefix(PREFIX))
            plain = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], label.encode("utf-8"))
        except (binascii.Error, ValueError, InvalidTag) as error:
            raise SealingError(f"a sealed value ({label}) does not open with this key") from error
        return json.loads(plain)

    def open_text(self, value: str, *, label: str) -> str:
        """A text that may be sealed (webhook secrets stored before sealing are not)."""
        return str(self.open(value, label=label)) if is_sealed(value) else value


BYTES_PREFIX = b"gv-sealed-bytes:1:"


def seal_bytes(sealer: Sealer, data: bytes, *, label: str) -> bytes:
    """A secret document's file, sealed for the job that reads it again (``api.services.jobs``)."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return BYTES_PREFIX + nonce + sealer._aead.encrypt(nonce, data, label.encode("utf-8"))


def open_bytes(sealer: Sealer, blob: bytes, *, label: str) -> bytes:
    """The bytes :func:`seal_bytes` sealed; bytes stored in clear are returned as they are."""
    if not blob.startswith(BYTES_PREFIX):
        return blob
    raw = blob[len(BYTES_PREFIX) :]
    try:
        return sealer._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], label.encode("utf-8"))
    except InvalidTag as error:
        raise SealingError(f"a sealed file ({label}) does not open with this key") from error


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def load_or_create(path: Path, *, key: str | None = None) -> Sealer:
    """The sealer of ``key`` (base64 of 32 bytes) if given, else of the key file at ``path``,
    which is made (0600, in a 0700 folder) when it does not exist."""
    if key:
        return Sealer(_decode(key, "GIAOVIEC_CONTENT_KEY"))
    if not path.exists():
        private_dir(path.parent)
        try:  # O_EXCL: two processes starting at once never overwrite each other's key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return load_or_create(path)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii") + "\n")
    return Sealer(_decode(path.read_text(encoding="ascii").strip(), str(path)))


def sealer_for(settings: Settings) -> Sealer:
    """The service's sealer: the data folder made private (0700), the key read or made."""
    private_dir(settings.data_dir)
    key = settings.content_key.get_secret_value() if settings.content_key else None
    return load_or_create(settings.content_key_path, key=key)


def _decode(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise SealingError(
            f"{where} must hold a base64 key of {KEY_BYTES} bytes "
            '(python -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())")'
        )
    return key


def private_dir(path: Path) -> Path:
    """``path`` as a folder only its owner may enter (0700), made if needed."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path
