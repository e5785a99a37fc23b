"""Working-day (工作日) arithmetic over a holiday calendar that is data, not code.

Conventions used throughout, from 行政许可法 Art. 82 and 行政处罚法 Art. 85:

- A period never counts its first day: "within n days of X" starts counting
  on the day after X.
- A working day is any Monday–Friday that is not a holiday, plus the State
  Council's make-up workdays (调休), which fall on weekends.
- A year with no schedule (not seeded, not yet entered by an administrator)
  counts weekends only, and every result that depended on such a year is
  flagged ``provisional`` so that clients can show it as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from models.errors import Refusal

_ONE_DAY = timedelta(days=1)

DeadlineStatus = Literal["ON_TRACK", "DUE_SOON", "OVERDUE"]


@dataclass(frozen=True)
class YearSchedule:
    """One year's 放假调休 schedule as published by the State Council.

    ``holidays`` holds every day of each published break, weekend days
    included (e.g. 2025-10-01..08 in full), because that is how the notice is
    written and how an administrator will copy it in; a weekend day in the
    set changes nothing. ``makeup_workdays`` holds the weekend days that are
    working days. Build one with ``validate_schedule`` unless the data is
    already trusted.
    """

    year: int
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]


@dataclass(frozen=True)
class Deadline:
    """A computed due date (期限).

    ``due`` is the last day on which the act is still on time. It is None
    while the clock is paused by a pause with no end yet: no date can be
    promised then, so callers show "暂停计时" with ``paused_since`` and
    ``days_left_at_pause`` (working days still to run once the clock
    restarts). ``provisional`` is True when a day in a year without a
    schedule was counted, so the date may move when that schedule arrives.
    """

    due: date | None
    provisional: bool
    paused_since: date | None = None
    days_left_at_pause: int | None = None

    def __post_init__(self) -> None:
        # Exactly one of "a due date" and "paused" must hold, so a caller
        # can never show a date for a stopped clock.
        if (self.due is None) == (self.paused_since is None):
            raise ValueError("a Deadline is either due on a date or paused")
        if (self.paused_since is None) != (self.days_left_at_pause is None):
            raise ValueError("days_left_at_pause goes with paused_since")

    @property
    def is_paused(self) -> bool:
        return self.due is None


class HolidayTable:
    """The holiday calendar (节假日安排) for the years that have a schedule."""

    def __init__(self, schedules: Mapping[int, YearSchedule]) -> None:
        for year, schedule in schedules.items():
            if schedule.year != year:
                raise ValueError(f"schedule for {schedule.year} filed under {year}")
        self._schedules: dict[int, YearSchedule] = dict(schedules)

    def has_schedule(self, year: int) -> bool:
        return year in self._schedules

    def scheduled_years(self) -> frozenset[int]:
        return frozenset(self._schedules)

    def missing_years(self, years: Iterable[int]) -> list[int]:
        """The given years that still lack a schedule, sorted; supervisors
        see a warning for each until an administrator enters it."""
        return sorted({y for y in years if y not in self._schedules})

    def with_schedule(self, schedule: YearSchedule) -> HolidayTable:
        """A new table with ``schedule`` added or replaced; tables are values,
        so deadlines computed from the old one stay reproducible."""
        return HolidayTable({**self._schedules, schedule.year: schedule})

    def is_working_day(self, d: date) -> bool:
        schedule = self._schedules.get(d.year)
        if schedule is None:
            return d.weekday() < 5
        if d in schedule.makeup_workdays:
            return True
        if d in schedule.holidays:
            return False
        return d.weekday() < 5


def _pause_checker(
    pauses: Sequence[tuple[date, date | None]],
) -> tuple[list[tuple[date, date]], date | None]:
    """Split pauses into closed [begin, end) intervals and the earliest start
    of an open one (the clock never restarts after that)."""
    closed: list[tuple[date, date]] = []
    open_from: date | None = None
    for begin, end in pauses:
        if end is None:
            open_from = begin if open_from is None else min(open_from, begin)
        elif end < begin:
            raise ValueError(f"pause ends ({end}) before it begins ({begin})")
        else:
            closed.append((begin, end))
    return closed, open_from


def add_working_days(
    table: HolidayTable,
    start: date,
    n: int,
    *,
    pauses: Sequence[tuple[date, date | None]] = (),
) -> Deadline:
    """The due date ``n`` working days after ``start`` (e.g. 受理 + 20).

    Counting begins the day after ``start``; the n-th working day counted is
    the due date; ``n == 0`` means due on ``start`` itself (即办件).

    ``pauses`` are intervals when the clock stood still (补正, 听证/检验/专家
    评审 special procedures, 挂起). Each is ``(begin, end)``: ``begin``
    inclusive, ``end`` exclusive, so the clock stops on the day the pause
    begins and counts again from the day it ends (the day of resubmission
    counts). Days inside any pause are skipped, which extends the deadline by
    exactly the working days paused; overlapping pauses count once. A pause
    with ``end=None`` is still running: if the count has not finished before
    it begins, the result is paused (``due=None``) and carries the working
    days left, and closing the pause later yields the final date.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    closed, open_from = _pause_checker(pauses)
    provisional = False
    counted = 0
    day = start
    while counted < n:
        day += _ONE_DAY
        if open_from is not None and day >= open_from:
            return Deadline(
                due=None,
                provisional=provisional,
                paused_since=open_from,
                days_left_at_pause=n - counted,
            )
        if any(begin <= day < end for begin, end in closed):
            continue
        if not table.has_schedule(day.year):
            provisional = True
        if table.is_working_day(day):
            counted += 1
    return Deadline(due=day, provisional=provisional)


def add_calendar_days(start: date, n: int) -> date:
    """The n-th calendar day after ``start`` (the first day is not counted):
    立案 on 07-03 plus 90 days is 10-01. Apply ``extend_if_non_working`` for
    limits that move off holidays."""
    if n < 0:
        raise ValueError("n must be >= 0")
    return start + timedelta(days=n)


def extend_if_non_working(table: HolidayTable, d: date) -> date:
    """``d`` if it is a working day, else the next working day: a period whose
    last day is a 法定节假日 ends on the first day after it (行政处罚法 Art. 85,
    民法典 Art. 203). A make-up workday is not a holiday, so it stays."""
    while not table.is_working_day(d):
        d += _ONE_DAY
    return d


def calendar_deadline(table: HolidayTable, start: date, n: int) -> Deadline:
    """A calendar-day limit (决定 90 days after 立案, 缴纳 15 days after 送达)
    with its last day moved off non-working days; provisional when that
    depended on a year with no schedule."""
    last = add_calendar_days(start, n)
    due = extend_if_non_working(table, last)
    years = range(last.year, due.year + 1)
    return Deadline(due=due, provisional=bool(table.missing_years(years)))


def working_days_between(table: HolidayTable, start: date, end: date) -> int:
    """Working days elapsed from ``start`` to ``end``: ``start`` excluded,
    ``end`` included, so ``working_days_between(t, today, due)`` is the
    working days remaining and 0 on the due date. Negative when ``end`` is
    before ``start`` (how far overdue)."""
    if end < start:
        return -working_days_between(table, end, start)
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        if table.is_working_day(day):
            count += 1
    return count


def deadline_status(
    table: HolidayTable, due: date, today: date, *, due_soon_days: int = 2
) -> DeadlineStatus:
    """OVERDUE once ``today`` is past ``due``; DUE_SOON when at most
    ``due_soon_days`` working days remain (the due date itself included,
    with 0 remaining); otherwise ON_TRACK. A paused deadline has no ``due``:
    callers show it as paused rather than calling this."""
    if due_soon_days < 0:
        raise ValueError("due_soon_days must be >= 0")
    if today > due:
        return "OVERDUE"
    if working_days_between(table, today, due) <= due_soon_days:
        return "DUE_SOON"
    return "ON_TRACK"


def validate_schedule(
    year: int, holidays: Sequence[date], makeup_workdays: Sequence[date]
) -> YearSchedule:
    """Check a schedule an administrator entered (usually next year's, once
    the State Council publishes it) and return it as a ``YearSchedule``.

    Refusals name the first offending date and its position in the input
    (``holidays[3]``, ``makeupWorkdays[0]``). Repeated dates are accepted and
    kept once.
    """
    if not holidays:
        # An empty list would mark the year as complete with no holidays,
        # silently wrong for every deadline in it; no year has none.
        raise Refusal("SCHEDULE_EMPTY", f"{year} 年的放假安排不能为空。", field="holidays")
    for name, dates in (("holidays", holidays), ("makeupWorkdays", makeup_workdays)):
        for i, d in enumerate(dates):
            if d.year != year:
                raise Refusal(
                    "SCHEDULE_DATE_OUTSIDE_YEAR",
                    f"日期 {d.isoformat()} 不在 {year} 年内。",
                    field=f"{name}[{i}]",
                )
    holiday_set = frozenset(holidays)
    for i, d in enumerate(makeup_workdays):
        if d in holiday_set:
            raise Refusal(
                "SCHEDULE_DATE_CONFLICT",
                f"日期 {d.isoformat()} 不能既是放假日又是调休上班日。",
                field=f"makeupWorkdays[{i}]",
            )
        if d.weekday() < 5:
            raise Refusal(
                "SCHEDULE_MAKEUP_NOT_WEEKEND",
                f"调休上班日 {d.isoformat()} 不是周末，本来就是工作日。",
                field=f"makeupWorkdays[{i}]",
            )
    return YearSchedule(year=year, holidays=holiday_set, makeup_workdays=frozenset(makeup_workdays))
