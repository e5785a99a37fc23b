"""Legal guards of 行政处罚法 (2021) that the case transition table attaches to its rows.

A *precondition* reads only the case and the date, so ``available_actions()`` can
run it to hide a button; a *check* also reads the action's payload. Each raises
a ``Refusal`` whose Chinese message cites the article it enforces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from models.cases.deadlines import IsWorkingDay, decision_deadline, earliest_hearing_on

# The payment rules live with the other time limits; re-exported for callers that
# look for them among the guards.
from models.cases.deadlines import late_fee as late_fee
from models.cases.deadlines import payment_due as payment_due
from models.cases.facts import (
    SIMPLE_FINE_CAP_FEN,
    CaseSnapshot,
    DecisionOutcome,
    HearingThresholds,
    NoticeState,
    PartyKind,
    Penalty,
)
from models.cases.payloads import (
    Decision,
    Extension,
    HearingSchedule,
    LegalReview,
    Notice,
    OnSpotDecision,
)
from models.errors import Refusal

LAW = "依据《行政处罚法》"


@dataclass(frozen=True)
class When:
    """The moment an action is attempted: its date and, for working-day limits, the calendar."""

    today: date
    is_working_day: IsWorkingDay | None = None


Precondition = Callable[[CaseSnapshot, When], None]
Check = Callable[[CaseSnapshot, Any, When], None]


def yuan(fen: int) -> str:
    """¥ amount for messages: 20000 fen → "200.00元"."""
    return f"{fen // 100}.{fen % 100:02d}元"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def hearing_eligible(penalty: Penalty, kind: PartyKind, thresholds: HearingThresholds) -> bool:
    """Whether the party has the right to a hearing on this penalty (Art. 63)."""
    return (
        penalty.fine_fen >= thresholds.fine_threshold(kind)
        or penalty.confiscation_fen >= thresholds.confiscation_threshold(kind)
        or penalty.licence_revocation
        or penalty.closure
        or penalty.restriction
    )


def _hearing_right(s: CaseSnapshot) -> bool:
    notified = s.notified_penalty
    eligible = notified is not None and hearing_eligible(notified, s.party_kind, s.thresholds)
    return s.hearing_offered or eligible


_NOT_OFFERED = f"{LAW}第六十三条，拟作出的行政处罚属于听证范围，应当告知当事人有要求听证的权利。"


# --- preconditions ----------------------------------------------------------


def officers_ready(s: CaseSnapshot, when: When) -> None:
    """Art. 42–43: at least two distinct credentialed officers, none of them recused."""
    for officer in s.officers:
        if officer.recused:
            raise Refusal(
                "OFFICER_RECUSED",
                f"{LAW}第四十三条，执法人员{officer.officer_id}已回避，应当更换后方可继续办案。",
            )
    credentialed = {o.officer_id for o in s.officers if o.credentialed}
    if len(credentialed) < 2:
        raise Refusal(
            "TOO_FEW_OFFICERS",
            f"{LAW}第四十二条，执法人员不得少于两人，且应当具有行政执法资格；"
            f"本案现有持证执法人员{len(credentialed)}人。",
        )


def within_decision_deadline(s: CaseSnapshot, when: When) -> None:
    """Art. 60: decide within 90 days of 立案 plus approved extensions."""
    if s.filed_on is None:
        raise ValueError("a general-procedure case has no filed_on date")
    last = decision_deadline(s.filed_on, s.extension_days, when.is_working_day)
    if when.today > last:
        raise Refusal(
            "DECISION_DEADLINE_PASSED",
            f"{LAW}第六十条，应当自立案之日起九十日内作出行政处罚决定"
            f"（含经批准延长的{s.extension_days}日），期限已于{last.isoformat()}届满。",
        )


def defence_complete(s: CaseSnapshot, when: When) -> None:
    """Art. 45, 62, 64–65: the party was heard, waived in writing, or let the time lapse;
    a requested hearing was held; a hearing may still be requested only until its deadline."""
    state, deadline = s.notice_state, s.hearing_request_deadline
    window_open = deadline is None or when.today <= deadline
    if state is NoticeState.AWAITING_RESPONSE and window_open:
        raise Refusal(
            "DEFENCE_NOT_HEARD",
            f"{LAW}第四十五条、第六十二条，未听取当事人的陈述、申辩（当事人书面放弃或者"
            "逾期未提出的除外），不得作出行政处罚决定。",
        )
    if state is NoticeState.DEFENCE_HEARD and _hearing_right(s) and window_open:
        raise Refusal(
            "HEARING_WINDOW_OPEN",
            f"{LAW}第六十四条，当事人在{deadline}前仍可要求听证，期限届满前不得作出决定。",
        )
    if state in (NoticeState.HEARING_REQUESTED, NoticeState.HEARING_SCHEDULED):
        raise Refusal(
            "HEARING_NOT_HELD",
            f"{LAW}第六十五条，当事人已要求听证，应当在听证结束后根据听证笔录作出决定。",
        )


def hearing_offered_if_due(s: CaseSnapshot, when: When) -> None:
    """Art. 63: a notified penalty within the hearing scope must have offered a hearing."""
    notified = s.notified_penalty
    if notified is not None and not s.hearing_offered:
        if hearing_eligible(notified, s.party_kind, s.thresholds):
            raise Refusal("HEARING_NOT_OFFERED", _NOT_OFFERED)


def hearing_available(s: CaseSnapshot, when: When) -> None:
    """Art. 63: the party may ask for a hearing when the penalty qualifies or one was offered."""
    if not _hearing_right(s):
        raise Refusal(
            "HEARING_NOT_AVAILABLE",
            f"{LAW}第六十三条，本案拟作出的行政处罚不属于听证范围，告知书也未提供听证。",
        )


def hearing_window_open(s: CaseSnapshot, when: When) -> None:
    """Art. 64(一): request within 5 working days of the notice."""
    deadline = s.hearing_request_deadline
    if deadline is not None and when.today > deadline:
        raise Refusal(
            "HEARING_REQUEST_WINDOW_CLOSED",
            f"{LAW}第六十四条，当事人应当在告知后五个工作日内提出听证要求，"
            f"期限已于{deadline.isoformat()}届满。",
        )


def hearing_due(s: CaseSnapshot, when: When) -> None:
    """A hearing is recorded as held no earlier than the day it was notified for."""
    if s.hearing_on is not None and when.today < s.hearing_on:
        raise Refusal(
            "HEARING_NOT_YET_DUE",
            f"{LAW}第六十四条，听证已通知于{s.hearing_on.isoformat()}举行，不能提前举行。",
        )


# --- checks on the payload --------------------------------------------------


def _penalty_required(penalty: Penalty | None, field: str = "penalty") -> Penalty:
    if penalty is None or penalty.is_empty:
        raise Refusal(
            "PENALTY_REQUIRED", f"{LAW}第五十九条，行政处罚决定应当载明处罚内容。", field=field
        )
    return penalty


def simple_procedure_cap(s: CaseSnapshot, p: OnSpotDecision, when: When) -> None:
    """Art. 51: on the spot only a warning or a fine up to ¥200 (citizen) / ¥3,000."""
    penalty = _penalty_required(p.penalty)
    cap = SIMPLE_FINE_CAP_FEN[s.party_kind]
    if penalty.needs_enforcement or penalty.fine_fen > cap:
        raise Refusal(
            "SIMPLE_PROCEDURE_CAP_EXCEEDED",
            f"{LAW}第五十一条，当场处罚限于警告或者对公民二百元以下、对法人或者其他组织"
            f"三千元以下的罚款；本案当事人的上限为{yuan(cap)}。",
            field="penalty",
        )


def party_heard_on_spot(s: CaseSnapshot, p: OnSpotDecision, when: When) -> None:
    """Art. 44–45 apply on the spot too: the party is told and heard before the decision."""
    if not p.party_heard:
        raise Refusal(
            "DEFENCE_NOT_HEARD",
            f"{LAW}第四十四条、第四十五条，当场作出决定前也应当告知当事人并听取其陈述、申辩。",
            field="partyHeard",
        )


def extension_valid(s: CaseSnapshot, p: Extension, when: When) -> None:
    """Art. 60 lets sector rules extend the limit; the approval must say by how long and why."""
    if isinstance(p.days, bool) or p.days < 1:
        raise Refusal("EXTENSION_INVALID", "延长的天数应为正整数。", field="days")
    if not p.basis.strip():
        raise Refusal("EXTENSION_INVALID", f"{LAW}第六十条，延长期限应当载明依据。", field="basis")


def reviewer_qualified(s: CaseSnapshot, p: LegalReview, when: When) -> None:
    """Art. 58: first-time reviewers hold the national legal professional qualification."""
    if not p.reviewer_qualified:
        raise Refusal(
            "REVIEWER_NOT_QUALIFIED",
            f"{LAW}第五十八条，从事行政处罚决定法制审核的人员应当通过国家统一法律职业资格考试"
            "取得法律职业资格。",
        )


def notice_complete(s: CaseSnapshot, p: Notice, when: When) -> None:
    """Art. 44: the notice states the intended penalty and, where due, the hearing right."""
    _penalty_required(p.penalty)
    if p.hearing_request_deadline <= when.today:
        raise ValueError("hearing_request_deadline must fall after the notice date")
    if not p.hearing_offered and hearing_eligible(p.penalty, s.party_kind, s.thresholds):
        raise Refusal("HEARING_NOT_OFFERED", _NOT_OFFERED, field="hearingOffered")


def hearing_notice_long_enough(s: CaseSnapshot, p: HearingSchedule, when: When) -> None:
    """Art. 64(二) with Art. 85: the party is told 7 working days before the hearing."""
    if when.is_working_day is None:
        raise ValueError("scheduling a hearing needs the working-day calendar")
    earliest = earliest_hearing_on(when.today, when.is_working_day)
    if p.hearing_on < earliest:
        raise Refusal(
            "HEARING_NOTICE_TOO_SHORT",
            f"{LAW}第六十四条，行政机关应当在举行听证的七个工作日前通知当事人，"
            f"今日通知的听证最早可定于{earliest.isoformat()}。",
            field="hearingOn",
        )


def chair_not_investigator(s: CaseSnapshot, p: HearingSchedule, when: When) -> None:
    """Art. 64(四): the hearing is chaired by someone who did not investigate the case."""
    if p.chair_id in s.investigator_ids:
        raise Refusal(
            "HEARING_CHAIR_IS_INVESTIGATOR",
            f"{LAW}第六十四条，听证由行政机关指定的非本案调查人员主持。",
            field="chairId",
        )


def decision_consistent(s: CaseSnapshot, p: Decision, when: When) -> None:
    """A penalty decision names the penalty; the other outcomes name none (Art. 57, 59)."""
    if p.outcome is DecisionOutcome.PENALTY:
        _penalty_required(p.penalty)
    elif p.penalty is not None and not p.penalty.is_empty:
        raise Refusal(
            "PENALTY_NOT_ALLOWED",
            f"{LAW}第五十七条，不予行政处罚、违法事实不能成立或者移送司法机关的决定不载明处罚内容。",
            field="penalty",
        )


def decision_after_notice(s: CaseSnapshot, p: Decision, when: When) -> None:
    """Art. 44: no penalty is decided before the party was notified of it."""
    if p.outcome is DecisionOutcome.PENALTY:
        raise Refusal(
            "DECISION_BEFORE_NOTICE",
            f"{LAW}第四十四条，作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、"
            "理由、依据，并告知其陈述、申辩、要求听证等权利。",
        )


def penalty_not_increased(s: CaseSnapshot, p: Decision, when: When) -> None:
    """Art. 45: the decided penalty stays within what was notified, item by item."""
    if p.outcome is not DecisionOutcome.PENALTY or p.penalty is None:
        return
    heavier = p.penalty.heavier_items(s.notified_penalty or Penalty())
    if heavier:
        raise Refusal(
            "PENALTY_INCREASED_AFTER_DEFENCE",
            f"{LAW}第四十五条，行政机关不得因当事人陈述、申辩而给予更重的处罚；"
            "决定的处罚超出了告知的拟处罚内容，如需变更应当重新告知。",
            field=f"penalty.{_camel(heavier[0])}",
        )


def legal_review_done(s: CaseSnapshot, p: Decision, when: When) -> None:
    """Art. 58: where review is required, a pass (after any hearing) comes before the decision."""
    if p.outcome is not DecisionOutcome.PENALTY:
        return
    held = s.hearing_held_on
    if not s.legal_review_reasons and held is None:
        return
    passed = s.legal_review_passed_on
    if passed is None or (held is not None and passed < held):
        raise Refusal(
            "LEGAL_REVIEW_REQUIRED",
            f"{LAW}第五十八条，本案应当在作出决定前进行法制审核（经过听证的，在听证后审核）；"
            "未经法制审核或者审核未通过的，不得作出决定。",
        )


def collective_decision_done(s: CaseSnapshot, p: Decision, when: When) -> None:
    """Art. 57: complex or serious cases are decided by the agency heads collectively."""
    if (
        p.outcome is DecisionOutcome.PENALTY
        and s.collective_decision_required
        and not p.decided_collectively
    ):
        raise Refusal(
            "COLLECTIVE_DECISION_REQUIRED",
            f"{LAW}第五十七条，对情节复杂或者重大违法行为给予行政处罚，"
            "行政机关负责人应当集体讨论决定。",
            field="decidedCollectively",
        )
