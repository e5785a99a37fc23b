"""Relay pages over an already ranked list (search results), with keyset cursors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from resolvers.pagination import decode_cursor, encode_cursor, page_size
from schema.connection import Connection, Edge, PageInfo


async def paginate_ranked(
    keys: Sequence[list[Any]], *, load: Callable[[list[list[Any]]], Awaitable[list[Any]]],
    first: int | None = None, after: str | None = None, last: int | None = None,
    before: str | None = None,
) -> Connection:
    """``keys`` are sort keys in ascending order (each ending with a unique id);
    ``load`` turns the page's keys into nodes, in the same order."""
    size, backwards = page_size(first, last)
    window = list(keys)
    if after:
        cursor = decode_cursor(after, len(window[0]) if window else 3, "after")
        window = [k for k in window if k > cursor]
    if before:
        cursor = decode_cursor(before, len(window[0]) if window else 3, "before")
        window = [k for k in window if k < cursor]
    page = window[-size:] if backwards and size else window[:size]
    has_more = len(window) > len(page)
    nodes = await load(page) if page else []
    edges = [Edge(node=node, cursor=encode_cursor(key)) for key, node in zip(page, nodes,
                                                                             strict=True)]
    total = len(keys)

    async def count() -> int:
        return total

    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=has_more if not backwards else bool(before),
                           has_previous_page=has_more if backwards else bool(after),
                           start_cursor=edges[0].cursor if edges else None,
                           end_cursor=edges[-1].cursor if edges else None),
        count_total=count)
