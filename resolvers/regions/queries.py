"""Public queries: the region tree and the departments in it."""

from __future__ import annotations

import uuid

import strawberry

from models.regions.tables import Department as DepartmentRow
from models.regions.tables import Region as RegionRow
from resolvers.context import Context
from resolvers.node import node_type
from resolvers.pagination import paginate
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
    async def region(self, info: strawberry.Info, code: str) -> Region | None:
        row = await info.context.loaders["region"].load(code)
        return Region.from_row(row) if row else None

    @strawberry.field(description="区划列表：不给 parentCode 时返回顶层（省）。公开。")
    async def regions(self, info: strawberry.Info, parent_code: str | None = None,
                      include_abolished: bool = False) -> list[Region]:
        qs = RegionRow.filter(parent_id=parent_code) if parent_code else RegionRow.filter(
            parent_id__isnull=True)
        if not include_abolished:
            qs = qs.filter(valid_to__isnull=True)
        return [Region.from_row(r) for r in await qs.order_by("code")]

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
