"""Batch loaders for regions (from the in-memory region table) and departments."""

from __future__ import annotations

from models.regions.tables import Department, Region
from resolvers.context import loader
from resolvers.regions.snapshot import snapshot


@loader("region")
def region_by_code(ctx):
    async def load(codes: list[str]) -> list[Region | None]:
        rows = (await snapshot(ctx)).rows
        return [rows.get(c) for c in codes]

    return load


@loader("region_children")
def region_children(ctx):
    async def load(codes: list[str]) -> list[list[Region]]:
        snap = await snapshot(ctx)
        return [[snap.rows[r.code] for r in snap.children.get(c, [])] for c in codes]

    return load


@loader("department")
def department_by_id(_ctx):
    async def load(ids: list[str]) -> list[Department | None]:
        rows = {str(r.id): r for r in await Department.filter(id__in=ids)}
        return [rows.get(str(i)) for i in ids]

    return load
