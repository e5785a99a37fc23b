"""Penalty-case transition table: every (stage, action, role), and available_actions()."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from models.cases.chain import canonical_json
from models.cases.facts import (
    Action,
    CaseSnapshot,
    DecisionOutcome,
    NoticeState,
    Officer,
    PartyKind,
    Penalty,
    Procedure,
    ReviewReason,
    Role,
    ServiceMethod,
    Stage,
)
from models.cases.payloads import (
    Decision,
    Extension,
    HearingSchedule,
    LegalReview,
    Notice,
    OnSpotCollection,
    OnSpotDecision,
    Payment,
    Service,
)
from models.cases.rules import Outcome, apply, available_actions
from models.errors import Refusal

TODAY = date(2025, 6, 16)  # a Monday
DAY = timedelta(days=1)


def weekdays(d: date) -> bool:
    return d.weekday() < 5


S, A, R, N = Stage, Action, Role, NoticeState
HEAD, INSP, REV, PARTY, SYS = R.AGENCY_HEAD, R.INSPECTOR, R.LEGAL_REVIEWER, R.PARTY, R.SYSTEM
ALL_N = tuple(NoticeState)
ANSWERABLE = (N.AWAITING_RESPONSE, N.DEFENCE_HEARD)

# The specification, written out independently of models/cases/rules.py:
# (stage, notice sub-state, action) -> (roles allowed, target stage, target sub-state).
EXPECTED: dict[tuple[Stage, NoticeState | None, Action], tuple[set[Role], Stage, object]] = {
    (S.LEAD, None, A.FILE_CASE): ({HEAD}, S.FILED, None),
    (S.LEAD, None, A.DROP_LEAD): ({HEAD}, S.DROPPED, None),
    (S.LEAD, None, A.DECIDE_ON_SPOT): ({INSP}, S.DECIDED, None),
    (S.FILED, None, A.START_INVESTIGATION): ({INSP}, S.INVESTIGATION, None),
    (S.FILED, None, A.APPROVE_EXTENSION): ({HEAD}, S.FILED, None),
    (S.INVESTIGATION, None, A.APPROVE_EXTENSION): ({HEAD}, S.INVESTIGATION, None),
    (S.INVESTIGATION, None, A.SUBMIT_FOR_REVIEW): ({INSP}, S.REVIEW, None),
    (S.REVIEW, None, A.APPROVE_EXTENSION): ({HEAD}, S.REVIEW, None),
    (S.REVIEW, None, A.PASS_LEGAL_REVIEW): ({REV}, S.REVIEW, None),
    (S.REVIEW, None, A.RETURN_FOR_INVESTIGATION): ({HEAD, REV}, S.INVESTIGATION, None),
    (S.REVIEW, None, A.NOTIFY): ({INSP}, S.NOTIFIED, N.AWAITING_RESPONSE),
    (S.REVIEW, None, A.DECIDE): ({HEAD}, S.DECIDED, None),
    **{(S.NOTIFIED, n, A.APPROVE_EXTENSION): ({HEAD}, S.NOTIFIED, n) for n in ALL_N},
    **{(S.NOTIFIED, n, A.PASS_LEGAL_REVIEW): ({REV}, S.NOTIFIED, n) for n in ALL_N},
    **{(S.NOTIFIED, n, A.DECIDE): ({HEAD}, S.DECIDED, None) for n in ALL_N},
    **{(S.NOTIFIED, n, A.SUBMIT_DEFENCE): ({PARTY, INSP}, S.NOTIFIED, N.DEFENCE_HEARD)
       for n in ANSWERABLE},
    **{(S.NOTIFIED, n, A.WAIVE_IN_WRITING): ({PARTY}, S.NOTIFIED, N.WAIVED_IN_WRITING)
       for n in ANSWERABLE},
    **{(S.NOTIFIED, n, A.REQUEST_HEARING): ({PARTY}, S.NOTIFIED, N.HEARING_REQUESTED)
       for n in ANSWERABLE},
    (S.NOTIFIED, N.HEARING_REQUESTED, A.SCHEDULE_HEARING):
        ({HEAD}, S.NOTIFIED, N.HEARING_SCHEDULED),
    (S.NOTIFIED, N.HEARING_SCHEDULED, A.HOLD_HEARING): ({HEAD, REV}, S.NOTIFIED, N.HEARING_HELD),
    **{(S.NOTIFIED, n, A.RETURN_FOR_INVESTIGATION): ({HEAD}, S.INVESTIGATION, None)
       for n in (*ANSWERABLE, N.WAIVED_IN_WRITING, N.HEARING_HELD)},
    (S.DECIDED, None, A.SERVE): ({INSP}, S.SERVED, None),
    (S.SERVED, None, A.START_EXECUTION): ({INSP, SYS}, S.EXECUTION, None),
    (S.SERVED, None, A.CLOSE_CASE): ({HEAD}, S.CLOSED, None),
    (S.EXECUTION, None, A.RECORD_PAYMENT): ({SYS}, S.EXECUTION, None),
    (S.EXECUTION, None, A.COLLECT_ON_SPOT): ({INSP}, S.EXECUTION, None),
    (S.EXECUTION, None, A.RECORD_EXECUTION): ({INSP}, S.EXECUTION, None),
    (S.EXECUTION, None, A.CLOSE_CASE): ({HEAD}, S.CLOSED, None),
    (S.CLOSED, None, A.ARCHIVE): ({INSP, SYS}, S.ARCHIVED, None),
}  # fmt: skip

# Rows that exist so that the refusal can say why: no decision while a hearing is pending.
ALWAYS_GUARDED = {
    (N.HEARING_REQUESTED, A.DECIDE): "HEARING_NOT_HELD",
    (N.HEARING_SCHEDULED, A.DECIDE): "HEARING_NOT_HELD",
}
STATES = [(s, None) for s in Stage if s is not S.NOTIFIED] + [(S.NOTIFIED, n) for n in ALL_N]
OFFICERS = (Officer("E1", credentialed=True), Officer("E2", credentialed=True))
NOTIFIED_FINE = Penalty(fine_fen=5_000_00)
DECIDED_FINE = Penalty(fine_fen=5_000_00, confiscation_fen=1_00)


def snapshot_for(stage: Stage, notice: NoticeState | None, action: Action) -> CaseSnapshot:
    """A case in this state on which ``action`` is legal (when the table allows it)."""
    s = CaseSnapshot(stage, PartyKind.CITIZEN, officers=OFFICERS, notice_state=notice)
    if stage not in (S.LEAD, S.DROPPED):
        s = replace(s, filed_on=TODAY - 30 * DAY)
    if stage is S.NOTIFIED:
        lapsed = action is A.DECIDE and notice in ANSWERABLE
        s = replace(
            s,
            notified_on=TODAY - 10 * DAY,
            notified_penalty=NOTIFIED_FINE,
            hearing_offered=True,
            hearing_request_deadline=TODAY - DAY if lapsed else TODAY + 2 * DAY,
        )
        if notice in (N.HEARING_SCHEDULED, N.HEARING_HELD):
            s = replace(s, hearing_on=TODAY, hearing_chair_id="H1")
        if notice is N.HEARING_HELD:
            s = replace(s, hearing_held_on=TODAY, legal_review_passed_on=TODAY)
    if stage in (S.DECIDED, S.SERVED, S.EXECUTION, S.CLOSED, S.ARCHIVED):
        s = replace(
            s,
            notified_penalty=DECIDED_FINE,
            decided_on=TODAY - 2 * DAY,
            outcome=DecisionOutcome.PENALTY,
            decided_penalty=DECIDED_FINE,
        )
    if stage in (S.SERVED, S.EXECUTION, S.CLOSED, S.ARCHIVED):
        s = replace(s, served_on=TODAY - DAY, service_method=ServiceMethod.DIRECT)
    if stage is S.SERVED and action is A.CLOSE_CASE:
        s = replace(s, outcome=DecisionOutcome.NO_PENALTY, decided_penalty=None)
    if stage is S.EXECUTION:
        if action is A.COLLECT_ON_SPOT:
            s = replace(s, procedure=Procedure.SIMPLE, decided_penalty=Penalty(fine_fen=50_00))
        if action in (A.RECORD_EXECUTION, A.CLOSE_CASE):
            s = replace(s, fine_paid_on=TODAY, paid_fen=DECIDED_FINE.fine_fen)
        if action is A.CLOSE_CASE:
            s = replace(s, enforcement_done=True)
    return s


def candidate_payloads(action: Action, s: CaseSnapshot) -> list[object | None]:
    """Payloads a careful caller would send; an action is possible if any is accepted."""
    big = 1_000_000_00
    return {
        A.DECIDE_ON_SPOT: [OnSpotDecision(Penalty(fine_fen=50_00), party_heard=True)],
        A.APPROVE_EXTENSION: [Extension(30, "《市场监督管理行政处罚程序规定》第六十四条")],
        A.PASS_LEGAL_REVIEW: [LegalReview("L1", reviewer_qualified=True)],
        A.NOTIFY: [Notice(NOTIFIED_FINE, hearing_offered=True,
                          hearing_request_deadline=TODAY + 7 * DAY)],
        A.SCHEDULE_HEARING: [HearingSchedule(TODAY + 30 * DAY, chair_id="H1")],
        A.DECIDE: [
            Decision(DecisionOutcome.PENALTY, s.notified_penalty, decided_collectively=True),
            Decision(DecisionOutcome.NO_PENALTY),
        ],
        A.SERVE: [Service(ServiceMethod.ON_SPOT)],
        A.RECORD_PAYMENT: [Payment(big, paid_on=TODAY)],
        A.COLLECT_ON_SPOT: [OnSpotCollection(big, collection_otherwise_hard=True)],
    }.get(action, [None])  # fmt: skip


def first_accepted(s: CaseSnapshot, action: Action, role: Role) -> Outcome:
    """The outcome for the first accepted candidate payload, else the last refusal."""
    refusal = None
    for payload in candidate_payloads(action, s):
        try:
            return apply(s, action, role, payload, today=TODAY, is_working_day=weekdays)
        except Refusal as exc:
            refusal = exc
    assert refusal is not None
    raise refusal


def accepted(s: CaseSnapshot, action: Action, role: Role) -> bool:
    try:
        first_accepted(s, action, role)
    except Refusal:
        return False
    return True


WALK = [(st, n, a, r) for st, n in STATES for a in Action for r in Role]


@pytest.mark.parametrize(("stage", "notice", "action", "role"), WALK)
def test_every_stage_action_and_role_follows_the_table(
    stage: Stage, notice: NoticeState | None, action: Action, role: Role
) -> None:
    s = snapshot_for(stage, notice, action)
    spec = EXPECTED.get((stage, notice, action))
    code = None
    if spec is None or role not in spec[0]:
        code = "ILLEGAL_TRANSITION" if spec is None else "ROLE_NOT_ALLOWED"
    elif (notice, action) in ALWAYS_GUARDED:
        code = ALWAYS_GUARDED[notice, action]
    if code is not None:
        with pytest.raises(Refusal) as refused:
            first_accepted(s, action, role)
        assert refused.value.code == code
        assert action not in available_actions(s, role, today=TODAY)
        return
    _, target, target_notice = spec
    outcome = first_accepted(s, action, role)
    assert (outcome.stage, outcome.notice_state) == (target, target_notice)
    assert outcome.snapshot.stage is target
    assert action in available_actions(s, role, today=TODAY)


def test_the_spec_names_only_real_states() -> None:
    # Guards the walk itself: a typo in EXPECTED would silently shrink it.
    assert {(st, n) for st, n, _ in EXPECTED} <= set(STATES)
    assert len(WALK) == len(STATES) * len(Action) * len(Role)


def _blocked_variants(s: CaseSnapshot) -> list[CaseSnapshot]:
    late = TODAY - 200 * DAY
    variants = [
        replace(s, officers=OFFICERS[:1]),
        replace(s, officers=(*OFFICERS, Officer("E3", credentialed=True, recused=True))),
        replace(s, hearing_request_deadline=TODAY - DAY) if s.stage is S.NOTIFIED else s,
        replace(s, hearing_offered=False) if s.stage is S.NOTIFIED else s,
        replace(s, hearing_on=TODAY + DAY) if s.hearing_on else s,
        replace(s, outcome=DecisionOutcome.NOT_ESTABLISHED, decided_penalty=None),
        replace(s, fine_paid_on=TODAY, enforcement_done=True),
        replace(s, procedure=Procedure.SIMPLE),
        replace(
            s,
            legal_review_reasons=frozenset({ReviewReason.COMPLEX_CASE}),
            legal_review_passed_on=None,
        ),
    ]
    if s.filed_on is not None:
        variants.append(replace(s, filed_on=late))
    return variants


@pytest.mark.parametrize(("stage", "notice"), STATES)
@pytest.mark.parametrize("role", list(Role))
def test_available_actions_are_exactly_what_apply_accepts(
    stage: Stage, notice: NoticeState | None, role: Role
) -> None:
    snapshots = [snapshot_for(stage, notice, a) for a in Action]
    snapshots += [v for s in snapshots[:1] for v in _blocked_variants(s)]
    for s in snapshots:
        possible = [a for a in Action if accepted(s, a, role)]
        assert available_actions(s, role, today=TODAY, is_working_day=weekdays) == possible


def test_general_procedure_runs_from_lead_to_archive() -> None:
    notice = Notice(NOTIFIED_FINE, hearing_offered=False, hearing_request_deadline=TODAY + 7 * DAY)
    steps: list[tuple[Action, Role, object | None]] = [
        (A.FILE_CASE, HEAD, None),
        (A.START_INVESTIGATION, INSP, None),
        (A.SUBMIT_FOR_REVIEW, INSP, None),
        (A.NOTIFY, INSP, notice),
        (A.SUBMIT_DEFENCE, PARTY, None),
        (A.DECIDE, HEAD, Decision(DecisionOutcome.PENALTY, Penalty(fine_fen=4_000_00))),
        (A.SERVE, INSP, Service(ServiceMethod.DIRECT)),
        (A.START_EXECUTION, SYS, None),
        (A.RECORD_PAYMENT, SYS, Payment(4_000_00, paid_on=TODAY)),
        (A.CLOSE_CASE, HEAD, None),
        (A.ARCHIVE, SYS, None),
    ]
    s = CaseSnapshot(S.LEAD, PartyKind.ORGANISATION, officers=OFFICERS)
    for action, role, payload in steps:
        outcome = apply(s, action, role, payload, today=TODAY)
        canonical_json(outcome.event)  # every event can go on the hash chain
        s = outcome.snapshot
    assert s.stage is S.ARCHIVED
    assert (s.filed_on, s.decided_on, s.served_on, s.closed_on) == (TODAY,) * 4
    assert s.decided_penalty == Penalty(fine_fen=4_000_00)


def test_simple_procedure_decides_serves_and_collects_on_the_spot() -> None:
    s = CaseSnapshot(S.LEAD, PartyKind.CITIZEN, officers=OFFICERS)
    steps: list[tuple[Action, Role, object | None]] = [
        (A.DECIDE_ON_SPOT, INSP, OnSpotDecision(Penalty(fine_fen=50_00), party_heard=True)),
        (A.SERVE, INSP, Service(ServiceMethod.ON_SPOT)),
        (A.START_EXECUTION, INSP, None),
        (A.COLLECT_ON_SPOT, INSP, OnSpotCollection(50_00)),
        (A.CLOSE_CASE, HEAD, None),
    ]
    for action, role, payload in steps:
        s = apply(s, action, role, payload, today=TODAY).snapshot
    assert (s.stage, s.procedure, s.paid_fen) == (S.CLOSED, Procedure.SIMPLE, 50_00)


def test_hearing_path_needs_review_after_the_hearing_before_deciding() -> None:
    big = Penalty(fine_fen=20_000_00)
    s = snapshot_for(S.REVIEW, None, A.NOTIFY)
    notice = Notice(big, hearing_offered=True, hearing_request_deadline=TODAY + 7 * DAY)
    s = apply(s, A.NOTIFY, INSP, notice, today=TODAY).snapshot
    s = apply(s, A.REQUEST_HEARING, PARTY, None, today=TODAY + DAY).snapshot
    schedule = HearingSchedule(TODAY + 14 * DAY, chair_id="H1")
    s = apply(
        s, A.SCHEDULE_HEARING, HEAD, schedule, today=TODAY + DAY, is_working_day=weekdays
    ).snapshot
    s = apply(s, A.HOLD_HEARING, REV, None, today=TODAY + 14 * DAY).snapshot
    decision = Decision(DecisionOutcome.PENALTY, big)
    with pytest.raises(Refusal) as refused:
        apply(s, A.DECIDE, HEAD, decision, today=TODAY + 15 * DAY)
    assert refused.value.code == "LEGAL_REVIEW_REQUIRED"
    review = LegalReview("L1", reviewer_qualified=True)
    s = apply(s, A.PASS_LEGAL_REVIEW, REV, review, today=TODAY + 15 * DAY).snapshot
    assert s.notice_state is N.HEARING_HELD
    assert apply(s, A.DECIDE, HEAD, decision, today=TODAY + 15 * DAY).stage is S.DECIDED


def test_returning_for_investigation_discards_the_notice_and_review() -> None:
    s = replace(snapshot_for(S.NOTIFIED, N.DEFENCE_HEARD, A.DECIDE), legal_review_passed_on=TODAY)
    after = apply(s, A.RETURN_FOR_INVESTIGATION, HEAD, None, today=TODAY).snapshot
    assert after.stage is S.INVESTIGATION and after.notice_state is None
    assert after.notified_penalty is None and after.legal_review_passed_on is None
    assert after.hearing_request_deadline is None and not after.hearing_offered


def test_extension_adds_to_the_approved_days() -> None:
    s = replace(snapshot_for(S.INVESTIGATION, None, A.APPROVE_EXTENSION), extension_days=15)
    after = apply(s, A.APPROVE_EXTENSION, HEAD, Extension(30, "规章"), today=TODAY).snapshot
    assert after.extension_days == 45


def test_wrong_payload_type_is_a_programming_error() -> None:
    s = snapshot_for(S.DECIDED, None, A.SERVE)
    with pytest.raises(TypeError):
        apply(s, A.SERVE, INSP, Payment(1, TODAY), today=TODAY)
    with pytest.raises(TypeError):
        apply(s, A.SERVE, INSP, None, today=TODAY)


def test_snapshot_rejects_a_sub_state_outside_the_notice_stage() -> None:
    with pytest.raises(ValueError, match="notice_state"):
        CaseSnapshot(S.REVIEW, PartyKind.CITIZEN, notice_state=N.DEFENCE_HEARD)
    with pytest.raises(ValueError, match="notice_state"):
        CaseSnapshot(S.NOTIFIED, PartyKind.CITIZEN)


def test_refusal_messages_are_chinese_and_name_the_stage() -> None:
    s = snapshot_for(S.ARCHIVED, None, A.ARCHIVE)
    with pytest.raises(Refusal) as refused:
        apply(s, A.ARCHIVE, SYS, None, today=TODAY)
    assert "归档" in refused.value.message
