"""The 办件 clocks, documents and second factors as pure functions (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from models.applications import clock, documents, numbers
from models.applications.clock import ClockFacts, DeadlineKind, Flag
from models.applications.rules import CrossProvinceMode, Status
from models.identity.pii import PiiCipher

TABLE = clock.holiday_table()
D = date


def test_beijing_day_of_an_instant_late_in_the_utc_day():
    assert clock.local_date(datetime(2025, 9, 30, 17, 0, tzinfo=UTC)) == D(2025, 10, 1)
    assert clock.local_date(datetime(2025, 9, 30, 15, 59, tzinfo=UTC)) == D(2025, 9, 30)


def test_intake_window_counts_make_up_workdays_and_skips_the_golden_week():
    assert clock.intake_deadline(TABLE, D(2025, 9, 26)).due == D(2025, 10, 10)
    facts = ClockFacts(Status.PRE_REVIEW, received_on=D(2025, 9, 26))
    assert not clock.correction_window_closed(TABLE, facts, D(2025, 10, 10))
    assert clock.correction_window_closed(TABLE, facts, D(2025, 10, 11))


def test_a_suspension_during_intake_holds_the_window_open():
    facts = ClockFacts(Status.SUSPENDED, suspended_from=Status.PRE_REVIEW,
                       received_on=D(2025, 9, 26), pauses=((D(2025, 9, 29), None),))
    assert not clock.correction_window_closed(TABLE, facts, D(2025, 12, 1))
    view = clock.view(TABLE, facts, D(2025, 12, 1))
    assert view.flag is Flag.PAUSED and view.deadline.days_left_at_pause == 4


def test_deemed_acceptance_moves_the_decision_clock_to_the_day_of_receipt():
    facts = ClockFacts(Status.PRE_REVIEW, received_on=D(2025, 9, 26), limit=5)
    kind, deadline, deemed = clock.active_deadline(TABLE, facts, D(2025, 10, 13))
    assert (kind, deadline.due, deemed) == (DeadlineKind.DECISION, D(2025, 10, 10), True)


def test_decision_deadline_with_a_closed_pause_and_an_open_one():
    closed = clock.decision_deadline(TABLE, D(2025, 9, 30), 5, "WORKING_DAY",
                                     ((D(2025, 10, 9), D(2025, 10, 13)),))
    assert closed.due == D(2025, 10, 17)
    running = clock.decision_deadline(TABLE, D(2025, 9, 30), 5, "WORKING_DAY",
                                      ((D(2025, 10, 9), None),))
    assert running.due is None and running.paused_since == D(2025, 10, 9)


def test_calendar_day_limits_skip_paused_days_and_leave_holidays():
    # 30 calendar days from 09-01 is 10-01, a holiday: the first working day after is 10-09
    assert clock.decision_deadline(TABLE, D(2025, 9, 1), 30, "CALENDAR_DAY").due == D(2025, 10, 9)
    paused = clock.decision_deadline(TABLE, D(2025, 11, 3), 10, "CALENDAR_DAY",
                                     ((D(2025, 11, 5), D(2025, 11, 8)),))
    assert paused.due == D(2025, 11, 17)  # 11-13 + 3 paused days, then off the weekend


def test_open_and_close_pause_are_idempotent():
    pauses = clock.open_pause((), D(2025, 10, 9))
    assert clock.open_pause(pauses, D(2025, 10, 10)) == pauses
    closed = clock.close_pause(pauses, D(2025, 10, 13))
    assert closed == ((D(2025, 10, 9), D(2025, 10, 13)),)
    assert clock.close_pause(closed, D(2025, 10, 20)) == closed
    assert clock.parse_pauses(clock.dump_pauses(closed)) == closed


@pytest.mark.parametrize(("today", "flag", "left"), [
    (D(2025, 10, 9), Flag.ON_TRACK, 4),  # 10-10, 10-11 (make-up Saturday), 10-13, 10-14
    (D(2025, 10, 11), Flag.DUE_SOON, 2),
    (D(2025, 10, 14), Flag.DUE_SOON, 0),
    (D(2025, 10, 15), Flag.OVERDUE, -1),
])
def test_flags_around_the_due_date(today, flag, left):
    facts = ClockFacts(Status.UNDER_REVIEW, accepted_on=D(2025, 9, 30), limit=5)
    view = clock.view(TABLE, facts, today)
    assert view.deadline.due == D(2025, 10, 14)
    assert (view.flag, view.working_days_left) == (flag, left)


def test_phases_without_an_authority_deadline():
    assert clock.view(TABLE, ClockFacts(Status.DRAFT), D(2025, 1, 6)).flag is Flag.NONE
    correction = ClockFacts(Status.NEEDS_CORRECTION, received_on=D(2025, 1, 2))
    assert clock.view(TABLE, correction, D(2025, 1, 6)).flag is Flag.PAUSED
    proxy = ClockFacts(Status.SUBMITTED, mode=CrossProvinceMode.PROXY)
    assert clock.sort_due(TABLE, proxy, D(2025, 1, 6)) == clock.NO_DUE
    delivered = ClockFacts(Status.DELIVERED, decided_on=D(2025, 1, 2))
    assert clock.view(TABLE, delivered, D(2025, 1, 6)).kind is None


def test_licence_delivery_limit_is_ten_working_days_after_the_decision():
    facts = ClockFacts(Status.APPROVED, decided_on=D(2025, 9, 30))
    kind, deadline, _ = clock.active_deadline(TABLE, facts, D(2025, 10, 9))
    assert kind is DeadlineKind.DELIVERY and deadline.due == D(2025, 10, 21)


def test_every_document_kind_renders_with_number_and_signature():
    facts = documents.DocumentFacts(
        application_number="33010620251009000001", matter_name="食品经营许可",
        applicant_name="张伟", department_name="西湖区市场监督管理局",
        issued_on=D(2025, 10, 9), position=3, received_on=D(2025, 9, 26),
        decision_due=D(2025, 10, 17), promised_limit=5, reason="理由",
        missing_items=("甲", "乙"), procedure_kind="HEARING", delivery_method="POST",
        tracking_number="SF1", handling_department_name="鄞州区人力资源和社会保障局")
    for kind in documents.DocumentKind:
        rendered = documents.render(kind, facts)
        assert rendered.number.startswith("33010620251009000001-")
        assert rendered.body.endswith("西湖区市场监督管理局\n2025年10月9日")
    notice = documents.render(documents.DocumentKind.CORRECTION_NOTICE, facts).body
    assert "1. 甲\n2. 乙" in notice


def test_query_code_and_phone_tail_match_only_their_application():
    pii = PiiCipher.from_secret("a-test-secret-of-enough-length")
    code = numbers.new_query_code()
    enc = numbers.encrypt_query_code(pii, code)
    tail = numbers.phone_tail_index(pii, "33010620251009000001", "13900001234")
    check = {"number": "33010620251009000001", "query_code_enc": enc,
             "phone_tail_index_value": tail}
    assert numbers.second_factor_matches(pii, **check, code=code.lower(), phone_tail=None)
    assert numbers.second_factor_matches(pii, **check, code=None, phone_tail="1234")
    assert not numbers.second_factor_matches(pii, **check, code="ZZZZZZZZ", phone_tail="1235")
    other = {**check, "number": "33010620251009000002"}
    assert not numbers.second_factor_matches(pii, **other, code=None, phone_tail="1234")
