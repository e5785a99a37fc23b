"""Penalty-case lifecycle as data: the transition table, apply() and available_actions().

线索 → 立案 → 调查取证 → 审查 → 告知 (陈述申辩 / 听证) → 决定 → 送达 → 执行 → 结案 → 归档,
plus 简易程序 (线索 → 当场决定 → 当场送达). Inside 告知 the ``NoticeState``
sub-state tracks the party's answer. The service is the only code that writes
what ``apply()`` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from models.cases import execution_guards as x
from models.cases import guards as g
from models.cases import payloads as pl
from models.cases.chain import jsonable
from models.cases.deadlines import IsWorkingDay
from models.cases.facts import (
    ACTION_LABELS,
    ROLE_LABELS,
    STAGE_LABELS,
    Action,
    CaseSnapshot,
    DecisionOutcome,
    NoticeState,
    Procedure,
    Role,
    Stage,
)
from models.errors import Refusal

Effect = Callable[[CaseSnapshot, Any, date], dict[str, Any]]


@dataclass(frozen=True)
class Transition:
    """One legal move. ``notice_from`` limits a NOTIFIED row to those sub-states;
    ``notice_to`` is the sub-state entered (None on a NOTIFIED self-loop keeps it)."""

    source: Stage
    action: Action
    target: Stage
    roles: frozenset[Role]
    payload: type | None = None
    preconditions: tuple[g.Precondition, ...] = ()
    checks: tuple[g.Check, ...] = ()
    notice_from: frozenset[NoticeState] | None = None
    notice_to: NoticeState | None = None


@dataclass(frozen=True)
class Outcome:
    """What apply() decided: the case after the move and the event for its hash chain."""

    stage: Stage
    notice_state: NoticeState | None
    snapshot: CaseSnapshot
    transition: Transition
    event: dict[str, Any]


# fmt: off
_S, _A, _R, _N = Stage, Action, Role, NoticeState
_HEAD, _INSP, _REVIEWER = [_R.AGENCY_HEAD], [_R.INSPECTOR], [_R.LEGAL_REVIEWER]
_ANSWERABLE = frozenset({_N.AWAITING_RESPONSE, _N.DEFENCE_HEARD})
_ALL_NOTICE = frozenset(NoticeState)
_OPEN = (_S.FILED, _S.INVESTIGATION, _S.REVIEW, _S.NOTIFIED)


def _t(source: Stage, action: Action, target: Stage, roles: Iterable[Role],
       payload: type | None = None, pre: Iterable[g.Precondition] = (),
       checks: Iterable[g.Check] = (), *, notice_from: Iterable[NoticeState] | None = None,
       notice_to: NoticeState | None = None) -> Transition:
    return Transition(source, action, target, frozenset(roles), payload, tuple(pre),
                      tuple(checks), None if notice_from is None else frozenset(notice_from),
                      notice_to)


def _notified(action: Action, roles: Iterable[Role], notice_from: Iterable[NoticeState],
              notice_to: NoticeState | None = None, **kw: Any) -> Transition:
    return _t(_S.NOTIFIED, action, _S.NOTIFIED, roles, notice_from=notice_from,
              notice_to=notice_to, **kw)


TRANSITIONS: tuple[Transition, ...] = (
    _t(_S.LEAD, _A.FILE_CASE, _S.FILED, _HEAD),
    _t(_S.LEAD, _A.DROP_LEAD, _S.DROPPED, _HEAD),
    _t(_S.LEAD, _A.DECIDE_ON_SPOT, _S.DECIDED, _INSP, pl.OnSpotDecision, [g.officers_ready],
       [g.simple_procedure_cap, g.party_heard_on_spot]),
    _t(_S.FILED, _A.START_INVESTIGATION, _S.INVESTIGATION, _INSP, pre=[g.officers_ready]),
    # An extension cannot revive a limit that has already run out.
    *(_t(s, _A.APPROVE_EXTENSION, s, _HEAD, pl.Extension, [g.within_decision_deadline],
         [g.extension_valid], notice_from=_ALL_NOTICE if s is _S.NOTIFIED else None)
      for s in _OPEN),
    _t(_S.INVESTIGATION, _A.SUBMIT_FOR_REVIEW, _S.REVIEW, _INSP, pre=[g.officers_ready]),
    _t(_S.REVIEW, _A.PASS_LEGAL_REVIEW, _S.REVIEW, _REVIEWER, pl.LegalReview,
       checks=[g.reviewer_qualified]),
    _t(_S.REVIEW, _A.RETURN_FOR_INVESTIGATION, _S.INVESTIGATION, [*_HEAD, *_REVIEWER]),
    _t(_S.REVIEW, _A.NOTIFY, _S.NOTIFIED, _INSP, pl.Notice, checks=[g.notice_complete],
       notice_to=_N.AWAITING_RESPONSE),
    # Without a notice only the outcomes that impose nothing may be decided (Art. 44).
    _t(_S.REVIEW, _A.DECIDE, _S.DECIDED, _HEAD, pl.Decision, [g.within_decision_deadline],
       [g.decision_consistent, g.decision_after_notice]),
    # 陈述申辩 may be written by the party or taken down by an officer (陈述申辩笔录).
    _notified(_A.SUBMIT_DEFENCE, [_R.PARTY, _R.INSPECTOR], _ANSWERABLE, _N.DEFENCE_HEARD),
    _notified(_A.WAIVE_IN_WRITING, [_R.PARTY], _ANSWERABLE, _N.WAIVED_IN_WRITING),
    _notified(_A.REQUEST_HEARING, [_R.PARTY], _ANSWERABLE, _N.HEARING_REQUESTED,
              pre=[g.hearing_available, g.hearing_window_open]),
    _notified(_A.SCHEDULE_HEARING, _HEAD, [_N.HEARING_REQUESTED], _N.HEARING_SCHEDULED,
              payload=pl.HearingSchedule,
              checks=[g.chair_not_investigator, g.hearing_notice_long_enough]),
    # The chair records the hearing; chairs come from the legal office or the agency heads.
    _notified(_A.HOLD_HEARING, [*_HEAD, *_REVIEWER], [_N.HEARING_SCHEDULED], _N.HEARING_HELD,
              pre=[g.hearing_due]),
    # After a hearing Art. 58 wants the review done on the hearing record, so review here too.
    _notified(_A.PASS_LEGAL_REVIEW, _REVIEWER, _ALL_NOTICE, payload=pl.LegalReview,
              checks=[g.reviewer_qualified]),
    # New facts from the defence or the hearing, or a defective notice: investigate again,
    # then notify again. Not while a requested hearing is pending: the party is owed it.
    _t(_S.NOTIFIED, _A.RETURN_FOR_INVESTIGATION, _S.INVESTIGATION, _HEAD,
       notice_from=_ALL_NOTICE - {_N.HEARING_REQUESTED, _N.HEARING_SCHEDULED}),
    _t(_S.NOTIFIED, _A.DECIDE, _S.DECIDED, _HEAD, pl.Decision,
       [g.within_decision_deadline, g.defence_complete, g.hearing_offered_if_due],
       [g.decision_consistent, g.penalty_not_increased, g.legal_review_done,
        g.collective_decision_done], notice_from=_ALL_NOTICE),
    _t(_S.DECIDED, _A.SERVE, _S.SERVED, _INSP, pl.Service, checks=[x.service_method_allowed]),
    _t(_S.SERVED, _A.START_EXECUTION, _S.EXECUTION, [*_INSP, _R.SYSTEM],
       pre=[x.penalty_to_execute]),
    _t(_S.SERVED, _A.CLOSE_CASE, _S.CLOSED, _HEAD, pre=[x.execution_complete]),
    # The deciding body never collects (Art. 67): a payment is the bank's receipt.
    _t(_S.EXECUTION, _A.RECORD_PAYMENT, _S.EXECUTION, [_R.SYSTEM], pl.Payment,
       [x.fine_outstanding], [x.payment_covers]),
    _t(_S.EXECUTION, _A.COLLECT_ON_SPOT, _S.EXECUTION, _INSP, pl.OnSpotCollection,
       [x.simple_procedure_only, x.fine_outstanding], [x.on_spot_collection_allowed]),
    _t(_S.EXECUTION, _A.RECORD_EXECUTION, _S.EXECUTION, _INSP, pre=[x.enforcement_outstanding]),
    _t(_S.EXECUTION, _A.CLOSE_CASE, _S.CLOSED, _HEAD, pre=[x.execution_complete]),
    _t(_S.CLOSED, _A.ARCHIVE, _S.ARCHIVED, [*_INSP, _R.SYSTEM]),
)
# fmt: on

_INDEX: dict[tuple[Stage, Action], list[Transition]] = {}
for _row in TRANSITIONS:
    _INDEX.setdefault((_row.source, _row.action), []).append(_row)


def _no_effect(s: CaseSnapshot, p: Any, today: date) -> dict[str, Any]:
    return {}


def _clear_notice(s: CaseSnapshot, p: Any, today: date) -> dict[str, Any]:
    # Back to investigation: the old notice, hearing and review no longer fit the facts.
    cleared = (
        "notified_on", "notified_penalty", "hearing_request_deadline", "hearing_on",
        "hearing_chair_id", "hearing_held_on", "legal_review_passed_on",
    )  # fmt: skip
    return {name: None for name in cleared} | {"hearing_offered": False}


def _on_spot(s: CaseSnapshot, p: pl.OnSpotDecision, today: date) -> dict[str, Any]:
    return {
        "procedure": Procedure.SIMPLE, "notified_on": today, "notified_penalty": p.penalty,
        "decided_on": today, "outcome": DecisionOutcome.PENALTY, "decided_penalty": p.penalty,
    }  # fmt: skip


# fmt: off
_EFFECTS: dict[Action, Effect] = {
    _A.FILE_CASE: lambda s, p, d: {"filed_on": d, "procedure": Procedure.GENERAL},
    _A.DECIDE_ON_SPOT: _on_spot,
    _A.APPROVE_EXTENSION: lambda s, p, d: {"extension_days": s.extension_days + p.days},
    _A.PASS_LEGAL_REVIEW: lambda s, p, d: {"legal_review_passed_on": d},
    _A.RETURN_FOR_INVESTIGATION: _clear_notice,
    _A.NOTIFY: lambda s, p, d: {"notified_on": d, "notified_penalty": p.penalty,
                                "hearing_offered": p.hearing_offered,
                                "hearing_request_deadline": p.hearing_request_deadline},
    _A.SCHEDULE_HEARING: lambda s, p, d: {"hearing_on": p.hearing_on,
                                          "hearing_chair_id": p.chair_id},
    _A.HOLD_HEARING: lambda s, p, d: {"hearing_held_on": d},
    _A.DECIDE: lambda s, p, d: {"decided_on": d, "outcome": p.outcome,
                                "decided_penalty": p.penalty},
    _A.SERVE: lambda s, p, d: {"served_on": d, "service_method": p.method},
    _A.RECORD_PAYMENT: lambda s, p, d: {"fine_paid_on": p.paid_on, "paid_fen": p.amount_fen},
    _A.COLLECT_ON_SPOT: lambda s, p, d: {"fine_paid_on": d, "paid_fen": p.amount_fen},
    _A.RECORD_EXECUTION: lambda s, p, d: {"enforcement_done": True},
    _A.CLOSE_CASE: lambda s, p, d: {"closed_on": d},
}
# fmt: on


def _find(snapshot: CaseSnapshot, action: Action) -> Transition:
    for row in _INDEX.get((snapshot.stage, action), []):
        if row.notice_from is None or snapshot.notice_state in row.notice_from:
            return row
    where = STAGE_LABELS[snapshot.stage]
    raise Refusal(
        "ILLEGAL_TRANSITION", f"案件处于「{where}」环节，不能执行「{ACTION_LABELS[action]}」。"
    )


def _authorise(snapshot: CaseSnapshot, action: Action, role: Role, when: g.When) -> Transition:
    # Every guard that does not read the payload, shared with available_actions().
    row = _find(snapshot, action)
    if role not in row.roles:
        raise Refusal(
            "ROLE_NOT_ALLOWED", f"「{ROLE_LABELS[role]}」无权执行「{ACTION_LABELS[action]}」。"
        )
    for precondition in row.preconditions:
        precondition(snapshot, when)
    return row


def apply(
    snapshot: CaseSnapshot,
    action: Action,
    actor_role: Role,
    payload: object | None,
    *,
    today: date,
    is_working_day: IsWorkingDay | None = None,
) -> Outcome:
    """Decide one move or raise a ``Refusal``; never writes anything.

    ``is_working_day`` is the holiday calendar: scheduling a hearing needs it, and
    with it calendar-day limits ending on a holiday move to the next working day.
    """
    when = g.When(today, is_working_day)
    row = _authorise(snapshot, action, actor_role, when)
    expected = row.payload
    if (expected is None) != (payload is None) or (
        expected is not None and not isinstance(payload, expected)
    ):
        # The resolver builds payloads; a wrong one is a bug, not a business refusal.
        raise TypeError(f"{action} expects {expected.__name__ if expected else 'no payload'}")
    for check in row.checks:
        check(snapshot, payload, when)
    changes = _EFFECTS.get(action, _no_effect)(snapshot, payload, today)
    notice = None
    if row.target is Stage.NOTIFIED:
        notice = row.notice_to or snapshot.notice_state
    after = replace(snapshot, stage=row.target, notice_state=notice, **changes)
    event = {
        "action": action.value,
        "role": actor_role.value,
        "on": today.isoformat(),
        "from": [snapshot.stage.value, snapshot.notice_state],
        "to": [after.stage.value, notice],
        "payload": jsonable(payload),
    }
    return Outcome(after.stage, notice, after, row, jsonable(event))


def available_actions(
    snapshot: CaseSnapshot,
    role: Role,
    *,
    today: date,
    is_working_day: IsWorkingDay | None = None,
) -> list[Action]:
    """What ``role`` may do now (client buttons), in ``Action`` order: exactly the actions
    apply() accepts given a valid payload, since both run the same table and guards."""
    when = g.When(today, is_working_day)
    allowed = []
    for action in Action:
        try:
            _authorise(snapshot, action, role, when)
        except Refusal:
            continue
        allowed.append(action)
    return allowed
