"""Steps whose payload needs the calendar, the case or the database. The resolvers
call these with plain input values; everything else is ``Step(action)``."""

from __future__ import annotations

import uuid
from datetime import date

from models.accounts.tables import Account
from models.cases.deadlines import hearing_request_deadline
from models.cases.facts import (
    Action,
    CaseSnapshot,
    DecisionOutcome,
    Penalty,
    ServiceMethod,
)
from models.cases.guards import hearing_eligible
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
from models.cases.service.actions import Step
from models.cases.service.common import Actor, holiday_table
from models.cases.tables import Case
from models.errors import Refusal

CHAIR_ROLES = ("LEGAL_REVIEWER", "AGENCY_HEAD")


def notice(penalty: Penalty, hearing_offered: bool | None) -> Step:
    """告知: the hearing right is offered by default exactly when the penalty qualifies;
    the request window is 5 working days from today."""

    async def build(case: Case, s: CaseSnapshot, today: date, actor: Actor) -> Notice:
        offered = (hearing_eligible(penalty, s.party_kind, s.thresholds)
                   if hearing_offered is None else hearing_offered)
        deadline = hearing_request_deadline(today, holiday_table().is_working_day)
        return Notice(penalty, offered, deadline)

    return Step(Action.NOTIFY, build=build)


def legal_review(opinion: str, reviewer_id: str | None) -> Step:
    """法制审核通过 by the acting reviewer; qualification comes from their staff record."""

    async def build(case: Case, s: CaseSnapshot, today: date, actor: Actor) -> LegalReview:
        account = await Account.get_or_none(id=reviewer_id) if reviewer_id else None
        return LegalReview(str(reviewer_id), bool(account and account.legal_qualified))

    return Step(Action.PASS_LEGAL_REVIEW, build=build, note={"opinion": opinion},
                columns={"legal_review_opinion": opinion, "legal_reviewer_id": reviewer_id})


def hearing_schedule(hearing_on: date, chair_id: str) -> Step:
    """听证通知: the chair is a reviewer or head of the case's own department."""

    async def build(case: Case, s: CaseSnapshot, today: date, actor: Actor) -> HearingSchedule:
        try:
            chair_uuid = uuid.UUID(chair_id)
        except ValueError:
            chair_uuid = None
        chair = await Account.get_or_none(id=chair_uuid) if chair_uuid else None
        if (chair is None or chair.kind != "STAFF" or not chair.is_active
                or chair.department_id != case.department_id
                or not set(chair.roles or ()) & set(CHAIR_ROLES)):
            raise Refusal("HEARING_CHAIR_INVALID",
                          "听证主持人应为本机关的法制审核人员或负责人。", "chairId")
        return HearingSchedule(hearing_on, str(chair.id))

    return Step(Action.SCHEDULE_HEARING, build=build)


def decision(outcome: DecisionOutcome, penalty: Penalty | None, collectively: bool,
             reasons: str, social_impact: bool | None) -> Step:
    return Step(Action.DECIDE, Decision(outcome, penalty, collectively),
                note={"reasons": reasons}, columns={"decided_collectively": collectively},
                social_impact=social_impact)


def on_spot(penalty: Penalty, party_heard: bool, statement: str) -> Step:
    return Step(Action.DECIDE_ON_SPOT, OnSpotDecision(penalty, party_heard),
                note={"statement": statement})


def extension(days: int, basis: str) -> Step:
    return Step(Action.APPROVE_EXTENSION, Extension(days, basis))


def service(method: ServiceMethod, recipient: str) -> Step:
    return Step(Action.SERVE, Service(method), note={"recipient": recipient})


def payment(amount_fen: int, paid_on: date, receipt: str) -> Step:
    return Step(Action.RECORD_PAYMENT, Payment(amount_fen, paid_on), note={"receipt": receipt})


def collection(amount_fen: int, otherwise_hard: bool, receipt: str) -> Step:
    return Step(Action.COLLECT_ON_SPOT, OnSpotCollection(amount_fen, otherwise_hard),
                note={"receipt": receipt})
