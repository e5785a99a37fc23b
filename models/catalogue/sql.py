"""Raw statements written once for SQLite and PostgreSQL (``?`` placeholders)."""

from __future__ import annotations

from typing import Any

from tortoise import connections


def numbered(sql: str) -> str:
    """``?`` placeholders as PostgreSQL's ``$1, $2, …`` (the SQL has no other ``?``)."""
    pieces = sql.split("?")
    return "".join(p + (f"${i}" if i < len(pieces) else "")
                   for i, p in enumerate(pieces, start=1))


def dialect() -> str:
    return connections.get("default").capabilities.dialect


async def fetch(sql: str, params: list[Any]) -> list[Any]:
    """Rows (mapping-like) of one statement."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        sql = numbered(sql)
    _count, rows = await conn.execute_query(sql, params)
    return list(rows)
