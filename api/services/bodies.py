"""Autocomplete over the directory of bodies (``extraction.bodies``), loaded once per process."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extraction.bodies import BodyDirectory


@cache
def directory() -> BodyDirectory:
    from extraction.bodies import BodyDirectory

    return BodyDirectory.load()


def search(query: str, *, limit: int) -> list[dict[str, Any]]:
    """Bodies matching ``query`` with or without diacritics: "ban to chuc"."""
    return [
        {"id": e.id, "name": e.name, "kind": e.kind, "aliases": list(e.aliases),
         "valid_to": e.valid_to.isoformat() if e.valid_to else None, "successor": e.successor}
        for e in directory().search(query, limit=limit)
    ]
