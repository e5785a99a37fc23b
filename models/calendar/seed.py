"""Seed the holiday calendar from the ``chinesecalendar`` package's published data."""

from __future__ import annotations

from collections.abc import Iterable

from chinese_calendar import holidays as _package_holidays
from chinese_calendar import workdays as _package_workdays

from models.calendar.rules import YearSchedule


def covered_years() -> range:
    """The years the installed package has schedules for (2004–2026 in
    1.11.0). Derived from its data the same way the package checks its own
    range, so an upgrade widens it with no code change."""
    return range(min(_package_holidays).year, max(_package_holidays).year + 1)


def schedules_from_chinesecalendar(years: Iterable[int]) -> dict[int, YearSchedule]:
    """Schedules for the requested years the package covers; other years are
    left out, never raised on, so that they count as missing (provisional)
    until an administrator enters them.

    The package's ``holidays`` dict lists every day of each break, weekends
    included, and ``workdays`` the make-up weekend workdays, which matches
    ``YearSchedule`` directly. We read the dicts rather than call
    ``is_workday`` day by day because the latter raises NotImplementedError
    outside its range.
    """
    covered = covered_years()
    schedules: dict[int, YearSchedule] = {}
    for year in sorted(set(years)):
        if year not in covered:
            continue
        schedules[year] = YearSchedule(
            year=year,
            holidays=frozenset(d for d in _package_holidays if d.year == year),
            makeup_workdays=frozenset(d for d in _package_workdays if d.year == year),
        )
    return schedules
