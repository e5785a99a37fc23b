"""办件 lifecycle rules: every (state, action, role) against a spec written out here."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from datetime import date

import pytest

from models.applications.rules import (
    ACTION_LABELS,
    QUERY_CODE_ALPHABET,
    ROLE_LABELS,
    STATUS_LABELS,
    TRANSITIONS,
    Action,
    ApplicationState,
    CrossProvinceMode,
    Role,
    Status,
    Transition,
    application_number,
    apply,
    available_actions,
    is_concluded,
    is_open,
    query_code,
)
from models.errors import Refusal

S, A, R, M = Status, Action, Role, CrossProvinceMode

FULL_PAYLOAD: Mapping[str, object] = {
    "reason": "申请材料不齐全",
    "missing_items": ["营业执照副本", "法定代表人身份证明"],
    "tracking_number": "SF1234567890",
    "delivery_method": "POST",
}

# The lifecycle of DOMAIN.md §2, written independently of TRANSITIONS so that a
# change to the table shows up here.
MAIN_MOVES: dict[tuple[Status, Action], tuple[Status, set[Role]]] = {
    (S.DRAFT, A.SUBMIT): (S.SUBMITTED, {R.APPLICANT}),
    (S.SUBMITTED, A.START_PRE_REVIEW): (S.PRE_REVIEW, {R.CLERK, R.SYSTEM}),
    (S.PRE_REVIEW, A.ACCEPT): (S.ACCEPTED, {R.CLERK}),
    (S.PRE_REVIEW, A.REJECT_AT_INTAKE): (S.REJECTED_AT_INTAKE, {R.CLERK}),
    (S.PRE_REVIEW, A.REQUEST_CORRECTION): (S.NEEDS_CORRECTION, {R.CLERK}),
    (S.NEEDS_CORRECTION, A.RESUBMIT): (S.SUBMITTED, {R.APPLICANT}),
    (S.ACCEPTED, A.START_REVIEW): (S.UNDER_REVIEW, {R.APPROVER}),
    (S.UNDER_REVIEW, A.START_SPECIAL_PROCEDURE): (S.SPECIAL_PROCEDURE, {R.APPROVER}),
    (S.SPECIAL_PROCEDURE, A.END_SPECIAL_PROCEDURE): (S.UNDER_REVIEW, {R.APPROVER}),
    (S.UNDER_REVIEW, A.APPROVE): (S.APPROVED, {R.APPROVER}),
    (S.UNDER_REVIEW, A.DENY): (S.DENIED, {R.APPROVER}),
    (S.APPROVED, A.DELIVER): (S.DELIVERED, {R.CLERK, R.SYSTEM}),
    (S.DENIED, A.DELIVER): (S.DELIVERED, {R.CLERK, R.SYSTEM}),
}
PROXY_MOVES: dict[tuple[Status, Action], tuple[Status, set[Role]]] = {
    (S.SUBMITTED, A.FORMAL_CHECK_PASS): (S.SUBMITTED, {R.RECEIVING_CLERK}),
    (S.SUBMITTED, A.FORWARD): (S.SUBMITTED, {R.RECEIVING_CLERK}),
    (S.SUBMITTED, A.RECEIVE_FORWARDED): (S.PRE_REVIEW, {R.CLERK}),
}
# PROXY mode: the hand-over step each action needs to have been reached, exactly.
HANDOVER_ORDER = [None, "RECEIVED", "FORMAL_CHECKED", "FORWARDED", "HANDLER_RECEIVED"]
HANDOVER_NEEDED = {
    A.SUBMIT: None,
    A.FORMAL_CHECK_PASS: "RECEIVED",
    A.FORWARD: "FORMAL_CHECKED",
    A.RECEIVE_FORWARDED: "FORWARDED",
    A.START_PRE_REVIEW: "HANDLER_RECEIVED",
    A.ACCEPT: "HANDLER_RECEIVED",
}
OPEN = [
    S.SUBMITTED,
    S.PRE_REVIEW,
    S.ACCEPTED,
    S.NEEDS_CORRECTION,
    S.UNDER_REVIEW,
    S.SPECIAL_PROCEDURE,
    S.SUSPENDED,
]
SUSPENDABLE = [s for s in OPEN if s is not S.SUSPENDED]
CLOSED = [s for s in Status if s not in OPEN]
CLOCK_STARTED = {S.ACCEPTED, S.UNDER_REVIEW, S.SPECIAL_PROCEDURE}
STAFF = {R.CLERK, R.APPROVER}


def snapshot(
    status: Status,
    mode: CrossProvinceMode = M.NONE,
    handover: str | None = None,
    suspended_from: Status | None = None,
) -> ApplicationState:
    """A consistent snapshot: the clock is paused in special procedure and in suspensions of it."""
    paused = status is S.SPECIAL_PROCEDURE or suspended_from in CLOCK_STARTED
    return ApplicationState(status, mode, handover, suspended_from, paused)


def all_snapshots() -> Iterator[ApplicationState]:
    for mode in CrossProvinceMode:
        for handover in HANDOVER_ORDER if mode is M.PROXY else [None]:
            for status in Status:
                if status is S.SUSPENDED:
                    for origin in SUSPENDABLE:
                        yield snapshot(status, mode, handover, origin)
                else:
                    yield snapshot(status, mode, handover)


def expected(state: ApplicationState, action: Action, role: Role) -> Status | str:
    """The target status the spec allows, or the refusal code it expects."""
    moves = MAIN_MOVES | (PROXY_MOVES if state.mode is M.PROXY else {})
    move = moves.get((state.status, action))
    if action is A.WITHDRAW and state.status in OPEN:
        move = (S.WITHDRAWN, {R.APPLICANT})
    if action is A.SUSPEND and state.status in SUSPENDABLE:
        move = (S.SUSPENDED, STAFF)
    if action is A.RESUME and state.status is S.SUSPENDED:
        assert state.suspended_from is not None
        move = (state.suspended_from, STAFF)
    if move is None:
        return "ILLEGAL_TRANSITION"
    if role not in move[1]:
        return "ROLE_NOT_ALLOWED"
    if state.mode is M.PROXY and action in HANDOVER_NEEDED:
        have = HANDOVER_ORDER.index(state.handover)
        need = HANDOVER_ORDER.index(HANDOVER_NEEDED[action])
        if have != need:
            return "HANDOVER_INCOMPLETE" if have < need else "ILLEGAL_TRANSITION"
    return move[0]


def refusal(
    state: ApplicationState,
    action: Action,
    role: Role,
    payload: Mapping[str, object] = FULL_PAYLOAD,
    **kw: bool,
) -> Refusal:
    with pytest.raises(Refusal) as caught:
        apply(state, action, role, payload, **kw)
    return caught.value


def test_every_state_action_role_is_allowed_exactly_as_the_lifecycle_says() -> None:
    mismatches = []
    checked = 0
    for state in all_snapshots():
        for action in Action:
            for role in Role:
                want = expected(state, action, role)
                try:
                    got: Status | str = apply(state, action, role, FULL_PAYLOAD).state.status
                except Refusal as exc:
                    got = exc.code
                checked += 1
                if got != want:
                    mismatches.append((state, action.value, role.value, want, got))
    assert checked == 144 * len(Action) * len(Role)
    assert mismatches == []


def test_table_has_one_row_per_move_except_resume_which_has_one_per_origin() -> None:
    keys = [(t.source, t.action, t.target) for t in TRANSITIONS]
    assert len(keys) == len(set(keys))
    resumes = {t.target for t in TRANSITIONS if t.action is A.RESUME}
    assert resumes == set(SUSPENDABLE)


def test_table_requires_only_known_inputs_and_labels_every_row() -> None:
    assert {key for t in TRANSITIONS for key in t.requires} == set(FULL_PAYLOAD)
    assert all(t.label_zh for t in TRANSITIONS)


def test_every_enum_member_has_a_chinese_label() -> None:
    for labels, enum in ((STATUS_LABELS, Status), (ACTION_LABELS, Action), (ROLE_LABELS, Role)):
        assert set(labels) == set(enum)
        assert all(labels[m].strip() for m in enum)


def rows_needing_input() -> list[tuple[Transition, str]]:
    return [(t, key) for t in TRANSITIONS for key in sorted(t.requires)]


def state_for(row: Transition) -> ApplicationState:
    if row.action is A.FORWARD:
        return snapshot(row.source, M.PROXY, "FORMAL_CHECKED")
    return snapshot(row.source)


def row_id(value: object) -> str:
    return f"{value.source}-{value.action}" if isinstance(value, Transition) else str(value)


@pytest.mark.parametrize(("row", "key"), rows_needing_input(), ids=row_id)
def test_each_required_input_is_refused_when_absent_or_blank(row: Transition, key: str) -> None:
    role = next(iter(row.roles))
    absent = {k: v for k, v in FULL_PAYLOAD.items() if k != key}
    exc = refusal(state_for(row), row.action, role, absent)
    assert (exc.code, exc.field) == ("MISSING_INPUT", key)
    if key != "missing_items":
        exc = refusal(state_for(row), row.action, role, {**FULL_PAYLOAD, key: "  "})
        assert (exc.code, exc.field) == ("MISSING_INPUT", key)


def test_correction_with_empty_list_is_refused_as_not_told_all_at_once() -> None:
    exc = refusal(snapshot(S.PRE_REVIEW), A.REQUEST_CORRECTION, R.CLERK, {"missing_items": []})
    assert (exc.code, exc.field) == ("EMPTY_CORRECTION_LIST", "missing_items")


def test_correction_with_a_blank_item_points_at_that_item() -> None:
    payload = {"missing_items": ["身份证复印件", " "]}
    exc = refusal(snapshot(S.PRE_REVIEW), A.REQUEST_CORRECTION, R.CLERK, payload)
    assert (exc.code, exc.field) == ("MISSING_INPUT", "missing_items.1")


def test_correction_given_as_free_text_instead_of_a_list_is_refused() -> None:
    payload = {"missing_items": "身份证复印件"}
    exc = refusal(snapshot(S.PRE_REVIEW), A.REQUEST_CORRECTION, R.CLERK, payload)
    assert (exc.code, exc.field) == ("MISSING_INPUT", "missing_items")


def test_correction_after_five_working_days_is_refused_and_acceptance_still_possible() -> None:
    state = snapshot(S.PRE_REVIEW)
    exc = refusal(state, A.REQUEST_CORRECTION, R.CLERK, correction_window_closed=True)
    assert exc.code == "CORRECTION_WINDOW_CLOSED"
    assert "受理" in exc.message
    accepted = apply(state, A.ACCEPT, R.CLERK, {}, correction_window_closed=True)
    assert accepted.state.status is S.ACCEPTED


def test_correction_event_counts_the_items_and_resubmission_returns_to_submitted() -> None:
    out = apply(snapshot(S.PRE_REVIEW), A.REQUEST_CORRECTION, R.CLERK, FULL_PAYLOAD)
    assert out.state.status is S.NEEDS_CORRECTION
    assert out.event_label_zh == "一次性告知补正（共2项材料）"
    assert out.clock is None  # the legal clock has not started before acceptance
    back = apply(out.state, A.RESUBMIT, R.APPLICANT, {})
    assert back.state.status is S.SUBMITTED


def test_illegal_move_names_status_and_action_in_chinese() -> None:
    exc = refusal(snapshot(S.DRAFT), A.APPROVE, R.APPROVER)
    assert (exc.code, exc.field) == ("ILLEGAL_TRANSITION", None)
    assert "草稿" in exc.message and "批准" in exc.message


def test_wrong_role_is_refused_with_role_and_action_in_chinese() -> None:
    exc = refusal(snapshot(S.UNDER_REVIEW), A.APPROVE, R.CLERK)
    assert (exc.code, exc.field) == ("ROLE_NOT_ALLOWED", None)
    assert "受理人员" in exc.message and "批准" in exc.message


@pytest.mark.parametrize("origin", SUSPENDABLE)
def test_resume_returns_to_the_state_before_suspension(origin: Status) -> None:
    start = snapshot(origin)
    suspended = apply(start, A.SUSPEND, R.CLERK, {"reason": "申请人申请中止"})
    assert suspended.state.status is S.SUSPENDED
    assert suspended.state.suspended_from is origin
    assert suspended.state.clock_paused is (origin in CLOCK_STARTED)
    assert available_actions(suspended.state, R.APPROVER) == [A.RESUME]
    resumed = apply(suspended.state, A.RESUME, R.APPROVER, {})
    assert resumed.state == start
    assert STATUS_LABELS[origin] in resumed.event_label_zh
    ticking = origin in {S.ACCEPTED, S.UNDER_REVIEW}
    assert (suspended.clock, resumed.clock) == (("PAUSE", "RESUME") if ticking else (None, None))


def test_suspension_cannot_be_stacked() -> None:
    exc = refusal(snapshot(S.SUSPENDED, suspended_from=S.UNDER_REVIEW), A.SUSPEND, R.CLERK)
    assert exc.code == "ILLEGAL_TRANSITION"


@pytest.mark.parametrize("origin", SUSPENDABLE)
def test_applicant_may_withdraw_while_suspended(origin: Status) -> None:
    out = apply(snapshot(S.SUSPENDED, suspended_from=origin), A.WITHDRAW, R.APPLICANT, {})
    assert out.state == ApplicationState(S.WITHDRAWN)
    assert out.clock == ("STOP" if origin in CLOCK_STARTED else None)


@pytest.mark.parametrize("status", SUSPENDABLE)
def test_applicant_may_withdraw_from_every_open_state(status: Status) -> None:
    out = apply(snapshot(status), A.WITHDRAW, R.APPLICANT, {})
    assert out.state.status is S.WITHDRAWN
    assert out.state.clock_paused is False
    assert out.clock == ("STOP" if status in CLOCK_STARTED else None)


@pytest.mark.parametrize("status", CLOSED)
def test_withdrawal_is_refused_once_closed_or_not_yet_submitted(status: Status) -> None:
    assert refusal(snapshot(status), A.WITHDRAW, R.APPLICANT).code == "ILLEGAL_TRANSITION"


def test_staff_cannot_withdraw_for_the_applicant() -> None:
    assert refusal(snapshot(S.PRE_REVIEW), A.WITHDRAW, R.CLERK).code == "ROLE_NOT_ALLOWED"


def test_legal_clock_starts_at_acceptance_pauses_in_special_procedure_stops_at_decision() -> None:
    steps = [
        (A.SUBMIT, R.APPLICANT, None),
        (A.START_PRE_REVIEW, R.SYSTEM, None),
        (A.ACCEPT, R.CLERK, "START"),
        (A.START_REVIEW, R.APPROVER, None),
        (A.START_SPECIAL_PROCEDURE, R.APPROVER, "PAUSE"),
        (A.END_SPECIAL_PROCEDURE, R.APPROVER, "RESUME"),
        (A.DENY, R.APPROVER, "STOP"),
        (A.DELIVER, R.SYSTEM, None),
    ]
    state = snapshot(S.DRAFT)
    for action, role, clock in steps:
        out = apply(state, action, role, FULL_PAYLOAD)
        assert out.clock == clock, action
        assert out.state.clock_paused is (action is A.START_SPECIAL_PROCEDURE)
        state = out.state
    assert state.status is S.DELIVERED and is_concluded(state.status)


def test_proxy_hand_over_runs_receive_check_forward_sign_then_accept() -> None:
    state = snapshot(S.DRAFT, M.PROXY)
    steps = [
        (A.SUBMIT, R.APPLICANT, S.SUBMITTED, "RECEIVED"),
        (A.FORMAL_CHECK_PASS, R.RECEIVING_CLERK, S.SUBMITTED, "FORMAL_CHECKED"),
        (A.FORWARD, R.RECEIVING_CLERK, S.SUBMITTED, "FORWARDED"),
        (A.RECEIVE_FORWARDED, R.CLERK, S.PRE_REVIEW, "HANDLER_RECEIVED"),
    ]
    for action, role, status, handover in steps:
        out = apply(state, action, role, FULL_PAYLOAD)
        assert (out.state.status, out.state.handover, out.clock) == (status, handover, None)
        state = out.state
    accepted = apply(state, A.ACCEPT, R.CLERK, {})
    assert (accepted.state.status, accepted.clock) == (S.ACCEPTED, "START")


@pytest.mark.parametrize("handover", ["RECEIVED", "FORMAL_CHECKED", "FORWARDED"])
def test_proxy_acceptance_is_refused_until_the_handling_authority_holds_the_file(
    handover: str,
) -> None:
    exc = refusal(snapshot(S.PRE_REVIEW, M.PROXY, handover), A.ACCEPT, R.CLERK)
    assert exc.code == "HANDOVER_INCOMPLETE"
    assert "不能执行「受理」" in exc.message


def test_proxy_forward_before_formal_check_is_refused() -> None:
    exc = refusal(snapshot(S.SUBMITTED, M.PROXY, "RECEIVED"), A.FORWARD, R.RECEIVING_CLERK)
    assert exc.code == "HANDOVER_INCOMPLETE"
    assert "形式审查" in exc.message


def test_proxy_forward_needs_a_tracking_number() -> None:
    state = snapshot(S.SUBMITTED, M.PROXY, "FORMAL_CHECKED")
    exc = refusal(state, A.FORWARD, R.RECEIVING_CLERK, {"tracking_number": ""})
    assert (exc.code, exc.field) == ("MISSING_INPUT", "tracking_number")


def test_proxy_steps_are_refused_outside_proxy_mode() -> None:
    for mode in (M.NONE, M.FULLY_ONLINE, M.MULTI_SITE):
        exc = refusal(snapshot(S.SUBMITTED, mode), A.FORMAL_CHECK_PASS, R.RECEIVING_CLERK)
        assert exc.code == "ILLEGAL_TRANSITION"
        assert "异地代收代办" in exc.message


def test_proxy_resubmission_after_correction_goes_straight_to_the_handling_authority() -> None:
    state = snapshot(S.PRE_REVIEW, M.PROXY, "HANDLER_RECEIVED")
    state = apply(state, A.REQUEST_CORRECTION, R.CLERK, FULL_PAYLOAD).state
    state = apply(state, A.RESUBMIT, R.APPLICANT, {}).state
    assert (state.status, state.handover) == (S.SUBMITTED, "HANDLER_RECEIVED")
    assert available_actions(state, R.RECEIVING_CLERK) == []
    assert apply(state, A.START_PRE_REVIEW, R.CLERK, {}).state.status is S.PRE_REVIEW


@pytest.mark.parametrize("window_closed", [False, True])
def test_available_actions_agree_with_apply(window_closed: bool) -> None:
    for state in all_snapshots():
        for role in Role:
            offered = available_actions(state, role, correction_window_closed=window_closed)
            for action in Action:
                if action in offered:
                    apply(state, action, role, FULL_PAYLOAD, correction_window_closed=window_closed)
                else:
                    refusal(state, action, role, correction_window_closed=window_closed)


def test_available_actions_show_the_clerk_the_intake_buttons() -> None:
    state = snapshot(S.PRE_REVIEW)
    assert available_actions(state, R.CLERK) == [
        A.ACCEPT,
        A.REJECT_AT_INTAKE,
        A.REQUEST_CORRECTION,
        A.SUSPEND,
    ]
    closed = available_actions(state, R.CLERK, correction_window_closed=True)
    assert A.REQUEST_CORRECTION not in closed
    assert available_actions(state, R.APPLICANT) == [A.WITHDRAW]


def test_open_and_concluded_statuses() -> None:
    assert [s for s in Status if is_open(s)] == OPEN
    assert [s for s in Status if is_concluded(s)] == [S.APPROVED, S.DENIED, S.DELIVERED]
    assert not any(is_open(s) and is_concluded(s) for s in Status)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": S.SUBMITTED, "handover": "RECEIVED"},  # hand-over outside proxy mode
        {"status": S.SUBMITTED, "mode": M.PROXY, "handover": "LOST"},
        {"status": S.SUSPENDED},  # suspended from nowhere
        {"status": S.UNDER_REVIEW, "suspended_from": S.ACCEPTED},
        {"status": S.SUSPENDED, "suspended_from": S.APPROVED},
    ],
)
def test_inconsistent_snapshot_is_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ApplicationState(**kwargs)  # type: ignore[arg-type]


def test_application_number_is_region_date_and_six_digit_sequence() -> None:
    assert application_number("330106", date(2025, 3, 7), 42) == "33010620250307000042"


@pytest.mark.parametrize(
    ("region", "sequence"),
    [
        ("33010", 1),
        ("33010a", 1),
        ("３３０１０６", 1),
        ("330106", 0),
        ("330106", 1_000_000),
    ],
)
def test_application_number_rejects_bad_parts(region: str, sequence: int) -> None:
    with pytest.raises(ValueError):
        application_number(region, date(2025, 3, 7), sequence)


def test_query_code_is_eight_unambiguous_characters_from_the_given_rng() -> None:
    codes = [query_code(random.Random(seed)) for seed in range(200)]
    assert all(len(c) == 8 and set(c) <= set(QUERY_CODE_ALPHABET) for c in codes)
    assert not set("".join(codes)) & set("01OIL")
    assert len(set(codes)) == 200
    assert query_code(random.Random(7)) == query_code(random.Random(7))
