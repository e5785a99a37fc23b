"""Relay connections: a generic Connection[T] with keyset cursors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

T = TypeVar("T")


@strawberry.type(description="分页信息（Relay 规范）。")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type(description="Relay 连接：`first ≤ 100`，默认 20；游标基于排序键。")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    count_total: strawberry.Private[Callable[[], Awaitable[int]] | None] = None

    @strawberry.field(description="符合条件的总数。")
    async def total_count(self) -> int:
        if self.count_total is None:
            return len(self.edges)
        return await self.count_total()

    @strawberry.field(description="本页的节点（edges 的简写）。")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]
