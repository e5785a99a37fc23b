"""The working-day clocks of one 办件, computed on read from stored facts.

Three limits apply in turn (行政许可法):

- INTAKE (Art. 32): 5 working days from receipt to tell the applicant every
  missing item at once. When that passes in silence the application counts as
  accepted from the day of receipt, so the decision clock runs from then
  (``deemed_accepted``).
- DECISION (Art. 42): from acceptance; counted against the 承诺时限 the
  applicant was promised (never longer than the legal limit), paused for
  special procedures (Art. 45) and suspensions.
- DELIVERY (Art. 44): the decision is served within 10 working days.

While the applicant is correcting materials no authority deadline runs: the
receipt date starts again on resubmission. Every function here is pure: the
calendar and "today" are passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from functools import lru_cache

from models.applications.rules import CrossProvinceMode, Status
from models.calendar.rules import (
    Deadline,
    HolidayTable,
    add_working_days,
    deadline_status,
    working_days_between,
)
from models.calendar.seed import covered_years, schedules_from_chinesecalendar

# China keeps one time zone and no daylight saving: a fixed offset is exact.
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
INTAKE_WORKING_DAYS = 5
DELIVERY_WORKING_DAYS = 10
DUE_SOON_WORKING_DAYS = 2
NO_DUE = date(9999, 12, 31)  # sorts after every real deadline

Pause = tuple[date, date | None]


class DeadlineKind(StrEnum):
    INTAKE = "INTAKE"
    DECISION = "DECISION"
    DELIVERY = "DELIVERY"


class Flag(StrEnum):
    """办件时效状态."""

    ON_TRACK = "ON_TRACK"
    DUE_SOON = "DUE_SOON"
    OVERDUE = "OVERDUE"
    PAUSED = "PAUSED"
    NONE = "NONE"


KIND_LABELS = {DeadlineKind.INTAKE: "受理审查期限（收到申请之日起5个工作日）",
               DeadlineKind.DECISION: "办理期限（承诺时限）",
               DeadlineKind.DELIVERY: "结果送达期限（决定之日起10个工作日）"}
FLAG_LABELS = {Flag.ON_TRACK: "正常", Flag.DUE_SOON: "即将到期", Flag.OVERDUE: "已超期",
               Flag.PAUSED: "暂停计时", Flag.NONE: "不计时"}

_INTAKE = frozenset({Status.SUBMITTED, Status.PRE_REVIEW})
_DECIDING = frozenset({Status.ACCEPTED, Status.UNDER_REVIEW, Status.SPECIAL_PROCEDURE})
_DELIVERING = frozenset({Status.APPROVED, Status.DENIED})


def local_date(moment: datetime) -> date:
    """The Beijing calendar day of an instant: working days are Beijing days."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING).date()


@lru_cache(maxsize=1)
def holiday_table() -> HolidayTable:
    """Built once per process from the chinesecalendar data (2004–2026 today);
    years after that count weekends only and mark deadlines provisional."""
    return HolidayTable(schedules_from_chinesecalendar(covered_years()))


@dataclass(frozen=True)
class ClockFacts:
    """What the clocks need of an application (all dates are Beijing days)."""

    status: Status
    suspended_from: Status | None = None
    mode: CrossProvinceMode = CrossProvinceMode.NONE
    received_on: date | None = None
    accepted_on: date | None = None
    decided_on: date | None = None
    limit: int = 20
    limit_unit: str = "WORKING_DAY"
    pauses: tuple[Pause, ...] = ()

    @property
    def phase_status(self) -> Status:
        """The status whose clock applies: a suspension keeps the clock it stopped."""
        return self.suspended_from if self.status is Status.SUSPENDED and self.suspended_from \
            else self.status


@dataclass(frozen=True)
class ClockView:
    kind: DeadlineKind | None
    deadline: Deadline | None
    flag: Flag
    deemed_accepted: bool
    working_days_left: int | None


def parse_pauses(raw: Sequence[Sequence[str | None]]) -> tuple[Pause, ...]:
    return tuple((date.fromisoformat(str(b)), date.fromisoformat(e) if e else None)
                 for b, e in raw)


def dump_pauses(pauses: Sequence[Pause]) -> list[list[str | None]]:
    return [[b.isoformat(), e.isoformat() if e else None] for b, e in pauses]


def open_pause(pauses: Sequence[Pause], day: date) -> tuple[Pause, ...]:
    """Start a pause on ``day`` (a running one is left as it is)."""
    if any(end is None for _, end in pauses):
        return tuple(pauses)
    return (*pauses, (day, None))


def close_pause(pauses: Sequence[Pause], day: date) -> tuple[Pause, ...]:
    """End the running pause: the clock counts again from ``day``."""
    return tuple((begin, max(begin, day) if end is None else end) for begin, end in pauses)


def intake_deadline(table: HolidayTable, received_on: date,
                    pauses: Sequence[Pause] = ()) -> Deadline:
    return add_working_days(table, received_on, INTAKE_WORKING_DAYS, pauses=pauses)


def decision_deadline(table: HolidayTable, start: date, limit: int, unit: str,
                      pauses: Sequence[Pause] = ()) -> Deadline:
    if unit == "CALENDAR_DAY":
        return _calendar_deadline(table, start, limit, pauses)
    return add_working_days(table, start, limit, pauses=pauses)


def _calendar_deadline(table: HolidayTable, start: date, limit: int,
                       pauses: Sequence[Pause]) -> Deadline:
    # Calendar-day limits skip paused days one for one; the last day moves off a holiday.
    counted, day = 0, start
    provisional = False
    while counted < limit:
        day += timedelta(days=1)
        for begin, end in pauses:
            if end is None and day >= begin:
                return Deadline(due=None, provisional=provisional, paused_since=begin,
                                days_left_at_pause=limit - counted)
        if any(begin <= day < end for begin, end in pauses if end is not None):
            continue
        counted += 1
    while not table.is_working_day(day):
        day += timedelta(days=1)
    provisional = bool(table.missing_years(range(start.year, day.year + 1)))
    return Deadline(due=day, provisional=provisional)


def delivery_deadline(table: HolidayTable, decided_on: date) -> Deadline:
    return add_working_days(table, decided_on, DELIVERY_WORKING_DAYS)


def correction_window_closed(table: HolidayTable, facts: ClockFacts, today: date) -> bool:
    """Art. 32: past the 5th working day after receipt (pauses excluded)."""
    if facts.received_on is None:
        return False
    deadline = intake_deadline(table, facts.received_on, facts.pauses)
    return deadline.due is not None and today > deadline.due


def active_deadline(table: HolidayTable, facts: ClockFacts, today: date
                    ) -> tuple[DeadlineKind | None, Deadline | None, bool]:
    """(kind, deadline, deemed accepted) of the clock running in this phase."""
    phase = facts.phase_status
    if phase in _INTAKE and facts.received_on is not None:
        if correction_window_closed(table, facts, today):
            return DeadlineKind.DECISION, decision_deadline(
                table, facts.received_on, facts.limit, facts.limit_unit, facts.pauses), True
        return DeadlineKind.INTAKE, intake_deadline(table, facts.received_on,
                                                    facts.pauses), False
    if phase in _DECIDING and facts.accepted_on is not None:
        return DeadlineKind.DECISION, decision_deadline(
            table, facts.accepted_on, facts.limit, facts.limit_unit, facts.pauses), False
    if phase in _DELIVERING and facts.decided_on is not None:
        return DeadlineKind.DELIVERY, delivery_deadline(table, facts.decided_on), False
    return None, None, False


def view(table: HolidayTable, facts: ClockFacts, today: date) -> ClockView:
    """The deadline a client shows, with its due-soon / overdue flag."""
    kind, deadline, deemed = active_deadline(table, facts, today)
    if facts.status is Status.NEEDS_CORRECTION:
        return ClockView(None, None, Flag.PAUSED, False, None)
    if deadline is None:
        return ClockView(None, None, Flag.NONE, False, None)
    if deadline.due is None:  # a pause with no end yet: no date can be promised
        return ClockView(kind, deadline, Flag.PAUSED, deemed, None)
    flag = Flag(deadline_status(table, deadline.due, today,
                                due_soon_days=DUE_SOON_WORKING_DAYS))
    return ClockView(kind, deadline, flag, deemed,
                     working_days_between(table, today, deadline.due))


def sort_due(table: HolidayTable, facts: ClockFacts, today: date) -> date:
    """The queue sort key: the running deadline's due date, NO_DUE when none runs."""
    _kind, deadline, _deemed = active_deadline(table, facts, today)
    if deadline is None or deadline.due is None:
        return NO_DUE
    return deadline.due


def facts_of(row: object) -> ClockFacts:
    """ClockFacts from a stored application row (any object with its columns)."""
    get = row.__getattribute__
    suspended = get("suspended_from")
    return ClockFacts(
        status=Status(get("status")), suspended_from=Status(suspended) if suspended else None,
        mode=CrossProvinceMode(get("mode")), received_on=get("received_on"),
        accepted_on=get("accepted_on"), decided_on=get("decided_on"),
        limit=get("promised_limit"), limit_unit=get("promised_limit_unit"),
        pauses=parse_pauses(get("pauses") or []))
