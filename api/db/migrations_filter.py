"""What Alembic compares: our tables, not procrastinate's (its schema, created by migration
0003 on PostgreSQL, is procrastinate's to migrate)."""

from __future__ import annotations

from typing import Any


def ours(name: str | None, type_: str, parent_names: Any) -> bool:
    return not (type_ == "table" and (name or "").startswith("procrastinate_"))
