"""The region table in memory: GB/T 2260 reference data (a few hundred rows),
read once per process and kept until regions are announced as changed
(``public:regions``) or an hour has passed.

The ``region`` and ``region_children`` DataLoaders read it, and the region
picker's fields answer from it without awaiting (``schema/fast.py``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from models.regions.tables import Region as RegionRow
from resolvers.context import Context
from schema.fast import MISS, fast
from schema.regions import Department, Region

KIND, KEY = "regions", "all"


@dataclass(frozen=True)
class RegionSnapshot:
    rows: dict[str, RegionRow]
    nodes: dict[str, Region]
    children: dict[str | None, list[Region]]  # by parent code (None: the top), code order

    def listed(self, parent_code: str | None, include_abolished: bool) -> list[Region]:
        found = self.children.get(parent_code, [])
        return found if include_abolished else [r for r in found if r.valid_to is None]


def kept(services: dict[str, Any]) -> RegionSnapshot | None:
    local = services.get("reference_local")
    return local.get_many(KIND, [KEY]).get(KEY) if local is not None else None


async def snapshot(ctx: Context) -> RegionSnapshot:
    found = kept(ctx.services)
    if found is not None:
        return found
    local = ctx.services.get("reference_local")
    token = local.token() if local is not None else None
    rows = {row.code: row for row in await RegionRow.all().order_by("code")}
    nodes = {code: Region.from_row(row) for code, row in rows.items()}
    children: dict[str | None, list[Region]] = defaultdict(list)
    for code, row in rows.items():
        children[row.parent_id].append(nodes[code])
    made = RegionSnapshot(rows, nodes, dict(children))
    if local is not None:
        local.put_many(KIND, {KEY: made}, token)
    return made


@fast("Region", "children")
def _children(source: Region, context: Any, includeAbolished: bool = False) -> Any:
    snap = kept(context.services)
    return MISS if snap is None else snap.listed(source.code, includeAbolished)


@fast("Region", "parent")
def _parent(source: Region, context: Any) -> Any:
    if source.parent_code is None:
        return None
    snap = kept(context.services)
    return MISS if snap is None else snap.nodes.get(source.parent_code, MISS)


@fast("Department", "region")
def _department_region(source: Department, context: Any) -> Any:
    snap = kept(context.services)
    return MISS if snap is None else snap.nodes.get(source.region_code, MISS)
