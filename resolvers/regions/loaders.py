"""Batch loaders for regions and departments."""

from __future__ import annotations

from collections import defaultdict

from models.regions.tables import Department, Region
from resolvers.context import loader


@loader("region")
def region_by_code(_ctx):
    async def load(codes: list[str]) -> list[Region | None]:
        rows = {r.code: r for r in await Region.filter(code__in=codes)}
        return [rows.get(c) for c in codes]

    return load


@loader("region_children")
def region_children(_ctx):
    async def load(codes: list[str]) -> list[list[Region]]:
        grouped: dict[str, list[Region]] = defaultdict(list)
        for row in await Region.filter(parent_id__in=codes).order_by("code"):
            grouped[row.parent_id].append(row)
        return [grouped.get(c, []) for c in codes]

    return load


@loader("department")
def department_by_id(_ctx):
    async def load(ids: list[str]) -> list[Department | None]:
        rows = {str(r.id): r for r in await Department.filter(id__in=ids)}
        return [rows.get(str(i)) for i in ids]

    return load
