"""`node(id:)` and `nodes(ids:)`: one entry point per type, authorized like the rest."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from auth.errors import BadUserInput
from resolvers.context import Context
from schema.node import Node, from_global_id

# type name -> batch fetch(ctx, keys) returning objects (or None) in key order.
# Each fetch applies the same scoping rules as that type's other entry points,
# so a forbidden node resolves exactly like a missing one: null.
NodeFetch = Callable[[Context, list[str]], Awaitable[list[object | None]]]
FETCHERS: dict[str, NodeFetch] = {}

MAX_NODES = 100


def node_type(type_name: str) -> Callable[[NodeFetch], NodeFetch]:
    def register(fetch: NodeFetch) -> NodeFetch:
        FETCHERS[type_name] = fetch
        return fetch

    return register


async def resolve_nodes(ctx: Context, ids: list[str]) -> list[object | None]:
    decoded = [from_global_id(i) for i in ids]
    by_type: dict[str, list[str]] = {}
    for item in decoded:
        if item is not None and item[0] in FETCHERS:
            by_type.setdefault(item[0], []).append(item[1])
    found: dict[tuple[str, str], object | None] = {}
    for type_name, keys in by_type.items():
        unique = list(dict.fromkeys(keys))
        for key, obj in zip(unique, await FETCHERS[type_name](ctx, unique), strict=True):
            found[(type_name, key)] = obj
    return [found.get(item) if item is not None else None for item in decoded]


@strawberry.type
class NodeQuery:
    @strawberry.field(description="按全局 ID 获取对象；不存在或无权查看时返回 null。")
    async def node(self, info: strawberry.Info, id: strawberry.ID) -> Node | None:
        return (await resolve_nodes(info.context, [id]))[0]  # type: ignore[return-value]

    @strawberry.field(
        description=f"按全局 ID 批量获取对象（最多 {MAX_NODES} 个），顺序与输入一致。")
    async def nodes(self, info: strawberry.Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise BadUserInput(f"ids 最多 {MAX_NODES} 个", field="ids")
        return await resolve_nodes(info.context, list(ids))  # type: ignore[return-value]
