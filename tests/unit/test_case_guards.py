"""Legal guards up to the decision, each with a just-allowed / just-refused pair."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from models.cases.facts import (
    Action,
    CaseSnapshot,
    DecisionOutcome,
    HearingThresholds,
    NoticeState,
    Officer,
    PartyKind,
    Penalty,
    ReviewReason,
    Role,
    Stage,
)
from models.cases.guards import hearing_eligible
from models.cases.payloads import Decision, Extension, HearingSchedule, LegalReview, Notice
from models.cases.payloads import OnSpotDecision as Spot
from models.cases.rules import Outcome, apply
from models.errors import Refusal

TODAY = date(2025, 6, 16)  # a Monday
WED = date(2025, 6, 18)  # 90 and 91 days earlier end on weekdays too
DAY = timedelta(days=1)
A, R, N = Action, Role, NoticeState
CITIZEN, ORG = PartyKind.CITIZEN, PartyKind.ORGANISATION
OFFICERS = (Officer("E1", credentialed=True), Officer("E2", credentialed=True))
FINE = Penalty(fine_fen=5_000_00)
BIG = Penalty(fine_fen=10_000_00)  # at the default citizen hearing threshold


def weekdays(d: date) -> bool:
    return d.weekday() < 5


def case(
    stage: Stage = Stage.REVIEW, notice: NoticeState | None = None, **kw: object
) -> CaseSnapshot:
    base = CaseSnapshot(
        stage, CITIZEN, officers=OFFICERS, notice_state=notice, filed_on=TODAY - 30 * DAY
    )
    if stage is Stage.NOTIFIED:
        base = replace(
            base,
            notified_on=TODAY - 10 * DAY,
            notified_penalty=FINE,
            hearing_request_deadline=TODAY - DAY,
        )
    return replace(base, **kw)


def run(s: CaseSnapshot, action: Action, role: Role, payload=None, today=TODAY) -> Outcome:
    return apply(s, action, role, payload, today=today, is_working_day=weekdays)


def code_of(s: CaseSnapshot, action: Action, role: Role, payload=None, today=TODAY) -> str:
    with pytest.raises(Refusal) as refused:
        run(s, action, role, payload, today)
    return refused.value.code


def decide(s: CaseSnapshot, penalty: Penalty | None = FINE, today=TODAY, **kw) -> Outcome:
    return run(s, A.DECIDE, R.AGENCY_HEAD, Decision(DecisionOutcome.PENALTY, penalty, **kw), today)


def decide_code(s: CaseSnapshot, penalty: Penalty | None = FINE, today=TODAY, **kw) -> str:
    payload = Decision(DecisionOutcome.PENALTY, penalty, **kw)
    return code_of(s, A.DECIDE, R.AGENCY_HEAD, payload, today)


# --- officers (Art. 42–43) ----------------------------------------------------

OFFICER_ACTIONS = [
    (Stage.FILED, A.START_INVESTIGATION, None),
    (Stage.INVESTIGATION, A.SUBMIT_FOR_REVIEW, None),
    (Stage.LEAD, A.DECIDE_ON_SPOT, Spot(Penalty(warning=True), party_heard=True)),
]


@pytest.mark.parametrize(("stage", "action", "payload"), OFFICER_ACTIONS)
def test_two_credentialed_officers_are_needed_and_enough(stage, action, payload) -> None:
    one = (OFFICERS[0],)
    assert code_of(case(stage, officers=one), action, R.INSPECTOR, payload) == "TOO_FEW_OFFICERS"
    assert run(case(stage), action, R.INSPECTOR, payload)


@pytest.mark.parametrize(("stage", "action", "payload"), OFFICER_ACTIONS)
def test_officer_without_credentials_or_listed_twice_does_not_count(stage, action, payload) -> None:
    for team in [
        (OFFICERS[0], Officer("E2", credentialed=False)),
        (OFFICERS[0], OFFICERS[0]),
    ]:
        assert code_of(case(stage, officers=team), action, R.INSPECTOR, payload) == (
            "TOO_FEW_OFFICERS"
        )


@pytest.mark.parametrize(("stage", "action", "payload"), OFFICER_ACTIONS)
def test_recused_officer_must_be_replaced_before_work_goes_on(stage, action, payload) -> None:
    team = (*OFFICERS, Officer("E3", credentialed=True, recused=True))
    assert code_of(case(stage, officers=team), action, R.INSPECTOR, payload) == "OFFICER_RECUSED"


# --- hearing scope (Art. 63), thresholds configurable per province -------------


@pytest.mark.parametrize(
    ("kind", "penalty", "eligible"),
    [
        (CITIZEN, Penalty(fine_fen=10_000_00 - 1), False),
        (CITIZEN, Penalty(fine_fen=10_000_00), True),
        (ORG, Penalty(fine_fen=100_000_00 - 1), False),
        (ORG, Penalty(fine_fen=100_000_00), True),
        (CITIZEN, Penalty(confiscation_fen=10_000_00 - 1), False),
        (CITIZEN, Penalty(confiscation_fen=10_000_00), True),
        (ORG, Penalty(confiscation_fen=100_000_00 - 1), False),
        (ORG, Penalty(confiscation_fen=100_000_00), True),
        (CITIZEN, Penalty(warning=True), False),
        (CITIZEN, Penalty(licence_revocation=True), True),
        (ORG, Penalty(closure=True), True),
        (CITIZEN, Penalty(restriction=True), True),
    ],
)
def test_hearing_scope_at_the_default_thresholds(kind, penalty, eligible) -> None:
    assert hearing_eligible(penalty, kind, HearingThresholds()) is eligible


def test_province_can_set_its_own_hearing_thresholds() -> None:
    zhejiang = HearingThresholds(citizen_fine_fen=5_000_00, organisation_fine_fen=50_000_00)
    assert hearing_eligible(Penalty(fine_fen=5_000_00), CITIZEN, zhejiang)
    assert not hearing_eligible(Penalty(fine_fen=5_000_00 - 1), CITIZEN, zhejiang)
    assert hearing_eligible(Penalty(fine_fen=50_000_00), ORG, zhejiang)
    s = case(thresholds=zhejiang)
    notice = Notice(Penalty(fine_fen=5_000_00), False, TODAY + 7 * DAY)
    assert code_of(s, A.NOTIFY, R.INSPECTOR, notice) == "HEARING_NOT_OFFERED"


def test_notice_must_offer_a_hearing_from_the_threshold_up() -> None:
    below = Notice(Penalty(fine_fen=BIG.fine_fen - 1), False, TODAY + 7 * DAY)
    assert run(case(), A.NOTIFY, R.INSPECTOR, below).snapshot.hearing_offered is False
    at = Notice(BIG, False, TODAY + 7 * DAY)
    assert code_of(case(), A.NOTIFY, R.INSPECTOR, at) == "HEARING_NOT_OFFERED"
    assert run(case(), A.NOTIFY, R.INSPECTOR, replace(at, hearing_offered=True))


def test_notice_without_a_penalty_is_refused() -> None:
    empty = Notice(Penalty(), False, TODAY + 7 * DAY)
    assert code_of(case(), A.NOTIFY, R.INSPECTOR, empty) == "PENALTY_REQUIRED"


def test_decision_refused_when_the_notice_withheld_a_due_hearing() -> None:
    s = case(Stage.NOTIFIED, N.WAIVED_IN_WRITING, notified_penalty=BIG)
    assert decide_code(s, BIG) == "HEARING_NOT_OFFERED"
    assert decide(replace(s, hearing_offered=True), BIG)


# --- notice before decision, defence heard (Art. 44, 45, 62) -----------------


def test_decision_refused_before_notice() -> None:
    assert decide_code(case(Stage.REVIEW)) == "DECISION_BEFORE_NOTICE"


@pytest.mark.parametrize(
    "outcome",
    [DecisionOutcome.NO_PENALTY, DecisionOutcome.NOT_ESTABLISHED, DecisionOutcome.TRANSFERRED],
)
def test_outcomes_that_impose_nothing_need_no_notice(outcome) -> None:
    after = run(case(Stage.REVIEW), A.DECIDE, R.AGENCY_HEAD, Decision(outcome))
    assert after.snapshot.outcome is outcome


def test_decision_refused_before_defence_heard() -> None:
    s = case(Stage.NOTIFIED, N.AWAITING_RESPONSE, hearing_request_deadline=TODAY)
    assert decide_code(s) == "DEFENCE_NOT_HEARD"
    # Silence until the time given in the notice has run out is not a refusal to hear.
    assert decide(s, today=TODAY + DAY)


def test_decision_allowed_once_defence_heard_or_waived_in_writing() -> None:
    for notice in (N.DEFENCE_HEARD, N.WAIVED_IN_WRITING):
        s = case(Stage.NOTIFIED, notice, hearing_request_deadline=TODAY + 3 * DAY)
        assert decide(s).stage is Stage.DECIDED


def test_decision_waits_while_a_hearing_may_still_be_requested() -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD, hearing_offered=True, hearing_request_deadline=TODAY)
    assert decide_code(s) == "HEARING_WINDOW_OPEN"
    assert decide(s, today=TODAY + DAY)


@pytest.mark.parametrize("notice", [N.HEARING_REQUESTED, N.HEARING_SCHEDULED])
def test_decision_refused_while_the_requested_hearing_is_pending(notice) -> None:
    s = case(Stage.NOTIFIED, notice, hearing_offered=True, hearing_on=TODAY + DAY)
    assert decide_code(s) == "HEARING_NOT_HELD"


def test_on_the_spot_decision_refused_unless_the_party_was_heard() -> None:
    s = case(Stage.LEAD)
    unheard = Spot(Penalty(warning=True), party_heard=False)
    assert code_of(s, A.DECIDE_ON_SPOT, R.INSPECTOR, unheard) == "DEFENCE_NOT_HEARD"


# --- no heavier penalty after the defence (Art. 45) ---------------------------

NOTIFIED_PENALTY = Penalty(fine_fen=5_000_00, confiscation_fen=300_00)


@pytest.mark.parametrize(
    ("decided", "field"),
    [
        (replace(NOTIFIED_PENALTY, fine_fen=5_000_00 + 1), "penalty.fineFen"),
        (replace(NOTIFIED_PENALTY, confiscation_fen=300_00 + 1), "penalty.confiscationFen"),
        (replace(NOTIFIED_PENALTY, warning=True), "penalty.warning"),
        (replace(NOTIFIED_PENALTY, licence_revocation=True), "penalty.licenceRevocation"),
        (replace(NOTIFIED_PENALTY, closure=True), "penalty.closure"),
    ],
)
def test_penalty_increased_after_defence_is_refused(decided, field) -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD, notified_penalty=NOTIFIED_PENALTY)
    with pytest.raises(Refusal) as refused:
        decide(s, decided)
    assert (refused.value.code, refused.value.field) == ("PENALTY_INCREASED_AFTER_DEFENCE", field)


@pytest.mark.parametrize(
    "decided", [NOTIFIED_PENALTY, replace(NOTIFIED_PENALTY, fine_fen=5_000_00 - 1)]
)
def test_penalty_equal_or_lighter_than_notified_is_allowed(decided) -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD, notified_penalty=NOTIFIED_PENALTY)
    assert decide(s, decided).snapshot.decided_penalty == decided


def test_penalty_decision_must_name_the_penalty_and_others_must_not() -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD)
    assert decide_code(s, None) == "PENALTY_REQUIRED"
    assert decide_code(s, Penalty()) == "PENALTY_REQUIRED"
    no_penalty = Decision(DecisionOutcome.NO_PENALTY, FINE)
    assert code_of(s, A.DECIDE, R.AGENCY_HEAD, no_penalty) == "PENALTY_NOT_ALLOWED"


# --- hearing request, notice, chair (Art. 64) ---------------------------------


def test_hearing_request_window_closes_after_its_last_day() -> None:
    s = case(Stage.NOTIFIED, N.AWAITING_RESPONSE, hearing_offered=True)
    s = replace(s, hearing_request_deadline=TODAY)
    assert run(s, A.REQUEST_HEARING, R.PARTY).notice_state is N.HEARING_REQUESTED
    code = code_of(s, A.REQUEST_HEARING, R.PARTY, today=TODAY + DAY)
    assert code == "HEARING_REQUEST_WINDOW_CLOSED"


def test_hearing_cannot_be_requested_outside_its_scope_unless_offered() -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD, hearing_request_deadline=TODAY)
    assert code_of(s, A.REQUEST_HEARING, R.PARTY) == "HEARING_NOT_AVAILABLE"
    assert run(replace(s, notified_penalty=BIG), A.REQUEST_HEARING, R.PARTY)
    assert run(replace(s, hearing_offered=True), A.REQUEST_HEARING, R.PARTY)


def _schedule(hearing_on: date, chair: str = "H1", is_working_day=weekdays) -> Outcome:
    s = case(Stage.NOTIFIED, N.HEARING_REQUESTED, hearing_offered=True)
    payload = HearingSchedule(hearing_on, chair_id=chair)
    return apply(s, A.SCHEDULE_HEARING, R.AGENCY_HEAD, payload, today=TODAY,
                 is_working_day=is_working_day)  # fmt: skip


def test_hearing_notice_must_precede_the_hearing_by_seven_working_days() -> None:
    # Monday 16 June + 7 working days = Wednesday 25 June.
    assert _schedule(date(2025, 6, 25)).snapshot.hearing_on == date(2025, 6, 25)
    with pytest.raises(Refusal) as refused:
        _schedule(date(2025, 6, 24))
    assert (refused.value.code, refused.value.field) == ("HEARING_NOTICE_TOO_SHORT", "hearingOn")


def test_hearing_notice_skips_holidays() -> None:
    def with_holiday(d: date) -> bool:
        return weekdays(d) and d != date(2025, 6, 18)

    assert _schedule(date(2025, 6, 26), is_working_day=with_holiday)
    with pytest.raises(Refusal, match="2025-06-26"):
        _schedule(date(2025, 6, 25), is_working_day=with_holiday)


def test_scheduling_a_hearing_without_the_calendar_is_a_wiring_error() -> None:
    with pytest.raises(ValueError, match="calendar"):
        _schedule(date(2025, 7, 30), is_working_day=None)


def test_hearing_chair_is_investigator_refused() -> None:
    with pytest.raises(Refusal) as refused:
        _schedule(date(2025, 7, 30), chair="E2")
    assert refused.value.code == "HEARING_CHAIR_IS_INVESTIGATOR"
    assert _schedule(date(2025, 7, 30), chair="H1").snapshot.hearing_chair_id == "H1"


def test_hearing_is_held_on_or_after_the_notified_day() -> None:
    s = case(Stage.NOTIFIED, N.HEARING_SCHEDULED, hearing_on=TODAY + DAY)
    assert code_of(s, A.HOLD_HEARING, R.LEGAL_REVIEWER) == "HEARING_NOT_YET_DUE"
    held = run(s, A.HOLD_HEARING, R.LEGAL_REVIEWER, today=TODAY + DAY).snapshot
    assert held.hearing_held_on == TODAY + DAY


# --- legal review (Art. 58), collective decision (Art. 57) ---------------------


def test_legal_review_required_before_deciding_a_flagged_case() -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD,
             legal_review_reasons=frozenset({ReviewReason.MAJOR_PUBLIC_INTEREST}))  # fmt: skip
    assert decide_code(s) == "LEGAL_REVIEW_REQUIRED"
    assert decide(replace(s, legal_review_passed_on=TODAY - DAY))
    # Art. 58 governs penalty decisions; deciding not to punish needs no review.
    assert run(s, A.DECIDE, R.AGENCY_HEAD, Decision(DecisionOutcome.NO_PENALTY))


def test_legal_review_after_a_hearing_must_postdate_it() -> None:
    s = case(Stage.NOTIFIED, N.HEARING_HELD, hearing_offered=True, hearing_held_on=TODAY - DAY)
    assert decide_code(s) == "LEGAL_REVIEW_REQUIRED"
    assert decide_code(replace(s, legal_review_passed_on=TODAY - 2 * DAY)) == (
        "LEGAL_REVIEW_REQUIRED"
    )
    assert decide(replace(s, legal_review_passed_on=TODAY - DAY))


@pytest.mark.parametrize(
    ("stage", "notice"), [(Stage.REVIEW, None), (Stage.NOTIFIED, N.HEARING_HELD)]
)
def test_reviewer_not_qualified_refused(stage, notice) -> None:
    s = case(stage, notice)
    no = LegalReview("L9", reviewer_qualified=False)
    assert code_of(s, A.PASS_LEGAL_REVIEW, R.LEGAL_REVIEWER, no) == "REVIEWER_NOT_QUALIFIED"
    yes = LegalReview("L1", reviewer_qualified=True)
    passed = run(s, A.PASS_LEGAL_REVIEW, R.LEGAL_REVIEWER, yes).snapshot
    assert passed.legal_review_passed_on == TODAY


def test_collective_decision_required_for_serious_cases() -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD, collective_decision_required=True)
    assert decide_code(s) == "COLLECTIVE_DECISION_REQUIRED"
    assert decide(s, decided_collectively=True)
    assert decide(replace(s, collective_decision_required=False))


# --- 90-day decision limit (Art. 60) -------------------------------------------


def test_decision_deadline_is_ninety_days_after_filing() -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD)
    assert decide(replace(s, filed_on=WED - 90 * DAY), today=WED)
    late = replace(s, filed_on=WED - 91 * DAY)
    assert decide_code(late, today=WED) == "DECISION_DEADLINE_PASSED"


def test_approved_extensions_move_the_decision_deadline() -> None:
    s = case(Stage.NOTIFIED, N.DEFENCE_HEARD, extension_days=30)
    assert decide(replace(s, filed_on=WED - 120 * DAY), today=WED)
    late = replace(s, filed_on=WED - 121 * DAY)
    assert decide_code(late, today=WED) == "DECISION_DEADLINE_PASSED"


def test_decision_deadline_on_a_weekend_moves_to_the_next_working_day() -> None:
    s = case(Stage.REVIEW, filed_on=TODAY - 92 * DAY)  # day 90 is Saturday 14 June
    payload = Decision(DecisionOutcome.NOT_ESTABLISHED)
    assert run(s, A.DECIDE, R.AGENCY_HEAD, payload).stage is Stage.DECIDED
    with pytest.raises(Refusal, match="2025-06-14"):
        apply(s, A.DECIDE, R.AGENCY_HEAD, payload, today=TODAY)  # no calendar: strict


def test_extension_cannot_revive_a_lapsed_deadline() -> None:
    extension = Extension(30, "《市场监督管理行政处罚程序规定》第六十四条")
    on_time = case(filed_on=WED - 90 * DAY)
    assert run(on_time, A.APPROVE_EXTENSION, R.AGENCY_HEAD, extension, today=WED)
    late = case(filed_on=WED - 91 * DAY)
    code = code_of(late, A.APPROVE_EXTENSION, R.AGENCY_HEAD, extension, today=WED)
    assert code == "DECISION_DEADLINE_PASSED"


@pytest.mark.parametrize(("days", "basis", "field"), [(0, "规章", "days"), (1, "  ", "basis")])
def test_extension_needs_days_and_a_basis(days, basis, field) -> None:
    with pytest.raises(Refusal) as refused:
        run(case(), A.APPROVE_EXTENSION, R.AGENCY_HEAD, Extension(days, basis))
    assert (refused.value.code, refused.value.field) == ("EXTENSION_INVALID", field)


# --- 简易程序 caps (Art. 51) ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "penalty", "allowed"),
    [
        (CITIZEN, Penalty(fine_fen=200_00), True),
        (CITIZEN, Penalty(fine_fen=200_00 + 1), False),
        (ORG, Penalty(fine_fen=3_000_00), True),
        (ORG, Penalty(fine_fen=3_000_00 + 1), False),
        (CITIZEN, Penalty(warning=True), True),
        (CITIZEN, Penalty(fine_fen=50_00, warning=True), True),
        (CITIZEN, Penalty(confiscation_fen=1), False),
        (ORG, Penalty(closure=True), False),
    ],
)
def test_simple_procedure_cap(kind, penalty, allowed) -> None:
    s = case(Stage.LEAD, party_kind=kind, filed_on=None)
    payload = Spot(penalty, party_heard=True)
    if allowed:
        decided = run(s, A.DECIDE_ON_SPOT, R.INSPECTOR, payload).snapshot
        assert (decided.decided_penalty, decided.decided_on) == (penalty, TODAY)
    else:
        code = code_of(s, A.DECIDE_ON_SPOT, R.INSPECTOR, payload)
        assert code == "SIMPLE_PROCEDURE_CAP_EXCEEDED"


def test_on_the_spot_decision_needs_a_penalty() -> None:
    s = case(Stage.LEAD, filed_on=None)
    code = code_of(s, A.DECIDE_ON_SPOT, R.INSPECTOR, Spot(Penalty(), party_heard=True))
    assert code == "PENALTY_REQUIRED"


def test_penalty_amounts_are_non_negative_fen() -> None:
    with pytest.raises(ValueError, match="fine_fen"):
        Penalty(fine_fen=-1)
    with pytest.raises(ValueError, match="confiscation_fen"):
        Penalty(confiscation_fen=True)  # type: ignore[arg-type]
