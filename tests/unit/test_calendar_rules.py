"""Working-day rules against the real 2025–2026 State Council schedules."""

from __future__ import annotations

from datetime import date

import pytest

from models.calendar.rules import (
    Deadline,
    HolidayTable,
    YearSchedule,
    add_calendar_days,
    add_working_days,
    calendar_deadline,
    deadline_status,
    extend_if_non_working,
    validate_schedule,
    working_days_between,
)
from models.calendar.seed import covered_years, schedules_from_chinesecalendar
from models.errors import Refusal

# Only 2025 and 2026 are seeded, so 2027 stays missing even after the package
# learns it. Calendar facts used below (checked in the first test):
#   2025: Sep 28 Sun and Oct 11 Sat are make-up workdays; Oct 1 (Wed)..8 off.
#   2026: Jan 1 (Thu)..3 off, Jan 4 Sun worked; Feb 15 (Sun)..23 off,
#         Feb 14 Sat and Feb 28 Sat worked. Dec 31 2026 is a Thursday.
TABLE = HolidayTable(schedules_from_chinesecalendar([2025, 2026]))


def test_weekday_facts_the_expected_values_rely_on() -> None:
    # weekday(): Monday 0 .. Sunday 6
    assert date(2025, 9, 28).weekday() == 6
    assert date(2025, 10, 1).weekday() == 2
    assert date(2025, 10, 11).weekday() == 5
    assert date(2025, 11, 3).weekday() == 0
    assert date(2026, 2, 14).weekday() == 5
    assert date(2026, 12, 31).weekday() == 3


# --- seed ------------------------------------------------------------------


def test_seed_holds_the_2025_national_day_break_and_its_makeup_days() -> None:
    schedule = schedules_from_chinesecalendar([2025])[2025]
    assert {date(2025, 10, d) for d in range(1, 9)} <= schedule.holidays
    assert date(2025, 9, 28) in schedule.makeup_workdays
    assert date(2025, 10, 11) in schedule.makeup_workdays


def test_seed_holds_all_2026_makeup_workdays() -> None:
    schedule = schedules_from_chinesecalendar([2026])[2026]
    assert schedule.makeup_workdays == {
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    }


def test_seed_skips_years_the_package_lacks_instead_of_raising() -> None:
    assert 2100 not in covered_years()
    assert set(schedules_from_chinesecalendar([2026, 2100, 1999])) == {2026}


def test_covered_years_include_the_seeded_years() -> None:
    assert 2004 in covered_years()
    assert 2026 in covered_years()


def test_every_seeded_year_passes_the_administrator_validation() -> None:
    for year, s in schedules_from_chinesecalendar(covered_years()).items():
        assert validate_schedule(year, sorted(s.holidays), sorted(s.makeup_workdays)) == s


# --- is_working_day ----------------------------------------------------------


def test_makeup_sunday_and_saturday_are_working_days() -> None:
    assert TABLE.is_working_day(date(2025, 9, 28))
    assert TABLE.is_working_day(date(2025, 10, 11))


def test_weekday_holiday_and_plain_weekend_are_not_working_days() -> None:
    assert not TABLE.is_working_day(date(2025, 10, 8))  # Wed, holiday
    assert not TABLE.is_working_day(date(2025, 10, 12))  # plain Sunday


def test_year_without_schedule_counts_weekends_only() -> None:
    assert not TABLE.has_schedule(2027)
    assert TABLE.is_working_day(date(2027, 1, 1))  # Fri; New Year unknown yet
    assert not TABLE.is_working_day(date(2027, 1, 2))  # Sat


def test_table_refuses_a_schedule_filed_under_another_year() -> None:
    s = YearSchedule(2027, frozenset(), frozenset())
    with pytest.raises(ValueError):
        HolidayTable({2028: s})


# --- add_working_days --------------------------------------------------------


def test_twenty_working_days_across_national_day_2025() -> None:
    # Accepted Thu 2025-09-25; counting starts Fri 09-26:
    # 09-26(1) 09-28 Sun make-up(2) 09-29(3) 09-30(4), 10-01..08 off,
    # 10-09(5) 10-10(6) 10-11 Sat make-up(7), 10-13..17(8-12),
    # 10-20..24(13-17), 10-27(18) 10-28(19) 10-29(20).
    # (Weekends only would give 10-23.)
    assert add_working_days(TABLE, date(2025, 9, 25), 20) == Deadline(
        due=date(2025, 10, 29), provisional=False
    )


def test_makeup_saturday_counts_as_a_working_day() -> None:
    # From Fri 10-10: day 1 is Sat 10-11 (make-up), day 2 Mon 10-13.
    assert add_working_days(TABLE, date(2025, 10, 10), 1).due == date(2025, 10, 11)
    assert add_working_days(TABLE, date(2025, 10, 10), 2).due == date(2025, 10, 13)


def test_start_day_is_not_counted() -> None:
    # From Mon 2025-11-03, day 1 is Tue 11-04 (行政许可法 Art. 82).
    assert add_working_days(TABLE, date(2025, 11, 3), 1).due == date(2025, 11, 4)


def test_zero_working_days_is_due_on_the_start_day() -> None:
    assert add_working_days(TABLE, date(2025, 11, 3), 0).due == date(2025, 11, 3)


def test_negative_working_days_are_rejected() -> None:
    with pytest.raises(ValueError):
        add_working_days(TABLE, date(2025, 11, 3), -1)


def test_spring_festival_2026_is_skipped_and_its_saturdays_count() -> None:
    # From Thu 02-12: 02-13(1) 02-14 Sat make-up(2), 02-15..23 off,
    # 02-24(3) 02-25(4) 02-26(5) 02-27(6) 02-28 Sat make-up(7), 03-02 Mon(8).
    assert add_working_days(TABLE, date(2026, 2, 12), 5).due == date(2026, 2, 26)
    assert add_working_days(TABLE, date(2026, 2, 12), 8).due == date(2026, 3, 2)


def test_deadline_into_unscheduled_2027_is_provisional_and_skips_weekends() -> None:
    # From Mon 2026-12-28: 12-29(1) 12-30(2) 12-31(3), Fri 2027-01-01(4:
    # New Year not known yet), Sat/Sun skipped, Mon 01-04(5).
    assert add_working_days(TABLE, date(2026, 12, 28), 5) == Deadline(
        due=date(2027, 1, 4), provisional=True
    )


def test_deadline_ending_in_2026_is_not_provisional() -> None:
    assert add_working_days(TABLE, date(2026, 12, 28), 3) == Deadline(
        due=date(2026, 12, 31), provisional=False
    )


def test_entering_the_2027_schedule_makes_the_deadline_final() -> None:
    schedule_2027 = validate_schedule(
        2027, [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)], []
    )
    table = TABLE.with_schedule(schedule_2027)
    # As above, but Fri 01-01 is now off: 01-04(4) 01-05(5).
    assert add_working_days(table, date(2026, 12, 28), 5) == Deadline(
        due=date(2027, 1, 5), provisional=False
    )
    assert TABLE.missing_years([2026, 2027]) == [2027]
    assert table.missing_years([2026, 2027]) == []


# --- pauses (November 2025 has no holidays; 11-03 is a Monday) ----------------
# Without pauses, 5 working days from Mon 11-03 end on Mon 11-10.


def test_pause_extends_the_deadline_by_the_working_days_paused() -> None:
    # Paused Wed 11-05 and Thu 11-06 (end 11-07 exclusive):
    # 11-04(1) 11-07(2) 11-10(3) 11-11(4) 11-12(5).
    d = add_working_days(
        TABLE, date(2025, 11, 3), 5, pauses=[(date(2025, 11, 5), date(2025, 11, 7))]
    )
    assert d.due == date(2025, 11, 12)


def test_pause_over_a_weekend_only_does_not_extend() -> None:
    d = add_working_days(
        TABLE, date(2025, 11, 3), 5, pauses=[(date(2025, 11, 8), date(2025, 11, 10))]
    )
    assert d.due == date(2025, 11, 10)


def test_overlapping_pauses_count_each_day_once() -> None:
    # Union is 11-04..06 (3 working days): 11-07(1) 11-10..13(2-5).
    pauses = [(date(2025, 11, 4), date(2025, 11, 6)), (date(2025, 11, 5), date(2025, 11, 7))]
    assert add_working_days(TABLE, date(2025, 11, 3), 5, pauses=pauses).due == date(2025, 11, 13)


def test_open_pause_reports_paused_with_working_days_left() -> None:
    # Counted 11-04(1) 11-05(2); clock stopped from Thu 11-06 with 3 left.
    d = add_working_days(TABLE, date(2025, 11, 3), 5, pauses=[(date(2025, 11, 6), None)])
    assert d == Deadline(
        due=None, provisional=False, paused_since=date(2025, 11, 6), days_left_at_pause=3
    )
    assert d.is_paused


def test_closing_the_pause_resumes_counting_on_its_end_day() -> None:
    # Resubmitted Mon 11-17, which counts: 11-17(3) 11-18(4) 11-19(5).
    d = add_working_days(
        TABLE, date(2025, 11, 3), 5, pauses=[(date(2025, 11, 6), date(2025, 11, 17))]
    )
    assert d.due == date(2025, 11, 19)


def test_open_pause_after_the_due_date_leaves_it_unchanged() -> None:
    d = add_working_days(TABLE, date(2025, 11, 3), 5, pauses=[(date(2025, 11, 20), None)])
    assert d == Deadline(due=date(2025, 11, 10), provisional=False)


def test_pause_ending_before_it_begins_is_rejected() -> None:
    with pytest.raises(ValueError):
        add_working_days(
            TABLE, date(2025, 11, 3), 5, pauses=[(date(2025, 11, 7), date(2025, 11, 5))]
        )


def test_deadline_cannot_be_both_due_and_paused() -> None:
    with pytest.raises(ValueError):
        Deadline(
            due=date(2025, 11, 10),
            provisional=False,
            paused_since=date(2025, 11, 6),
            days_left_at_pause=1,
        )


# --- calendar-day limits ------------------------------------------------------


def test_ninety_days_after_filing_landing_on_national_day_moves_to_10_09() -> None:
    # 07-03 + 28 = 07-31, + 31 = 08-31, + 30 = 09-30, + 1 = 10-01 (day 90),
    # a holiday; the break ends 10-08, so the period ends Thu 10-09.
    assert add_calendar_days(date(2025, 7, 3), 90) == date(2025, 10, 1)
    assert calendar_deadline(TABLE, date(2025, 7, 3), 90) == Deadline(
        due=date(2025, 10, 9), provisional=False
    )


def test_last_day_on_a_working_day_is_not_moved() -> None:
    # 09-15 + 15 = Tue 09-30.
    assert calendar_deadline(TABLE, date(2025, 9, 15), 15).due == date(2025, 9, 30)


def test_last_day_on_a_makeup_saturday_is_not_moved() -> None:
    # 09-26 + 15 = Sat 10-11, a make-up workday, not a 节假日.
    assert extend_if_non_working(TABLE, date(2025, 10, 11)) == date(2025, 10, 11)
    assert calendar_deadline(TABLE, date(2025, 9, 26), 15).due == date(2025, 10, 11)


def test_last_day_on_a_plain_sunday_moves_to_monday() -> None:
    assert extend_if_non_working(TABLE, date(2025, 11, 9)) == date(2025, 11, 10)


def test_calendar_limit_ending_in_unscheduled_2027_is_provisional() -> None:
    # 12-18 + 15 = Sat 2027-01-02 -> Mon 01-04 under weekends-only rules.
    assert calendar_deadline(TABLE, date(2026, 12, 18), 15) == Deadline(
        due=date(2027, 1, 4), provisional=True
    )


# --- working_days_between and deadline_status ------------------------------------


def test_working_days_between_excludes_start_and_includes_end() -> None:
    # (09-30, 10-10]: only 10-09 and 10-10 are working days.
    assert working_days_between(TABLE, date(2025, 9, 30), date(2025, 10, 10)) == 2
    # (09-26, 09-28]: Sat 09-27 off, Sun 09-28 make-up.
    assert working_days_between(TABLE, date(2025, 9, 26), date(2025, 9, 28)) == 1
    assert working_days_between(TABLE, date(2025, 9, 30), date(2025, 9, 30)) == 0


def test_working_days_between_is_negative_when_end_is_earlier() -> None:
    assert working_days_between(TABLE, date(2025, 10, 10), date(2025, 9, 30)) == -2


def test_status_on_the_due_date_is_due_soon_and_the_day_after_overdue() -> None:
    due = date(2025, 10, 13)
    assert deadline_status(TABLE, due, date(2025, 10, 13)) == "DUE_SOON"
    assert deadline_status(TABLE, due, date(2025, 10, 14)) == "OVERDUE"


def test_status_counts_the_makeup_saturday_when_measuring_due_soon() -> None:
    due = date(2025, 10, 13)
    # From Fri 10-10: 10-11 (make-up) and 10-13 remain -> 2 -> DUE_SOON.
    assert deadline_status(TABLE, due, date(2025, 10, 10)) == "DUE_SOON"
    # From Thu 10-09: 10-10, 10-11, 10-13 remain -> 3 -> ON_TRACK.
    assert deadline_status(TABLE, due, date(2025, 10, 9)) == "ON_TRACK"


def test_holiday_break_makes_a_far_calendar_date_due_soon() -> None:
    # Nine calendar days away but only 10-09 is a working day in (09-30, 10-09].
    assert deadline_status(TABLE, date(2025, 10, 9), date(2025, 9, 30)) == "DUE_SOON"


def test_due_soon_window_of_zero_flags_only_the_last_day() -> None:
    due = date(2025, 11, 10)
    assert deadline_status(TABLE, due, date(2025, 11, 10), due_soon_days=0) == "DUE_SOON"
    assert deadline_status(TABLE, due, date(2025, 11, 7), due_soon_days=0) == "ON_TRACK"


# --- validate_schedule ----------------------------------------------------------


def _refusal(year: int, holidays: list[date], makeup: list[date]) -> Refusal:
    with pytest.raises(Refusal) as info:
        validate_schedule(year, holidays, makeup)
    return info.value


def test_schedule_refuses_a_date_outside_the_year() -> None:
    r = _refusal(2027, [date(2027, 1, 1), date(2026, 12, 31)], [])
    assert (r.code, r.field) == ("SCHEDULE_DATE_OUTSIDE_YEAR", "holidays[1]")
    assert "2026-12-31" in r.message


def test_schedule_refuses_a_makeup_day_outside_the_year() -> None:
    r = _refusal(2027, [date(2027, 1, 1)], [date(2028, 1, 8)])
    assert (r.code, r.field) == ("SCHEDULE_DATE_OUTSIDE_YEAR", "makeupWorkdays[0]")


def test_schedule_refuses_a_date_both_off_and_worked() -> None:
    # 2027-02-06 is a Saturday, so only the conflict is wrong.
    r = _refusal(2027, [date(2027, 1, 1), date(2027, 2, 6)], [date(2027, 2, 6)])
    assert (r.code, r.field) == ("SCHEDULE_DATE_CONFLICT", "makeupWorkdays[0]")
    assert "2027-02-06" in r.message


def test_schedule_refuses_a_makeup_workday_on_a_weekday() -> None:
    # 2027-02-05 is a Friday.
    r = _refusal(2027, [date(2027, 1, 1)], [date(2027, 2, 6), date(2027, 2, 5)])
    assert (r.code, r.field) == ("SCHEDULE_MAKEUP_NOT_WEEKEND", "makeupWorkdays[1]")
    assert "2027-02-05" in r.message


def test_schedule_refuses_an_empty_holiday_list() -> None:
    r = _refusal(2027, [], [])
    assert (r.code, r.field) == ("SCHEDULE_EMPTY", "holidays")


def test_valid_schedule_keeps_each_date_once() -> None:
    s = validate_schedule(2027, [date(2027, 1, 1), date(2027, 1, 1)], [date(2027, 2, 6)])
    assert s == YearSchedule(2027, frozenset({date(2027, 1, 1)}), frozenset({date(2027, 2, 6)}))
