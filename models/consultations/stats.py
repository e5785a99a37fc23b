"""Consultation statistics: volume by kind and department, handling time, on-time and
satisfaction rates.

A fixed number of GROUP BY statements whatever the volume; the rates use the
好差评 formulas (models/ratings/stats.py) so both read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from models.consultations.tables import Consultation, ConsultationEvaluation
from models.ratings.stats import RatingCounts, bad_rate, satisfaction_rate, score

_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Figures:
    total: int
    replied: int
    on_time: int
    handling_days: int  # summed over replied consultations
    ratings: RatingCounts

    @property
    def average_handling_days(self) -> Decimal | None:
        if not self.replied:
            return None
        return (Decimal(self.handling_days) / Decimal(self.replied)).quantize(_PLACES)

    @property
    def on_time_rate(self) -> Decimal | None:
        if not self.replied:
            return None
        return (Decimal(self.on_time) / Decimal(self.replied)).quantize(Decimal("0.0001"))

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return satisfaction_rate(self.ratings)

    @property
    def bad_rate(self) -> Decimal | None:
        return bad_rate(self.ratings)

    @property
    def score(self) -> Decimal | None:
        return score(self.ratings)


@dataclass(frozen=True)
class Report:
    overall: Figures
    by_kind: dict[str, int]
    by_department: dict[str, Figures]  # department id -> figures (unrouted ones left out)


def _counts(levels: dict[int, int]) -> RatingCounts:
    return RatingCounts(by_level=levels, invalidated=0, concluded_applications=0,
                        bad_contacted=0, bad_rectified=0)


_AGGREGATES: dict[str, Any] = {
    "n": Count("id"),
    "replied": Count("id", _filter=Q(handling_days__isnull=False)),
    "on_time_n": Count("id", _filter=Q(on_time=True)),
    "days": Sum("handling_days"),
}


async def report(filters: dict[str, Any]) -> Report:
    """Figures for the consultations matching ``filters`` (tortoise keyword filters)."""
    base = Consultation.filter(**filters)
    by_kind = {row["kind"]: row["n"] for row in await base.annotate(n=Count("id")).group_by(
        "kind").values("kind", "n")}
    rows = await Consultation.filter(**filters).annotate(**_AGGREGATES).group_by(
        "department_id").values("department_id", "n", "replied", "on_time_n", "days")
    ratings: dict[str, dict[int, int]] = {}
    scoped = {f"consultation__{key}": value for key, value in filters.items()}
    for row in await ConsultationEvaluation.filter(**scoped).annotate(n=Count("id")).group_by(
            "department_id", "rating").values("department_id", "rating", "n"):
        levels = ratings.setdefault(str(row["department_id"]), {})
        levels[row["rating"]] = levels.get(row["rating"], 0) + row["n"]
    departments = {}
    totals = {"n": 0, "replied": 0, "on_time_n": 0, "days": 0}
    for row in rows:
        for key in totals:
            totals[key] += int(row[key] or 0)
        if row["department_id"] is not None:
            key = str(row["department_id"])
            departments[key] = Figures(row["n"], row["replied"], row["on_time_n"],
                                       int(row["days"] or 0), _counts(ratings.get(key, {})))
    overall_levels: dict[int, int] = {}
    for levels in ratings.values():
        for level, n in levels.items():
            overall_levels[level] = overall_levels.get(level, 0) + n
    overall = Figures(totals["n"], totals["replied"], totals["on_time_n"], totals["days"],
                      _counts(overall_levels))
    return Report(overall, by_kind, departments)
