"""`node(id:)` fetchers for rating types, scoped like their other entry points."""

from __future__ import annotations

from auth.permissions import scope_for_staff
from auth.viewer import Viewer
from resolvers.context import Context
from resolvers.node import node_type
from resolvers.ratings.access import case_visible, is_rater
from resolvers.ratings.casework import view
from schema.ratings.types import MyRating, Rating


def _rating_visible(viewer: Viewer, row: object) -> bool:
    """Valid ratings are public; an invalidated one only to its rater and the staff
    who may see the department's cases."""
    if row.valid:  # type: ignore[attr-defined]
        return True
    return is_rater(viewer, row) or (viewer.is_staff and scope_for_staff(viewer).allows(
        row.department_id, row.region_code))  # type: ignore[attr-defined]


@node_type("Rating")
async def fetch_ratings(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["rating"].load_many(keys)
    return [Rating.from_row(r) if r is not None and _rating_visible(ctx.viewer, r) else None
            for r in rows]


@node_type("MyRating")
async def fetch_my_ratings(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["rating"].load_many(keys)
    return [MyRating.from_row(r) if r is not None and is_rater(ctx.viewer, r) else None
            for r in rows]


@node_type("RatingCase")
async def fetch_cases(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["rating_case"].load_many(keys)
    return [view(ctx.viewer, r) if r is not None and case_visible(ctx.viewer, r) else None
            for r in rows]
