"""Batch-loading helpers shared by the domains' DataLoaders."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any


def uuid_keys(keys: list[str]) -> list[str]:
    """The keys that are UUIDs (anything else can match no row)."""
    valid = []
    for key in keys:
        try:
            uuid.UUID(str(key))
        except ValueError:
            continue
        valid.append(str(key))
    return valid


def rows_by_id(model: Any) -> Callable[[list[str]], Awaitable[list[Any]]]:
    """A batch function: one query for all keys, rows (or None) in key order."""

    async def load(keys: list[str]) -> list[Any]:
        rows = {str(r.id): r for r in await model.filter(id__in=uuid_keys(keys))}
        return [rows.get(str(k)) for k in keys]

    return load


def by_id(model: Any) -> Callable[[Any], Callable[[list[str]], Awaitable[list[Any]]]]:
    """A loader factory for ``@loader`` registration: rows of ``model`` by id."""
    return lambda _ctx: rows_by_id(model)
