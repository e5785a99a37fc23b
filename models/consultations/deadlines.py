"""Consultation clocks: due dates, due-soon/overdue flags and handling time in working days.

The holiday calendar comes from ``chinesecalendar`` (models/calendar/seed.py);
years it does not cover count weekends only and mark the due date provisional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Literal

from models.calendar.rules import (
    HolidayTable,
    add_working_days,
    deadline_status,
    working_days_between,
)
from models.calendar.seed import covered_years, schedules_from_chinesecalendar
from models.consultations.rules import due_soon_days

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
DueStatus = Literal["ON_TRACK", "DUE_SOON", "OVERDUE"]


@lru_cache(maxsize=1)
def holiday_table() -> HolidayTable:
    """Every year the installed package covers; built once per process."""
    return HolidayTable(schedules_from_chinesecalendar(covered_years()))


def local_day(moment: datetime) -> date:
    """The calendar day in China at ``moment`` (time limits count Beijing days)."""
    return moment.astimezone(CHINA).date()


def day_start(day: date) -> datetime:
    """00:00 Beijing time of ``day``, in UTC (for filtering stored timestamps)."""
    return datetime(day.year, day.month, day.day, tzinfo=CHINA).astimezone(UTC)


@dataclass(frozen=True)
class Due:
    on: date
    provisional: bool


def due_after(start: date, working_days: int, table: HolidayTable | None = None) -> Due:
    """The last day to reply: ``working_days`` after ``start`` (the day itself not counted)."""
    deadline = add_working_days(table or holiday_table(), start, working_days)
    assert deadline.due is not None  # no pauses: always a date
    return Due(deadline.due, deadline.provisional)


def due_status(due_on: date, today: date, limit: int,
               table: HolidayTable | None = None) -> DueStatus:
    return deadline_status(table or holiday_table(), due_on, today,
                           due_soon_days=due_soon_days(limit))


def working_days_taken(start: date, end: date, table: HolidayTable | None = None) -> int:
    """Working days from ``start`` (excluded) to ``end`` (included): a reply on
    the day of submission took 0."""
    return max(0, working_days_between(table or holiday_table(), start, end))


def evaluation_window_closed(replied_on: date, today: date, window: int,
                             table: HolidayTable | None = None) -> bool:
    return today > due_after(replied_on, window, table).on
