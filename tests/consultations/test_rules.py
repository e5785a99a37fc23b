"""The consultation state machine, walked for every (state, action, role)."""

from __future__ import annotations

import itertools

import pytest

from models.consultations import rules
from models.consultations.drafts import Actor, Draft, check_draft, region_prefix, roles_on
from models.consultations.rules import Action, ConsultationState, Facts, Kind, Role, Status
from models.errors import Refusal

PAYLOAD = {"reply": "答复内容", "department": "d-1", "reason": "不属本部门职责", "rating": 4}

# (state, action, role) -> target, for the plain snapshot of each state (no guards in play)
LEGAL = {
    (Status.ACCEPTED, Action.AUTO_REPLY, Role.SYSTEM): Status.REPLIED,
    (Status.ACCEPTED, Action.ASSIGN, Role.SYSTEM): Status.ASSIGNED,
    (Status.ACCEPTED, Action.ASSIGN, Role.DISPATCHER): Status.ASSIGNED,
    (Status.ASSIGNED, Action.TRANSFER, Role.HANDLER): Status.ASSIGNED,
    (Status.ASSIGNED, Action.TRANSFER, Role.DISPATCHER): Status.ASSIGNED,
    (Status.ASSIGNED, Action.REPLY, Role.HANDLER): Status.REPLIED,
    (Status.REPLIED, Action.EVALUATE, Role.SENDER): Status.EVALUATED,
    (Status.REPLIED, Action.CLOSE, Role.SENDER): Status.CLOSED,
    (Status.EVALUATED, Action.CLOSE, Role.SYSTEM): Status.CLOSED,
}


def _state(status: Status) -> ConsultationState:
    return ConsultationState(status, has_department=True, last_rating=4)


@pytest.mark.parametrize(("status", "action", "role"), list(itertools.product(
    Status, [a for a in Action if a is not Action.SUBMIT], Role)))
def test_every_state_action_and_role_is_either_legal_or_refused(status, action, role):
    expected = LEGAL.get((status, action, role))
    if expected is None:
        with pytest.raises(Refusal) as refused:
            rules.apply(_state(status), action, role, PAYLOAD)
        assert refused.value.code in {"ILLEGAL_TRANSITION", "ROLE_NOT_ALLOWED"}
    else:
        assert rules.apply(_state(status), action, role, PAYLOAD).state.status is expected


def test_a_bad_first_evaluation_reopens_to_the_department_and_only_once():
    evaluated = rules.apply(ConsultationState(Status.REPLIED, has_department=True),
                            Action.EVALUATE, Role.SENDER, {"rating": 2}).state
    assert rules.follow_up(evaluated) is Action.REOPEN
    reopened = rules.apply(evaluated, Action.REOPEN, Role.SYSTEM).state
    assert reopened.status is Status.ASSIGNED and reopened.reopen_count == 1
    replied = rules.apply(reopened, Action.REPLY, Role.HANDLER, {"reply": "再次答复"}).state
    again = rules.apply(replied, Action.EVALUATE, Role.SENDER, {"rating": 1}).state
    assert rules.follow_up(again) is Action.CLOSE
    with pytest.raises(Refusal, match="重办"):
        rules.apply(again, Action.REOPEN, Role.SYSTEM)


def test_a_bad_evaluation_of_an_unrouted_answer_goes_back_to_dispatch():
    evaluated = rules.apply(ConsultationState(Status.REPLIED), Action.EVALUATE, Role.SENDER,
                            {"rating": 1}).state
    assert rules.apply(evaluated, Action.REOPEN, Role.SYSTEM).state.status is Status.ACCEPTED


def test_a_good_evaluation_closes_and_cannot_reopen():
    evaluated = rules.apply(ConsultationState(Status.REPLIED, has_department=True),
                            Action.EVALUATE, Role.SENDER, {"rating": 3}).state
    assert rules.follow_up(evaluated) is Action.CLOSE
    with pytest.raises(Refusal):
        rules.apply(evaluated, Action.REOPEN, Role.SYSTEM)


@pytest.mark.parametrize("rating", [0, 6, -1, "5", None, True])
def test_ratings_outside_one_to_five_are_refused(rating):
    with pytest.raises(Refusal) as refused:
        rules.apply(ConsultationState(Status.REPLIED), Action.EVALUATE, Role.SENDER,
                    {"rating": rating})
    assert refused.value.code in {"INVALID_RATING", "MISSING_INPUT"}


def test_a_transfer_needs_a_reason_and_a_department():
    state = ConsultationState(Status.ASSIGNED, has_department=True)
    for missing in ("reason", "department"):
        payload = {k: v for k, v in PAYLOAD.items() if k != missing}
        with pytest.raises(Refusal) as refused:
            rules.apply(state, Action.TRANSFER, Role.HANDLER, payload)
        assert (refused.value.code, refused.value.field) == ("MISSING_INPUT", missing)


def test_staff_close_an_unrated_reply_only_after_the_evaluation_window():
    replied = ConsultationState(Status.REPLIED, has_department=True)
    with pytest.raises(Refusal, match="5 个工作日"):
        rules.apply(replied, Action.CLOSE, Role.HANDLER)
    closed = rules.apply(replied, Action.CLOSE, Role.HANDLER,
                         facts=Facts(evaluation_window_closed=True))
    assert closed.state.status is Status.CLOSED


def test_escalation_needs_an_overdue_open_consultation_and_happens_once():
    assigned = ConsultationState(Status.ASSIGNED, has_department=True)
    with pytest.raises(Refusal):
        rules.apply(assigned, Action.ESCALATE, Role.SYSTEM)
    escalated = rules.apply(assigned, Action.ESCALATE, Role.SYSTEM, facts=Facts(overdue=True))
    assert escalated.state.escalated
    with pytest.raises(Refusal):
        rules.apply(escalated.state, Action.ESCALATE, Role.SYSTEM, facts=Facts(overdue=True))


def test_available_actions_match_what_apply_accepts():
    for status in Status:
        for role in Role:
            if role is Role.SYSTEM:
                continue
            for action in rules.available_actions(_state(status), [role]):
                rules.apply(_state(status), action, role, PAYLOAD)


def test_several_roles_use_the_first_allowed():
    state = ConsultationState(Status.ASSIGNED, has_department=True)
    outcome = rules.apply_as_any(state, Action.REPLY, [Role.DISPATCHER, Role.HANDLER],
                                 {"reply": "答复"})
    assert outcome.state.status is Status.REPLIED
    with pytest.raises(Refusal) as refused:
        rules.apply_as_any(state, Action.REPLY, [Role.DISPATCHER], {"reply": "答复"})
    assert refused.value.code == "ROLE_NOT_ALLOWED"


def test_time_limits_default_per_kind_and_the_nearest_region_overrides():
    assert {k: rules.time_limit(k, ["330106"], {}) for k in Kind} == {
        Kind.CONSULTATION: 1, Kind.COMPLAINT: 5, Kind.SUGGESTION: 5, Kind.HELP: 2}
    overrides = {("330100", Kind.COMPLAINT): 4, ("330106", Kind.COMPLAINT): 3}
    assert rules.time_limit(Kind.COMPLAINT, ["330106", "330100", "330000"], overrides) == 3
    assert rules.time_limit(Kind.COMPLAINT, ["330108", "330100", "330000"], overrides) == 4
    with pytest.raises(Refusal):
        rules.check_time_limit(0)


def test_who_acts_on_a_consultation():
    sender = Actor(account_id="a-1")
    clerk = Actor(account_id="s-1", is_staff=True, staff_roles=frozenset({"CLERK"}),
                  department_id="d-1", region_code="330106")
    inspector = Actor(account_id="s-2", is_staff=True, staff_roles=frozenset({"INSPECTOR"}),
                      department_id="d-1", region_code="330106")
    supervisor = Actor(account_id="s-3", is_staff=True, staff_roles=frozenset({"SUPERVISOR"}),
                       department_id="d-9", region_code="330100")
    assert roles_on(sender, "a-1", "d-1", "330106") == [Role.SENDER]
    assert roles_on(clerk, "a-1", "d-1", "330106") == [Role.HANDLER]
    assert roles_on(clerk, "a-1", "d-2", "330106") == []
    assert roles_on(inspector, "a-1", "d-1", "330106") == []
    assert roles_on(supervisor, "a-1", "d-1", "330106") == [Role.DISPATCHER]
    assert roles_on(supervisor, "a-1", "d-1", "330212") == []
    assert region_prefix("330000") == "33" and region_prefix("330106") == "330106"


def test_a_draft_is_checked_field_by_field():
    base = {"client_key": "k-12345678", "kind": Kind.CONSULTATION, "content": "请问怎么办理？",
            "region_code": "330106"}
    assert check_draft(Draft(**base)).title == "请问怎么办理？"
    cases = [({"client_key": "short"}, "clientKey"), ({"content": "短"}, "content"),
             ({"region_code": None}, "regionCode"), ({"title": "长" * 61}, "title"),
             ({"attachments": ("not-a-hash",)}, "attachments[0]"),
             ({"attachments": tuple(f"{i:064x}" for i in range(10))}, "attachments")]
    for change, field in cases:
        with pytest.raises(Refusal) as refused:
            check_draft(Draft(**{**base, **change}))
        assert refused.value.field == field
