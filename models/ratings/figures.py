"""Rating statistics from SQL aggregates: a fixed number of GROUP BY statements per
question, whatever the number of ratings (the formulas are in stats.py).

- ``figures``: 满意率, 差评率, score, 回访率, 整改率 and 主动评价率 for one scope
  (region prefix, department or matter, a date range) — at most four statements.
- ``ranking``: 差评率 by child region or by department — one statement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count

from models.applications.rules import CONCLUDED_STATUSES
from models.applications.tables import Application
from models.ratings.followup import CHINA_TZ
from models.ratings.stats import RankedUnit, RatingCounts, rank_by_bad_rate
from models.ratings.tables import Rating, RatingCase

_CONCLUDED = [s.value for s in CONCLUDED_STATUSES]


@dataclass(frozen=True)
class Scope:
    """What to count. Dates are Beijing calendar days, both ends included."""

    region_prefix: str | None = None
    department_id: str | None = None
    matter_id: str | None = None
    since: date | None = None
    until: date | None = None
    channel: str | None = None  # ONLINE | ON_SITE | None for both

    def key(self) -> list[Any]:
        return [self.region_prefix, self.department_id, self.matter_id, self.since,
                self.until, self.channel]


@dataclass(frozen=True)
class Figures:
    counts: RatingCounts  # every channel in scope (by_level: valid ratings only)
    online: RatingCounts  # online ratings of applications concluded in the period


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), CHINA_TZ).astimezone(UTC)


def region_range(column: str, prefix: str) -> dict[str, str]:
    """``column`` starts with ``prefix``, as a range a B-tree index serves under any
    collation (``LIKE 'p%'`` would need a C collation or text_pattern_ops)."""
    return {f"{column}__gte": prefix.ljust(6, "0"), f"{column}__lte": prefix.ljust(6, "9")}


def _rating_filters(scope: Scope, prefix: str = "") -> dict[str, Any]:
    f: dict[str, Any] = {}
    if scope.region_prefix:
        f.update(region_range(f"{prefix}region_code", scope.region_prefix))
    if scope.department_id:
        f[f"{prefix}department_id"] = scope.department_id
    if scope.matter_id:
        f[f"{prefix}matter_id"] = scope.matter_id
    return f


def _period(scope: Scope) -> dict[str, Any]:
    f: dict[str, Any] = {}
    if scope.since:
        f["rated_at__gte"] = day_start(scope.since)
    if scope.until:
        f["rated_at__lt"] = day_start(scope.until + timedelta(days=1))
    return f


def _concluded(scope: Scope, prefix: str = "") -> dict[str, Any]:
    """Applications concluded (decided) in the period, in the scope's unit."""
    f: dict[str, Any] = {f"{prefix}status__in": _CONCLUDED}
    if scope.region_prefix:
        f.update(region_range(f"{prefix}handling_region_code", scope.region_prefix))
    if scope.department_id:
        f[f"{prefix}department_id"] = scope.department_id
    if scope.matter_id:
        f[f"{prefix}implementation__matter_id"] = scope.matter_id
    if scope.since:
        f[f"{prefix}decided_on__gte"] = scope.since
    if scope.until:
        f[f"{prefix}decided_on__lte"] = scope.until
    return f


def _case_filters(scope: Scope) -> dict[str, Any]:
    """The same scope over the (few) 差评 cases: their own columns, the rating's for the
    rest."""
    f: dict[str, Any] = {"invalidated": False}
    if scope.region_prefix:
        f.update(region_range("region_code", scope.region_prefix))
    if scope.department_id:
        f["department_id"] = scope.department_id
    if scope.matter_id:
        f["rating__matter_id"] = scope.matter_id
    if scope.channel:
        f["rating__channel"] = scope.channel
    f.update(_period(scope))
    return f


async def figures(scope: Scope) -> Figures:
    qs = Rating.filter(**_rating_filters(scope), **_period(scope))
    if scope.channel:
        qs = qs.filter(channel=scope.channel)
    by_level: dict[int, int] = {}
    invalidated = 0
    for row in await qs.annotate(n=Count("id")).group_by("level", "valid").values(
            "level", "valid", "n"):
        if row["valid"]:
            by_level[row["level"]] = by_level.get(row["level"], 0) + row["n"]
        else:
            invalidated += row["n"]
    # Only 差评 have cases, so this reads the small table, not the ratings.
    followed = await RatingCase.filter(**_case_filters(scope)).annotate(
        contacted=Count("id", _filter=Q(contacted_at__isnull=False)),
        rectified=Count("id", _filter=Q(fed_back_at__isnull=False)),
    ).group_by("invalidated").values("contacted", "rectified")
    contacted = sum(r["contacted"] for r in followed)
    rectified = sum(r["rectified"] for r in followed)
    concluded = 0
    online_levels: dict[int, int] = {}
    if scope.channel in (None, "ONLINE"):
        concluded = await Application.filter(**_concluded(scope)).count()
        for row in await Rating.filter(
                channel="ONLINE", valid=True, **_concluded(scope, "application__")).annotate(
                n=Count("id")).group_by("level").values("level", "n"):
            online_levels[row["level"]] = row["n"]
    counts = RatingCounts(by_level=by_level, invalidated=invalidated,
                          concluded_applications=concluded, bad_contacted=contacted,
                          bad_rectified=rectified)
    online = RatingCounts(by_level=online_levels, invalidated=0,
                          concluded_applications=concluded, bad_contacted=0, bad_rectified=0)
    return Figures(counts, online)


def child_region(code: str, parent_prefix: str) -> str:
    """The unit a rating's region rolls up to under ``parent_prefix``: cities under a
    province, counties (and the city's own departments) under a city."""
    if len(parent_prefix) <= 2:
        return f"{code[:4]}00"
    return code


async def ranking(scope: Scope, by: str) -> list[RankedUnit]:
    """差评率 ranking of the child regions (``by="REGION"``) or the departments
    (``by="DEPARTMENT"``) in the scope, lowest first (stats.rank_by_bad_rate)."""
    column = "region_code" if by == "REGION" else "department_id"
    qs = Rating.filter(valid=True, **_rating_filters(scope), **_period(scope))
    if scope.channel:
        qs = qs.filter(channel=scope.channel)
    levels: dict[str, dict[int, int]] = {}
    for row in await qs.annotate(n=Count("id")).group_by(column, "level").values(
            column, "level", "n"):
        unit = str(row[column])
        if by == "REGION":
            unit = child_region(unit, scope.region_prefix or "")
        bucket = levels.setdefault(unit, {})
        bucket[row["level"]] = bucket.get(row["level"], 0) + row["n"]
    return rank_by_bad_rate(
        (unit, RatingCounts(by_level=lv, invalidated=0, concluded_applications=0,
                            bad_contacted=0, bad_rectified=0))
        for unit, lv in levels.items())


def counts_to_json(counts: RatingCounts) -> dict[str, Any]:
    return {"by_level": {str(k): v for k, v in counts.by_level.items()},
            "invalidated": counts.invalidated, "concluded": counts.concluded_applications,
            "contacted": counts.bad_contacted, "rectified": counts.bad_rectified}


def counts_from_json(data: Mapping[str, Any]) -> RatingCounts:
    return RatingCounts(by_level={int(k): v for k, v in data["by_level"].items()},
                        invalidated=data["invalidated"],
                        concluded_applications=data["concluded"],
                        bad_contacted=data["contacted"], bad_rectified=data["rectified"])
