"""差评 follow-up case: every (state, action, role), deadlines, appeals, 追评, escalation."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from models.errors import Refusal
from models.ratings.followup import (
    Action,
    CloseReason,
    FollowupCase,
    FollowupPolicy,
    Role,
    Status,
    Step,
    apply,
    available_actions,
    open_case,
    overdue_steps,
    rectify_deadline,
)

# Monday 2024-05-06 10:00 Beijing time.
T0 = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)
POLICY = FollowupPolicy()
# Contact due T0 + 24 h. Rectify due: rating day 05-06 + 15 days = 05-21, ending at
# 24:00 Beijing time = 2024-05-21 16:00 UTC.
RECTIFY_DUE = datetime(2024, 5, 21, 16, 0, tzinfo=UTC)
FULL = {
    "summary": "已电话回访，情况属实",
    "plan": "精简材料清单",
    "feedback": "已整改并电话告知",
    "level": 4,
    "reason": "属恶意差评",
    "comment": "复核意见",
}
STAFF, SUPERVISOR, RATER, SYSTEM = (
    Role.DEPARTMENT_STAFF,
    Role.SUPERVISOR,
    Role.RATER,
    Role.SYSTEM,
)


def h(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def d(days: float) -> datetime:
    return T0 + timedelta(days=days)


def refused(code: str, *args, **kwargs) -> Refusal:
    with pytest.raises(Refusal) as info:
        apply(*args, **kwargs)
    assert info.value.code == code
    return info.value


def case_in(status: Status) -> FollowupCase:
    """A fresh case walked to ``status`` on time (appeal and 追评 unused)."""
    case = open_case(T0, POLICY)
    if status is Status.APPEALED:
        return apply(case, Action.APPEAL, STAFF, FULL, now=h(1))
    steps = [
        (Action.CONTACT, STAFF, h(2)),
        (Action.START_RECTIFICATION, STAFF, h(3)),
        (Action.FEED_BACK, STAFF, d(5)),
        (Action.CLOSE_WITHOUT_FOLLOWUP, SYSTEM, d(13)),
    ]
    while case.status is not status:
        action, role, now = steps.pop(0)
        case = apply(case, action, role, FULL, now=now)
    return case


# The expected table, written out independently of the module's own table.
LEGAL = {
    (Status.OPEN, Action.CONTACT): (STAFF, Status.CONTACTED),
    (Status.CONTACTED, Action.START_RECTIFICATION): (STAFF, Status.RECTIFYING),
    (Status.RECTIFYING, Action.FEED_BACK): (STAFF, Status.FED_BACK),
    (Status.FED_BACK, Action.FOLLOWUP_RATE): (RATER, Status.CLOSED),
    (Status.FED_BACK, Action.CLOSE_WITHOUT_FOLLOWUP): (SYSTEM, Status.CLOSED),
    (Status.OPEN, Action.APPEAL): (STAFF, Status.APPEALED),
    (Status.CONTACTED, Action.APPEAL): (STAFF, Status.APPEALED),
    (Status.RECTIFYING, Action.APPEAL): (STAFF, Status.APPEALED),
    (Status.APPEALED, Action.UPHOLD_APPEAL): (SUPERVISOR, Status.CLOSED),
    # case_in(APPEALED) appealed from OPEN, so a rejection returns there.
    (Status.APPEALED, Action.REJECT_APPEAL): (SUPERVISOR, Status.OPEN),
    (Status.OPEN, Action.ESCALATE): (SYSTEM, Status.OPEN),
    (Status.CONTACTED, Action.ESCALATE): (SYSTEM, Status.CONTACTED),
    (Status.RECTIFYING, Action.ESCALATE): (SYSTEM, Status.RECTIFYING),
    (Status.APPEALED, Action.ESCALATE): (SYSTEM, Status.APPEALED),
}
ACTION_ROLE = {action: role for (_, action), (role, _) in LEGAL.items()}


def walk_time(action: Action) -> datetime:
    # ESCALATE needs an overdue step and CLOSE_WITHOUT_FOLLOWUP an expired 追评
    # window (feedback at d5 + 7 days); everything else happens at d6.
    return d(20) if action in (Action.ESCALATE, Action.CLOSE_WITHOUT_FOLLOWUP) else d(6)


def expected_refusal(status: Status, action: Action, role: Role) -> str:
    if role is not ACTION_ROLE[action]:
        return "ROLE_NOT_ALLOWED"
    if status is Status.OPEN and action in (Action.START_RECTIFICATION, Action.FEED_BACK):
        return "CONTACT_REQUIRED_FIRST"
    if status is Status.APPEALED and action is Action.APPEAL:
        return "APPEAL_ALREADY_USED"
    return "ILLEGAL_TRANSITION"


@pytest.mark.parametrize(
    ("status", "action", "role"), list(itertools.product(Status, Action, Role))
)
def test_every_state_action_role(status, action, role):
    case = case_in(status)
    legal = LEGAL.get((status, action))
    if legal is not None and legal[0] is role:
        assert apply(case, action, role, FULL, now=walk_time(action)).status is legal[1]
    else:
        refused(
            expected_refusal(status, action, role), case, action, role, FULL, now=walk_time(action)
        )


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("now", [h(1), d(6), d(13), d(20)])
def test_available_actions_agree_with_apply(status, role, now):
    case = case_in(status)
    accepted = set()
    for action in Action:
        try:
            apply(case, action, role, FULL, now=now)
        except Refusal:
            continue
        accepted.add(action)
    assert set(available_actions(case, role, now=now)) == accepted


def test_deadlines_are_fixed_when_the_case_opens():
    case = open_case(T0, POLICY)
    assert case.status is Status.OPEN and case.close_reason is None
    assert case.contact_due == h(24)
    assert case.rectify_due == RECTIFY_DUE


def test_rectify_deadline_counts_from_the_beijing_date_of_the_rating():
    # 2024-05-06 17:00 UTC is already 05-07 01:00 in Beijing: 05-07 + 15 = 05-22,
    # ending 05-23 00:00 Beijing = 05-22 16:00 UTC.
    rated = datetime(2024, 5, 6, 17, 0, tzinfo=UTC)
    assert rectify_deadline(rated, POLICY) == datetime(2024, 5, 22, 16, 0, tzinfo=UTC)


def test_rectify_deadline_in_working_days_skips_weekends_and_holidays():
    policy = FollowupPolicy(rectify_days=15, rectify_in_working_days=True)
    weekdays = lambda day: day.weekday() < 5  # noqa: E731
    # From Mon 05-06, not counted: 05-07..10 (4), 05-13..17 (9), 05-20..24 (14), Mon 05-27 (15);
    # due at its end, 05-28 00:00 Beijing = 05-27 16:00 UTC.
    assert rectify_deadline(T0, policy, is_working_day=weekdays) == datetime(
        2024, 5, 27, 16, 0, tzinfo=UTC
    )
    holiday = date(2024, 5, 8)
    # One holiday inside the period pushes the deadline to Tue 05-28.
    assert rectify_deadline(
        T0, policy, is_working_day=lambda day: weekdays(day) and day != holiday
    ) == datetime(2024, 5, 28, 16, 0, tzinfo=UTC)


def test_working_day_policy_without_a_calendar_is_a_programming_error():
    with pytest.raises(ValueError):
        open_case(T0, FollowupPolicy(rectify_in_working_days=True))


def test_calendar_without_working_days_cannot_place_a_deadline():
    policy = FollowupPolicy(rectify_in_working_days=True)
    with pytest.raises(ValueError):
        rectify_deadline(T0, policy, is_working_day=lambda day: False)


@pytest.mark.parametrize(
    "kwargs", [{"contact_hours": 0}, {"rectify_days": 0}, {"rectify_warn_days": -1}]
)
def test_policy_refuses_nonsense_settings(kwargs):
    with pytest.raises(ValueError):
        FollowupPolicy(**kwargs)


def test_skipping_the_callback_is_refused():
    refused("CONTACT_REQUIRED_FIRST", case_in(Status.OPEN), Action.FEED_BACK, STAFF, FULL, now=h(2))


@pytest.mark.parametrize(
    ("status", "action", "role", "key"),
    [
        (Status.OPEN, Action.CONTACT, STAFF, "summary"),
        (Status.CONTACTED, Action.START_RECTIFICATION, STAFF, "plan"),
        (Status.RECTIFYING, Action.FEED_BACK, STAFF, "feedback"),
        (Status.FED_BACK, Action.FOLLOWUP_RATE, RATER, "level"),
        (Status.OPEN, Action.APPEAL, STAFF, "reason"),
        (Status.APPEALED, Action.UPHOLD_APPEAL, SUPERVISOR, "comment"),
        (Status.APPEALED, Action.REJECT_APPEAL, SUPERVISOR, "comment"),
    ],
)
def test_missing_or_blank_input_is_refused(status, action, role, key):
    case = case_in(status)
    for payload in ({k: v for k, v in FULL.items() if k != key}, {**FULL, key: "  "}):
        err = refused("MISSING_INPUT", case, action, role, payload, now=d(6))
        assert err.field == key


def test_contact_on_time_is_not_escalated():
    case = apply(case_in(Status.OPEN), Action.CONTACT, STAFF, FULL, now=h(24))
    assert case.contacted_at == h(24)
    assert not case.contact_late and not case.escalated


def test_late_contact_is_accepted_and_escalated():
    case = apply(case_in(Status.OPEN), Action.CONTACT, STAFF, FULL, now=h(25))
    assert case.status is Status.CONTACTED
    assert case.contact_late and case.escalated_steps == {Step.CONTACT}


def test_feedback_at_the_deadline_is_on_time():
    case = apply(case_in(Status.RECTIFYING), Action.FEED_BACK, STAFF, FULL, now=RECTIFY_DUE)
    assert not case.late and not case.escalated
    assert case.followup_closes_at == RECTIFY_DUE + timedelta(days=7)


def test_late_feedback_is_accepted_marked_late_and_escalated():
    late = RECTIFY_DUE + timedelta(microseconds=1)
    case = apply(case_in(Status.RECTIFYING), Action.FEED_BACK, STAFF, FULL, now=late)
    assert case.status is Status.FED_BACK
    assert case.late is True
    assert case.escalated and Step.RECTIFY in case.escalated_steps


def test_followup_rating_closes_the_case():
    case = apply(case_in(Status.FED_BACK), Action.FOLLOWUP_RATE, RATER, {"level": 5}, now=d(6))
    assert case.status is Status.CLOSED
    assert case.followup_level == 5 and case.close_reason is CloseReason.FOLLOWUP_RATED
    assert case.closed_at == d(6)


def test_second_followup_rating_is_refused():
    case = apply(case_in(Status.FED_BACK), Action.FOLLOWUP_RATE, RATER, {"level": 5}, now=d(6))
    refused(
        "FOLLOWUP_RATING_ALREADY_USED", case, Action.FOLLOWUP_RATE, RATER, {"level": 1}, now=d(6)
    )


def test_followup_rating_follows_the_rating_rules():
    case = case_in(Status.FED_BACK)
    assert (
        refused("INVALID_LEVEL", case, Action.FOLLOWUP_RATE, RATER, {"level": 9}, now=d(6)).field
        == "level"
    )
    refused("BAD_RATING_NEEDS_REASON", case, Action.FOLLOWUP_RATE, RATER, {"level": 1}, now=d(6))
    ok = apply(case, Action.FOLLOWUP_RATE, RATER, {"level": 1, "tags": ["推诿扯皮"]}, now=d(6))
    assert ok.followup_level == 1


def test_followup_window_separates_rating_from_automatic_closing():
    case = case_in(Status.FED_BACK)  # fed back at d5, window ends d12
    refused("FOLLOWUP_WINDOW_OPEN", case, Action.CLOSE_WITHOUT_FOLLOWUP, SYSTEM, {}, now=d(12))
    refused(
        "FOLLOWUP_WINDOW_CLOSED",
        case,
        Action.FOLLOWUP_RATE,
        RATER,
        FULL,
        now=d(12) + timedelta(seconds=1),
    )
    closed = apply(
        case, Action.CLOSE_WITHOUT_FOLLOWUP, SYSTEM, {}, now=d(12) + timedelta(seconds=1)
    )
    assert closed.close_reason is CloseReason.NO_FOLLOWUP and closed.followup_level is None


def test_upheld_appeal_invalidates_the_rating_and_closes_the_case():
    case = apply(case_in(Status.CONTACTED), Action.APPEAL, STAFF, FULL, now=h(5))
    case = apply(case, Action.UPHOLD_APPEAL, SUPERVISOR, FULL, now=h(30))
    assert case.status is Status.CLOSED
    assert case.invalidated and case.close_reason is CloseReason.APPEAL_UPHELD
    assert case.closed_at == h(30)


def test_rejected_appeal_returns_to_the_previous_step():
    case = apply(case_in(Status.RECTIFYING), Action.APPEAL, STAFF, FULL, now=h(5))
    case = apply(case, Action.REJECT_APPEAL, SUPERVISOR, FULL, now=h(30))
    assert case.status is Status.RECTIFYING and not case.invalidated
    assert case.status_before_appeal is None


def test_second_appeal_is_refused():
    case = apply(case_in(Status.CONTACTED), Action.APPEAL, STAFF, FULL, now=h(5))
    case = apply(case, Action.REJECT_APPEAL, SUPERVISOR, FULL, now=h(30))
    refused("APPEAL_ALREADY_USED", case, Action.APPEAL, STAFF, FULL, now=h(31))


def test_escalation_needs_a_new_overdue_step():
    case = case_in(Status.OPEN)
    refused("NOT_OVERDUE", case, Action.ESCALATE, SYSTEM, {}, now=h(24))
    case = apply(case, Action.ESCALATE, SYSTEM, {}, now=h(25))
    assert case.escalated_steps == {Step.CONTACT}
    refused("NOT_OVERDUE", case, Action.ESCALATE, SYSTEM, {}, now=h(26))
    case = apply(case, Action.ESCALATE, SYSTEM, {}, now=RECTIFY_DUE + timedelta(seconds=1))
    assert case.escalated_steps == {Step.CONTACT, Step.RECTIFY}


def test_deadlines_keep_running_during_an_appeal():
    case = apply(case_in(Status.OPEN), Action.APPEAL, STAFF, FULL, now=h(1))
    case = apply(case, Action.ESCALATE, SYSTEM, {}, now=h(25))
    assert case.status is Status.APPEALED and case.escalated_steps == {Step.CONTACT}


def test_overdue_steps_flags_due_soon_then_overdue():
    case = case_in(Status.OPEN)
    assert overdue_steps(case, h(19), POLICY) == []  # 5 h left, warning starts at 4 h
    [soon] = overdue_steps(case, h(20), POLICY)
    assert (soon.step, soon.due, soon.due_soon, soon.overdue) == (Step.CONTACT, h(24), True, False)
    [late] = overdue_steps(case, h(25), POLICY)
    assert (late.overdue, late.due_soon, late.escalated) == (True, False, False)


def test_overdue_steps_lists_both_steps_earliest_first():
    alerts = overdue_steps(case_in(Status.OPEN), RECTIFY_DUE - timedelta(days=1), POLICY)
    assert [(a.step, a.overdue, a.due_soon) for a in alerts] == [
        (Step.CONTACT, True, False),
        (Step.RECTIFY, False, True),
    ]


def test_overdue_steps_drops_steps_already_done():
    contacted = case_in(Status.CONTACTED)
    assert [a.step for a in overdue_steps(contacted, d(20), POLICY)] == [Step.RECTIFY]
    assert overdue_steps(case_in(Status.FED_BACK), d(20), POLICY) == []
    assert overdue_steps(case_in(Status.CLOSED), d(20), POLICY) == []


def test_overdue_steps_reports_what_was_escalated():
    case = apply(case_in(Status.OPEN), Action.ESCALATE, SYSTEM, {}, now=h(25))
    assert overdue_steps(case, h(26), POLICY)[0].escalated is True


def test_naive_datetimes_are_programming_errors():
    with pytest.raises(ValueError):
        open_case(T0.replace(tzinfo=None), POLICY)
    with pytest.raises(ValueError):
        apply(case_in(Status.OPEN), Action.CONTACT, STAFF, FULL, now=h(1).replace(tzinfo=None))
