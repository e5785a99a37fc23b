"""Region (行政区划) and Department (部门) types."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry

from schema.node import Node, to_global_id


@strawberry.enum(description="区划层级")
class RegionLevel(Enum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


@strawberry.type(description="行政区划（GB/T 2260）。代码不复用；撤销的区划保留并标注有效期。")
class Region(Node):
    code: str = strawberry.field(description="六位区划代码，如 330106")
    name: str
    level: RegionLevel
    valid_from: date | None
    valid_to: date | None = strawberry.field(description="撤销日期；现行区划为空")
    parent_code: strawberry.Private[str | None]

    @strawberry.field(description="是否现行有效")
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to >= date.today()

    @strawberry.field(description="上级区划")
    async def parent(self, info: strawberry.Info) -> Region | None:
        if self.parent_code is None:
            return None
        row = await info.context.loaders["region"].load(self.parent_code)
        return Region.from_row(row) if row else None

    @strawberry.field(description="下级区划（默认只含现行区划）")
    async def children(self, info: strawberry.Info, include_abolished: bool = False
                       ) -> list[Region]:
        rows = await info.context.loaders["region_children"].load(self.code)
        regions = [Region.from_row(r) for r in rows]
        return regions if include_abolished else [r for r in regions if r.valid_to is None]

    @classmethod
    def from_row(cls, row: Any) -> Region:
        return cls(
            id=to_global_id("Region", row.code), code=row.code, name=row.name,
            level=RegionLevel(row.level), valid_from=row.valid_from, valid_to=row.valid_to,
            parent_code=row.parent_id,
        )


@strawberry.type(description="政府部门")
class Department(Node):
    code: str
    name: str
    short_name: str
    kind: str = strawberry.field(description="部门类别，如 market（市场监管）、hrss（人社）")
    region_code: strawberry.Private[str]

    @strawberry.field(description="所在区划")
    async def region(self, info: strawberry.Info) -> Region:
        return Region.from_row(await info.context.loaders["region"].load(self.region_code))

    @classmethod
    def from_row(cls, row: Any) -> Department:
        return cls(
            id=to_global_id("Department", row.id), code=row.code, name=row.name,
            short_name=row.short_name, kind=row.kind, region_code=row.region_id,
        )
