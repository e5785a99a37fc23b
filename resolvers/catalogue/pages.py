"""Cached pages: the public list (keyset over the database) and search (keyset over a
ranked list), both keyed by the catalogue generation."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from auth.errors import BadUserInput
from models.catalogue import cache, read
from models.catalogue.search import search
from models.catalogue.search_terms import normalize_query
from resolvers.context import Context
from resolvers.pagination import decode_cursor, encode_cursor, page_size, paginate
from schema.catalogue.types import MatterImplementation
from schema.connection import Connection, Edge, PageInfo


async def _gen(ctx: Context) -> int:
    return await ctx.loaders["catalogue_generation"].load(0)


def _page_key(listing_filter: read.ListingFilter, first: int | None, after: str | None,
              last: int | None, before: str | None) -> str:
    return cache.key(0, "page", listing_filter.cache_parts(), first, after, last, before)


def kept_listing(ctx: Context, listing_filter: read.ListingFilter, first: int | None,
                 after: str | None, last: int | None, before: str | None
                 ) -> Connection[MatterImplementation] | None:
    """The page when this process has it, else None (without awaiting)."""
    key = _page_key(listing_filter, first, after, last, before)
    return ctx.services["catalogue_local"].get_many("page", [key]).get(key)


async def listing(ctx: Context, listing_filter: read.ListingFilter, first: int | None,
                  after: str | None, last: int | None, before: str | None
                  ) -> Connection[MatterImplementation]:
    """Published versions in 实施编码 order. The page (ids and cursors) and the
    documents are cached (in the process, then Redis); a cold page of any size
    costs four statements."""
    local = ctx.services["catalogue_local"]
    token = local.token()
    redis = ctx.redis
    gen = await _gen(ctx)
    parts = listing_filter.cache_parts()
    name = cache.key(gen, "page", parts, first, after, last, before)
    page = await cache.get_json(ctx.redis, name)
    if page is None:
        found = await paginate(read.published(listing_filter).only("id", "code"),
                               order=["code", "id"], first=first, after=after, last=last,
                               before=before, to_node=lambda row: str(row.id))
        info = found.page_info
        page = {"edges": [[e.node, e.cursor] for e in found.edges],
                "next": info.has_next_page, "previous": info.has_previous_page}
        await cache.set_json(ctx.redis, name, page)
    nodes = await ctx.loaders["catalogue_implementation"].load_many(
        [ident for ident, _cursor in page["edges"]])
    edges = [Edge(node=node, cursor=cursor)
             for node, (_ident, cursor) in zip(nodes, page["edges"], strict=True) if node]

    async def total() -> int:  # kept with the page: no request's context inside
        count_name = cache.key(gen, "count", parts)
        count = await cache.get_json(redis, count_name)
        if count is None:
            count = await read.published(listing_filter).count()
            await cache.set_json(redis, count_name, count)
        return count

    connection = _connection(edges, page["next"], page["previous"], total)
    if len(edges) == len(page["edges"]):  # every version was there: keep the page
        local.put_many("page", {_page_key(listing_filter, first, after, last, before):
                                connection}, token)
    return connection


def kept_search_hits(ctx: Context, query: str, region_code: str | None
                     ) -> list[list[Any]] | None:
    """The ranked result when this process has it, else None (without awaiting)."""
    local_key = (normalize_query(query), region_code)
    return ctx.services["catalogue_local"].get_many("search", [local_key]).get(local_key)


async def search_hits(ctx: Context, query: str, region_code: str | None) -> list[list[Any]]:
    """The whole ranked result as [rank, basic code, matter id] keys (cached)."""
    kept = kept_search_hits(ctx, query, region_code)
    if kept is not None:
        return kept
    local = ctx.services["catalogue_local"]
    token = local.token()
    local_key = (normalize_query(query), region_code)
    name = cache.key(await _gen(ctx), "search", *local_key)
    hits = await cache.get_json(ctx.redis, name)
    if hits is None:
        hits = [hit.key() for hit in await search(query, region_code)]
        await cache.set_json(ctx.redis, name, hits)
    local.put_many("search", {local_key: hits}, token)
    return hits


def _cursor_key(cursor: str, argument: str) -> tuple[int, str, str]:
    rank, code, ident = decode_cursor(cursor, 3, argument)
    if not (isinstance(rank, int) and isinstance(code, str) and isinstance(ident, str)):
        raise BadUserInput("分页游标无效", field=argument)
    return rank, code, ident


def slice_ranked(keys: Sequence[Sequence[Any]], first: int | None, after: str | None,
                 last: int | None, before: str | None) -> tuple[list[int], bool, bool]:
    """Keyset paging over a sorted list: (indexes of the page, has next, has previous).

    Cursors are the sort keys themselves, so a page after a cursor is the same
    rows whatever was added before it since."""
    size, backwards = page_size(first, last)
    ordered = [tuple(k) for k in keys]
    start = bisect_right(ordered, _cursor_key(after, "after")) if after else 0
    end = bisect_left(ordered, _cursor_key(before, "before")) if before else len(ordered)
    end = max(start, end)
    if backwards:
        begin = max(start, end - size)
        return list(range(begin, end)), bool(before), begin > start
    stop = min(end, start + size)
    return list(range(start, stop)), stop < end, bool(after)


def ranked_connection(keys: Sequence[Sequence[Any]], indexes: list[int], nodes: list[Any],
                      has_next: bool, has_previous: bool) -> Connection[Any]:
    edges = [Edge(node=node, cursor=encode_cursor(list(keys[i])))
             for i, node in zip(indexes, nodes, strict=True) if node is not None]

    async def total() -> int:
        return len(keys)

    return _connection(edges, has_next, has_previous, total)


def _connection(edges: list[Edge[Any]], has_next: bool, has_previous: bool,
                total: Callable[[], Any]) -> Connection[Any]:
    return Connection(edges=edges, page_info=PageInfo(
        has_next_page=has_next, has_previous_page=has_previous,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None), count_total=total)
