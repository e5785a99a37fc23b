"""Shared by the 好差评 resolvers: time, refusals, cache invalidation, escalation events."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from models.errors import Refusal
from models.ratings import cache
from models.ratings.service import CaseChange
from resolvers.context import Context
from resolvers.ratings.access import topics_of
from schema.node import to_global_id
from schema.ratings.common import now_of, rating_error

log = logging.getLogger("gateway.ratings")
P = TypeVar("P")


def now(ctx: Context) -> datetime:
    return now_of(ctx.services)


def refused(payload: type[P], refusal: Refusal, renames: dict[str, str] | None = None) -> P:
    return payload(errors=[rating_error(refusal, renames)])  # type: ignore[call-arg]


async def figures_changed(ctx: Context) -> None:
    """New ratings, follow-up steps and appeal decisions move the statistics. A Redis
    hiccup must not fail the write: the cached figures expire on their short TTL anyway."""
    try:
        await cache.invalidate(ctx.redis)
    except Exception:
        log.warning("could not invalidate the rating statistics cache", exc_info=True)


async def publish_escalations(ctx: Context, changes: Iterable[CaseChange]) -> None:
    """One event per escalated case on its region's topics (subscriptions and any
    listener over Redis pub/sub); a Redis hiccup never fails the move."""
    for change in changes:
        if not change.escalated:
            continue
        row = change.case
        event: dict[str, Any] = {
            "caseId": str(to_global_id("RatingCase", row.id)), "key": str(row.id),
            "regionCode": row.region_code, "departmentId": str(row.department_id),
            "departmentName": change.department_name,
            "steps": sorted(s.value for s in change.escalated),
            "occurredAt": row.updated_at.isoformat()}
        try:
            for topic in topics_of(row.region_code):
                await ctx.services["events"].publish(topic, event)
        except Exception:
            log.warning("could not publish a rating escalation", exc_info=True)
