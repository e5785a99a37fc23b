"""Batch loaders for ratings and 差评 cases: one statement per kind, whatever the page size."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from models.ratings.policy import policies_for
from models.ratings.tables import Rating, RatingCase, RatingCaseEvent
from resolvers.batching import uuid_keys
from resolvers.context import loader


def _by(model: Any, column: str):
    def factory(_ctx):
        async def load(keys: list[str]) -> list[Any]:
            rows = {str(getattr(r, column)): r for r in await model.filter(
                **{f"{column}__in": uuid_keys(keys)})}
            return [rows.get(str(k)) for k in keys]

        return load

    return factory


loader("rating")(_by(Rating, "id"))
loader("rating_case")(_by(RatingCase, "id"))
loader("rating_case_by_rating")(_by(RatingCase, "rating_id"))


@loader("rating_case_events")
def events_by_case(_ctx):
    async def load(keys: list[str]) -> list[list[Any]]:
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in await RatingCaseEvent.filter(case_id__in=uuid_keys(keys)).order_by(
                "case_id", "position"):
            grouped[str(row.case_id)].append(row)
        return [grouped.get(str(k), []) for k in keys]

    return load


@loader("rating_policy")
def policy_by_region(_ctx):
    async def load(codes: list[str]) -> list[Any]:
        found = await policies_for(codes)
        return [found[c] for c in codes]

    return load
