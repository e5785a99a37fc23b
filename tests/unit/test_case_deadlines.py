"""Penalty-case time limits and sums: late fee edges, due dates, working-day limits."""

from __future__ import annotations

from datetime import date

import pytest

from models.cases.deadlines import (
    add_working_days,
    amount_owed,
    decision_deadline,
    earliest_hearing_on,
    hearing_request_deadline,
    is_service_late,
    late_fee,
    payment_due,
    service_deadline,
)
from models.cases.guards import late_fee as late_fee_from_guards

DUE = date(2025, 6, 17)
HOLIDAY = date(2025, 6, 18)  # a Wednesday, off in the calendar below
MAKEUP = date(2025, 6, 21)  # a Saturday, worked in the calendar below


def weekdays(d: date) -> bool:
    return d.weekday() < 5


def holiday_only(d: date) -> bool:
    return weekdays(d) and d != HOLIDAY


def calendar(d: date) -> bool:
    return d == MAKEUP or (weekdays(d) and d != HOLIDAY)


@pytest.mark.parametrize(
    ("paid_on", "fee"),
    [
        (date(2025, 6, 1), 0),  # early
        (DUE, 0),  # day 0
        (date(2025, 6, 18), 30_00),  # day 1: 3 %
        (date(2025, 7, 20), 990_00),  # day 33: 99 %
        (date(2025, 7, 21), 1_000_00),  # day 34 would be 102 %: capped at the fine
        (date(2026, 6, 17), 1_000_00),
    ],
)
def test_late_fee_is_three_percent_a_day_capped_at_the_fine(paid_on: date, fee: int) -> None:
    assert late_fee(1_000_00, DUE, paid_on) == fee


def test_late_fee_rounds_once_half_up_to_the_fen() -> None:
    assert late_fee(50, DUE, date(2025, 6, 18)) == 2  # 1.5 fen
    assert late_fee(16, DUE, date(2025, 6, 18)) == 0  # 0.48 fen
    assert late_fee(16, DUE, date(2025, 6, 20)) == 1  # 3 days: 1.44 fen, not 3 × 0


def test_late_fee_of_no_fine_is_nothing_and_negative_fines_are_bugs() -> None:
    assert late_fee(0, DUE, date(2025, 12, 1)) == 0
    with pytest.raises(ValueError):
        late_fee(-1, DUE, DUE)


def test_late_fee_is_also_reachable_from_guards() -> None:
    assert late_fee_from_guards is late_fee


def test_payment_is_due_fifteen_calendar_days_after_service() -> None:
    assert payment_due(date(2025, 6, 2)) == DUE
    assert amount_owed(1_000_00, date(2025, 6, 2), date(2025, 6, 18)) == 1_030_00


def test_payment_due_on_a_holiday_moves_to_the_next_working_day() -> None:
    assert payment_due(date(2025, 6, 3)) == HOLIDAY
    assert payment_due(date(2025, 6, 3), calendar) == date(2025, 6, 19)
    assert payment_due(date(2025, 6, 6), calendar) == MAKEUP  # a worked Saturday stays
    assert payment_due(date(2025, 6, 7), calendar) == date(2025, 6, 23)  # Sunday → Monday


def test_decision_deadline_counts_ninety_days_plus_extensions() -> None:
    assert decision_deadline(date(2025, 3, 1)) == date(2025, 5, 30)
    assert decision_deadline(date(2025, 3, 1), 30) == date(2025, 6, 29)
    assert decision_deadline(date(2025, 3, 1), 30, weekdays) == date(2025, 6, 30)
    with pytest.raises(ValueError):
        decision_deadline(date(2025, 3, 1), -1)


def test_hearing_request_deadline_is_five_working_days() -> None:
    monday = date(2025, 6, 16)
    assert hearing_request_deadline(monday, weekdays) == date(2025, 6, 23)
    assert hearing_request_deadline(monday, holiday_only) == date(2025, 6, 24)
    # The holiday is skipped and the worked Saturday counts in its place.
    assert hearing_request_deadline(monday, calendar) == date(2025, 6, 23)


def test_hearing_notice_and_service_limits_are_seven_working_days() -> None:
    monday = date(2025, 6, 16)
    assert earliest_hearing_on(monday, weekdays) == date(2025, 6, 25)
    assert service_deadline(monday, weekdays) == date(2025, 6, 25)
    assert service_deadline(monday, holiday_only) == date(2025, 6, 26)
    assert service_deadline(monday, calendar) == date(2025, 6, 25)


def test_service_is_late_from_the_day_after_the_limit() -> None:
    monday = date(2025, 6, 16)
    assert not is_service_late(monday, date(2025, 6, 25), weekdays)
    assert is_service_late(monday, date(2025, 6, 26), weekdays)


def test_working_days_never_count_the_first_day() -> None:
    friday = date(2025, 6, 20)
    assert add_working_days(friday, 0, weekdays) == friday
    assert add_working_days(friday, 1, weekdays) == date(2025, 6, 23)


def test_a_calendar_without_working_days_fails_loudly() -> None:
    with pytest.raises(ValueError, match="no working days"):
        add_working_days(DUE, 1, lambda d: False)
    with pytest.raises(ValueError):
        add_working_days(DUE, -1, weekdays)
