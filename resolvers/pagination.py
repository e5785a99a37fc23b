"""Keyset pagination of tortoise querysets into Relay connections."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from auth.errors import BadUserInput
from schema.connection import Connection, Edge, PageInfo

DEFAULT_FIRST = 20
MAX_FIRST = 100


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([_plain(v) for v in values], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int, argument: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeError) as error:
        raise BadUserInput("分页游标无效", field=argument) from error
    if not isinstance(values, list) or len(values) != size:
        raise BadUserInput("分页游标无效", field=argument)
    return values


def page_size(first: int | None, last: int | None) -> tuple[int, bool]:
    """(size, backwards). `first` and `last` together are refused."""
    if first is not None and last is not None:
        raise BadUserInput("first 与 last 不能同时使用", field="first")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_FIRST:
            raise BadUserInput(f"{name} 必须在 0 到 {MAX_FIRST} 之间", field=name)
    if last is not None:
        return last, True
    return (DEFAULT_FIRST if first is None else first), False


def _after(fields: Sequence[str], values: Sequence[Any], descending: Sequence[bool]) -> Q:
    """Rows strictly after `values` in the (fields) order: a lexicographic OR chain."""
    clauses = []
    for index, name in enumerate(fields):
        equal = {f: v for f, v in zip(fields[:index], values[:index], strict=True)}
        op = "lt" if descending[index] else "gt"
        clauses.append(Q(**equal, **{f"{name}__{op}": values[index]}))
    combined = clauses[0]
    for clause in clauses[1:]:
        combined |= clause
    return combined


async def paginate(
    queryset: QuerySet,
    *,
    order: Sequence[str],
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    to_node: Callable[[Any], Any],
) -> Connection:
    """``order`` lists fields, "-field" for descending; the last must be unique."""
    size, backwards = page_size(first, last)
    fields = [o.lstrip("-") for o in order]
    descending = [o.startswith("-") for o in order]
    count_qs = queryset
    qs = queryset
    if after:
        qs = qs.filter(_after(fields, decode_cursor(after, len(fields), "after"), descending))
    if before:
        flipped = [not d for d in descending]
        qs = qs.filter(_after(fields, decode_cursor(before, len(fields), "before"), flipped))
    # walking backwards reads the order reversed, then flips the page back
    ordering = [("-" if d != backwards else "") + f
                for f, d in zip(fields, descending, strict=True)]
    rows = list(await qs.order_by(*ordering).limit(size + 1)) if size else []
    has_more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    edges = [Edge(node=to_node(row), cursor=encode_cursor([getattr(row, f) for f in fields]))
             for row in rows]

    async def total() -> int:
        return await count_qs.count()

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_more if not backwards else bool(before),
            has_previous_page=has_more if backwards else bool(after),
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_total=total,
    )
