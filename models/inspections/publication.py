"""公示 deadlines: results are published within 20 working days of the inspection."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from models.calendar.rules import HolidayTable, add_working_days, deadline_status
from models.calendar.seed import covered_years, schedules_from_chinesecalendar
from models.inspections.rules import PUBLICATION_WORKING_DAYS

LOCAL = ZoneInfo("Asia/Shanghai")  # working days are counted on the local calendar


class PublicationStatus(StrEnum):
    """公示状态."""

    NOT_DUE = "NOT_DUE"  # inspection not finished yet
    ON_TRACK = "ON_TRACK"
    DUE_SOON = "DUE_SOON"
    OVERDUE = "OVERDUE"
    PUBLISHED_ON_TIME = "PUBLISHED_ON_TIME"
    PUBLISHED_LATE = "PUBLISHED_LATE"


@lru_cache(maxsize=1)
def holiday_table() -> HolidayTable:
    """The statutory holiday calendar shipped with ``chinesecalendar``. Years it
    lacks count weekends only and make the due date provisional."""
    return HolidayTable(schedules_from_chinesecalendar(covered_years()))


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


def publication_due(finished_at: datetime,
                    table: HolidayTable | None = None) -> tuple[date, bool]:
    """(due date, provisional) for a result inspected at ``finished_at``."""
    deadline = add_working_days(table or holiday_table(), local_date(finished_at),
                                PUBLICATION_WORKING_DAYS)
    assert deadline.due is not None  # no pauses: always a date
    return deadline.due, deadline.provisional


def publication_status(due: date | None, published_at: datetime | None, now: datetime,
                       table: HolidayTable | None = None) -> PublicationStatus:
    if due is None:
        return PublicationStatus.NOT_DUE
    if published_at is not None:
        on_time = local_date(published_at) <= due
        return PublicationStatus.PUBLISHED_ON_TIME if on_time else PublicationStatus.PUBLISHED_LATE
    return PublicationStatus(deadline_status(table or holiday_table(), due, local_date(now)))
