"""Autocomplete over the directory of bodies (``extraction.bodies``), loaded once per process.

What an officer is offered cannot mislead: the typed name itself and names that start with it
come first (the directory's ranks), one option per name, and a body that no longer exists on
``today`` is listed after the living ones with the body that took over its work.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extraction.bodies import BodyDirectory, BodyEntry

# The directory ranks more candidates than are shown, so that dropping repeated names and moving
# ended bodies down still leaves ``limit`` options.
_OVERFETCH = 4


@cache
def directory() -> BodyDirectory:
    from extraction.bodies import BodyDirectory

    return BodyDirectory.load()


def search(query: str, *, limit: int, today: date | None = None) -> list[dict[str, Any]]:
    """Bodies matching ``query`` with or without diacritics ("ban to chuc"), best first.

    Each option: ``{id, name, kind, aliases, valid_to, successor, successor_name, ended}``;
    ``ended`` is true for a body that ceased to exist before ``today``.
    """
    seen: set[str] = set()
    living: list[dict[str, Any]] = []
    ended: list[dict[str, Any]] = []
    for entry in directory().search(query, limit=limit * _OVERFETCH):
        if entry.name.casefold() in seen:
            continue
        seen.add(entry.name.casefold())
        option = _option(entry, today)
        (ended if option["ended"] else living).append(option)
    return (living + ended)[:limit]


def _option(entry: BodyEntry, today: date | None) -> dict[str, Any]:
    successor = directory().get(entry.successor) if entry.successor else None
    return {
        "id": entry.id, "name": entry.name, "kind": entry.kind, "aliases": list(entry.aliases),
        "valid_to": entry.valid_to.isoformat() if entry.valid_to else None,
        "successor": entry.successor,
        "successor_name": successor.name if successor else None,
        "ended": bool(today and entry.valid_to and entry.valid_to < today),
    }
