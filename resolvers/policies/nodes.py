"""`node(id:)` for policies: published and retired are public, drafts only to maintainers."""

from __future__ import annotations

from auth.viewer import Viewer
from models.policies.rules import Status
from resolvers.context import Context
from resolvers.node import node_type
from schema.policies import Policy


def readable(viewer: Viewer, row) -> bool:
    if row.status != Status.DRAFT:
        return True
    if not viewer.is_staff:
        return False
    return viewer.has_role("SYSTEM_ADMIN") or (
        viewer.has_role("DEPT_ADMIN") and row.region_id is not None
        and row.region_id == viewer.region_code)


@node_type("Policy")
async def fetch_policies(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["policy"].load_many(keys)
    return [Policy.from_row(r) if r is not None and readable(ctx.viewer, r) else None
            for r in rows]
