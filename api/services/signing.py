"""Ed25519 signatures of published task records (issue 6; QC 08 Art. 5.1: records are signed).

    signer = load_or_create(settings.signing_key_path)
    signature = signer.sign(record)                 # base64url, over canonical(record)
    verify(record, signature, public_key)           # True / False, offline

The signed bytes are the record's *canonical JSON*: keys sorted, no whitespace, UTF-8 (not
``\\u`` escapes), and no floats anywhere in a record, so any language can rebuild them. The key
id is the first 16 hex digits of the sha256 of the raw public key. The private key is made on
first start into the data dir with mode 0600, or read from ``GIAOVIEC_SIGNING_KEY_FILE``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "Ed25519"


def canonical(record: Any) -> bytes:
    """The bytes that are signed: sorted keys, no whitespace, UTF-8."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class Signer:
    """The service's signing key."""

    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def sign(self, record: Any) -> str:
        return b64url(self.private_key.sign(canonical(record)))

    def public_jwk(self) -> dict[str, str]:
        """The public key as a JWK (RFC 8037), with its PEM beside it for tools without JWK."""
        raw = self.public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw), "kid": self.key_id, "alg": "EdDSA",
                "use": "sig", "pem": public_pem(self.public_key)}


def public_pem(public_key: Ed25519PublicKey) -> str:
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def load_or_create(path: Path) -> Signer:
    """The key at ``path``; a new one is written there (mode 0600) when none exists yet."""
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 private key")
        return Signer(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    # O_EXCL: two processes starting at once never overwrite each other's key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_or_create(path)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    path.with_suffix(".pub.pem").write_text(public_pem(key.public_key()), encoding="ascii")
    return Signer(key)


def load_public_key(text: str) -> Ed25519PublicKey:
    """A public key from PEM or from a JWK (``{"kty": "OKP", "crv": "Ed25519", "x": ...}``,
    also the well-known endpoint's answer)."""
    text = text.strip()
    if text.startswith("{"):
        jwk = json.loads(text)
        if "keys" in jwk:
            jwk = jwk["keys"][0]
        if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
            raise ValueError("the JWK is not an Ed25519 key (kty OKP, crv Ed25519)")
        return Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    key = serialization.load_pem_public_key(text.encode("ascii"))
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the PEM is not an Ed25519 public key")
    return key


def verify(record: Any, signature: str, public_key: Ed25519PublicKey) -> bool:
    """Whether ``signature`` (base64url) signs ``record``'s canonical JSON."""
    try:
        public_key.verify(b64url_decode(signature), canonical(record))
    except (InvalidSignature, ValueError):
        return False
    return True
