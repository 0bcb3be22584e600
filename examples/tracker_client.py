"""A sample tracker: pull giaoviec's feed with a stored cursor, verify every record's signature
with the service's public key, print the tasks.

    python examples/tracker_client.py --url http://127.0.0.1:8000 --key gv_... \\
        --state tracker-state.json [--public-key key.pem]

The cursor is stored in ``--state`` only after a page was processed, so a tracker that is
stopped half-way takes up where it left off, and never gets a revision twice. Without
``--public-key`` the key is fetched once from ``/.well-known/giaoviec-signing-key`` and pinned in
the state file (trust on first use). A record whose signature does not verify is not printed,
and the client exits with status 1.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path
from typing import Any

import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def canonical(record: Any) -> bytes:
    """What giaoviec signs: sorted keys, no whitespace, UTF-8."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_key_from(text: str) -> Ed25519PublicKey:
    """A PEM public key or a JWK (set), as the well-known endpoint serves it."""
    text = text.strip()
    if text.startswith("{"):
        jwk = json.loads(text)
        jwk = jwk["keys"][0] if "keys" in jwk else jwk
        return Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    key = serialization.load_pem_public_key(text.encode("ascii"))
    assert isinstance(key, Ed25519PublicKey), "not an Ed25519 key"
    return key


def is_signed(item: dict[str, Any], key: Ed25519PublicKey) -> bool:
    signature = item.get("signature") or {}
    if signature.get("alg") != "Ed25519":
        return False
    try:
        key.verify(b64url_decode(signature["value"]), canonical(item["record"]))
    except (InvalidSignature, KeyError, ValueError):
        return False
    return True


def describe(record: dict[str, Any]) -> str:
    document = record["document"]
    where = f"{document['name'] or ''} {document['number'] or ''}-{document['symbol'] or ''}".strip()
    deadline = record["deadline"]["date"] or "không thời hạn"
    if record["content_withheld"]:
        what = f"(văn bản {document['secrecy']}: không có nội dung)"
    else:
        lead = ", ".join(record["lead"] or []) or "?"
        what = f"{record['task']['content']} — chủ trì: {lead}"
    return f"[{where}] task {record['task_id']} r{record['revision']} hạn {deadline} {record['status']}: {what}"


def pull(*, url: str, key: str, state_file: Path, public_key_file: Path | None, limit: int = 100,
         out: Any = sys.stdout) -> int:
    """Pull everything new; returns how many bad signatures were met (0: all good)."""
    state = json.loads(state_file.read_text(encoding="utf-8")) if state_file.exists() else {}
    bad = 0
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as client:
        if public_key_file is not None:
            pem = public_key_file.read_text(encoding="utf-8")
        elif "public_key" in state:
            pem = state["public_key"]
        else:
            pem = client.get("/.well-known/giaoviec-signing-key").raise_for_status().text
            state["public_key"] = pem
        public_key = public_key_from(pem)
        while True:
            params: dict[str, Any] = {"limit": limit}
            if state.get("cursor"):
                params["cursor"] = state["cursor"]
            page = client.get("/api/v1/feed/tasks", params=params).raise_for_status().json()
            for item in page["items"]:
                if is_signed(item, public_key):
                    print(describe(item["record"]), file=out)
                else:
                    bad += 1
                    print(f"BAD SIGNATURE: task {item.get('task_id')} revision {item.get('revision')}", file=out)
            state["cursor"] = page["next_cursor"]
            state_file.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
            if not page["has_more"]:
                return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="giaoviec's base URL")
    parser.add_argument("--key", required=True, help="a tracker API key (giaoviec users add-key --role tracker)")
    parser.add_argument("--state", type=Path, default=Path("tracker-state.json"), help="where the cursor is kept")
    parser.add_argument("--public-key", type=Path, help="PEM or JWK; default: fetched once and pinned")
    parser.add_argument("--limit", type=int, default=100, help="tasks per page")
    args = parser.parse_args(argv)
    bad = pull(url=args.url, key=args.key, state_file=args.state, public_key_file=args.public_key, limit=args.limit)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
