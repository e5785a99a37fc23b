"""Department figures: open work by deadline flag and the on-time rate (按时办结率)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from models.applications import clock
from models.applications.rules import OPEN_STATUSES, Status
from models.applications.tables import Application
from models.calendar.rules import HolidayTable

# Still the authority's work: open, or decided and not yet served.
WORKING_STATUSES = [s.value for s in (*OPEN_STATUSES, Status.APPROVED, Status.DENIED)
                    if s is not Status.NEEDS_CORRECTION]
_FACT_COLUMNS = ("status", "suspended_from", "mode", "received_on", "accepted_on",
                 "decided_on", "promised_limit", "promised_limit_unit", "pauses")


@dataclass(frozen=True)
class DepartmentStats:
    open: int
    on_track: int
    due_soon: int
    overdue: int
    paused: int
    concluded: int
    concluded_on_time: int

    @property
    def on_time_rate(self) -> float | None:
        if not self.concluded:
            return None
        return round(self.concluded_on_time / self.concluded, 4)


class _Row:
    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


async def department_stats(department_id: str, *, today: date, table: HolidayTable,
                           decided_from: date | None = None,
                           decided_to: date | None = None) -> DepartmentStats:
    """Three statements. Flags are computed from each open application's clock
    facts, so they agree exactly with what the queue shows."""
    flags: Counter[clock.Flag] = Counter()
    rows = await Application.filter(department_id=department_id,
                                    status__in=WORKING_STATUSES).values(*_FACT_COLUMNS)
    for values in rows:
        flags[clock.view(table, clock.facts_of(_Row(values)), today).flag] += 1
    decided = Application.filter(department_id=department_id, decided_on__isnull=False)
    if decided_from:
        decided = decided.filter(decided_on__gte=decided_from)
    if decided_to:
        decided = decided.filter(decided_on__lte=decided_to)
    return DepartmentStats(
        open=len(rows), on_track=flags[clock.Flag.ON_TRACK], due_soon=flags[clock.Flag.DUE_SOON],
        overdue=flags[clock.Flag.OVERDUE], paused=flags[clock.Flag.PAUSED],
        concluded=await decided.count(),
        concluded_on_time=await decided.filter(on_time=True).count())
