"""Public queries: the region tree and the departments in it."""

from __future__ import annotations

import uuid

import strawberry

from models.regions.tables import Department as DepartmentRow
from resolvers.context import Context
from resolvers.node import node_type
from resolvers.pagination import paginate
from resolvers.regions.snapshot import kept, snapshot
from schema.connection import Connection
from schema.regions import Department, Region


@node_type("Region")
async def fetch_regions(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["region"].load_many(keys)
    return [Region.from_row(r) if r else None for r in rows]


@node_type("Department")
async def fetch_departments(ctx: Context, keys: list[str]) -> list[object | None]:
    valid = [k for k in keys if _is_uuid(k)]
    rows = dict(zip(valid, await ctx.loaders["department"].load_many(valid), strict=True))
    return [Department.from_row(rows[k]) if rows.get(k) else None for k in keys]


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@strawberry.type
class RegionQuery:
    @strawberry.field(description="按区划代码获取区划。公开。")
    def region(self, info: strawberry.Info, code: str) -> Region | None:
        snap = kept(info.context.services)
        if snap is not None:
            return snap.nodes.get(code)
        return _region(info.context, code)  # type: ignore[return-value]

    @strawberry.field(description="区划列表：不给 parentCode 时返回顶层（省）。公开。")
    def regions(self, info: strawberry.Info, parent_code: str | None = None,
                include_abolished: bool = False) -> list[Region]:
        snap = kept(info.context.services)
        if snap is not None:  # the region picker: answered from memory
            return snap.listed(parent_code or None, include_abolished)
        return _regions(info.context, parent_code, include_abolished)  # type: ignore[return-value]

    @strawberry.field(description="部门列表，可按区划代码筛选。公开。")
    async def departments(
        self, info: strawberry.Info, region_code: str | None = None,
        first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Department]:
        qs = DepartmentRow.all()
        if region_code:
            qs = qs.filter(region_id=region_code)
        return await paginate(qs, order=["code"], first=first, after=after, last=last,
                              before=before, to_node=Department.from_row)


async def _region(ctx: Context, code: str) -> Region | None:
    return (await snapshot(ctx)).nodes.get(code)


async def _regions(ctx: Context, parent_code: str | None, include_abolished: bool
                   ) -> list[Region]:
    return (await snapshot(ctx)).listed(parent_code or None, include_abolished)
