"""Per-region 好差评 policy: follow-up deadlines and the on-site code lifetime.

An administrator may override the defaults for a province, a city or a county;
the most specific override of a department's region applies (county, then its
city, then its province), and without one the published defaults do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from models.calendar.rules import HolidayTable
from models.calendar.seed import covered_years, schedules_from_chinesecalendar
from models.errors import Refusal
from models.ratings.followup import FollowupPolicy
from models.ratings.tables import RatingPolicy

DEFAULT_CODE_MINUTES = 30
MAX_CODE_MINUTES = 24 * 60
# Bounds an administrator may set; wider values are almost certainly typing errors.
LIMITS: Mapping[str, tuple[int, int]] = {
    "contact_hours": (1, 24 * 7),
    "rectify_days": (1, 60),
    "followup_wait_days": (1, 60),
    "contact_warn_hours": (0, 24 * 7),
    "rectify_warn_days": (0, 60),
    "on_site_code_minutes": (1, MAX_CODE_MINUTES),
}
_FIELD_NAMES = {"contact_hours": "contactHours", "rectify_days": "rectifyDays",
                "followup_wait_days": "followupWaitDays",
                "contact_warn_hours": "contactWarnHours",
                "rectify_warn_days": "rectifyWarnDays",
                "on_site_code_minutes": "onSiteCodeMinutes"}


@dataclass(frozen=True)
class RegionPolicy:
    """The policy in force for one region and where it comes from (None: defaults)."""

    followup: FollowupPolicy = field(default_factory=FollowupPolicy)
    on_site_code_minutes: int = DEFAULT_CODE_MINUTES
    source_region: str | None = None


DEFAULT = RegionPolicy()


def lineage(region_code: str) -> list[str]:
    """The region and the regions above it, most specific first: 330106 → 330106, 330100,
    330000 (a city or province code yields fewer)."""
    codes = [region_code, f"{region_code[:4]}00", f"{region_code[:2]}0000"]
    return list(dict.fromkeys(codes))


def from_row(row: RatingPolicy) -> RegionPolicy:
    followup = FollowupPolicy(
        contact_hours=row.contact_hours, rectify_days=row.rectify_days,
        rectify_in_working_days=row.rectify_in_working_days,
        followup_wait_days=row.followup_wait_days, contact_warn_hours=row.contact_warn_hours,
        rectify_warn_days=row.rectify_warn_days)
    return RegionPolicy(followup, row.on_site_code_minutes, row.region_code)


def pick(region_code: str, rows: Mapping[str, RatingPolicy]) -> RegionPolicy:
    for code in lineage(region_code):
        if code in rows:
            return from_row(rows[code])
    return DEFAULT


async def policies_for(region_codes: Iterable[str]) -> dict[str, RegionPolicy]:
    """The policy of each region, one query whatever the number of regions."""
    codes = set(region_codes)
    wanted = {c for code in codes for c in lineage(code)}
    rows = {r.region_code: r for r in await RatingPolicy.filter(region_code__in=list(wanted))}
    return {code: pick(code, rows) for code in codes}


async def policy_for(region_code: str) -> RegionPolicy:
    return (await policies_for([region_code]))[region_code]


@lru_cache(maxsize=1)
def working_day_checker() -> Callable[[date], bool]:
    """The shared holiday calendar (built once per process; it is static data)."""
    return HolidayTable(schedules_from_chinesecalendar(covered_years())).is_working_day


def validate(values: Mapping[str, int]) -> None:
    for name, (low, high) in LIMITS.items():
        value = values[name]
        if not low <= value <= high:
            raise Refusal("INVALID_POLICY", f"取值须在 {low} 至 {high} 之间。",
                          field=_FIELD_NAMES[name])


async def set_policy(region_code: str, values: Mapping[str, object], *, updated_by: str | None,
                     now: datetime) -> RegionPolicy:
    """Create or replace a region's override; deadlines of open cases do not move."""
    numbers = {k: int(values[k]) for k in LIMITS}  # type: ignore[call-overload]
    validate(numbers)
    row = await RatingPolicy.get_or_none(region_code=region_code)
    data = {**numbers, "rectify_in_working_days": bool(values["rectify_in_working_days"]),
            "updated_by_id": updated_by, "updated_at": now}
    if row is None:
        row = await RatingPolicy.create(region_code=region_code, **data)
    else:
        await RatingPolicy.filter(region_code=region_code).update(**data)
        row = await RatingPolicy.get(region_code=region_code)
    return from_row(row)
