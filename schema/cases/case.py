"""The Case type (staff view of a 行政处罚案件) and what it computes on read."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

import strawberry

from models.cases import rules
from models.cases.deadline_view import case_deadlines, payment_view
from models.cases.facts import (
    STAGE_LABELS,
    Action,
    CaseSnapshot,
    DecisionOutcome,
    NoticeState,
    PartyKind,
    Procedure,
    ReviewReason,
    Role,
    ServiceMethod,
    Stage,
)
from models.cases.service.common import holiday_table
from models.cases.service.opening import SourceKind
from models.cases.snapshot import snapshot_of
from schema.cases.common import (
    CaseAction,
    CaseDecisionOutcome,
    CaseNoticeState,
    CasePartyKind,
    CaseProcedure,
    CaseReviewReason,
    CaseServiceMethod,
    CaseSourceKind,
    CaseStage,
    clock,
)
from schema.cases.parts import (
    CaseDeadline,
    CaseDocument,
    CaseOfficer,
    CasePayment,
    CasePenalty,
    Evidence,
)
from schema.node import Node, to_global_id
from schema.regions import Department


class CaseAccess(Protocol):
    """Supplied by the resolvers: the case roles the viewer holds on a case."""

    async def roles(self, info: strawberry.Info, row: Any) -> frozenset[Role]: ...


async def snapshot(info: strawberry.Info, row: Any) -> CaseSnapshot:
    """The rules' view of the row, from per-request loaders (officers, thresholds)."""
    loaders = info.context.loaders
    officers = await loaders["case_officers"].load(str(row.id))
    department = await loaders["department"].load(str(row.department_id))
    thresholds = await loaders["case_thresholds"].load(department.region_id[:2])
    return snapshot_of(row, officers, thresholds)


async def actions_for(info: strawberry.Info, row: Any, roles: frozenset[Role]) -> list[Action]:
    if not roles:
        return []
    s = await snapshot(info, row)
    table = holiday_table()
    allowed: set[Action] = set()
    for role in roles:
        allowed.update(rules.available_actions(s, role, today=clock(info).today(),
                                               is_working_day=table.is_working_day))
    return [a for a in Action if a in allowed]


async def deadlines_for(info: strawberry.Info, row: Any) -> list[CaseDeadline]:
    s = await snapshot(info, row)
    entry = await info.context.loaders["case_publication"].load(str(row.id))
    publish = (entry.publish_due, entry.published_on) if entry else None
    withdraw = None
    if entry is not None and entry.withdraw_due is not None and row.revoked_on is not None:
        withdraw = (row.revoked_on, entry.withdraw_due, entry.withdrawn_on)
    views = case_deadlines(s, holiday_table(), clock(info).today(), publish=publish,
                           withdraw=withdraw)
    return [CaseDeadline.of(v) for v in views]


@strawberry.type(description="当事人")
class CaseParty:
    kind: CasePartyKind  # type: ignore[valid-type]
    name: str
    credit_code: str | None = strawberry.field(description="统一社会信用代码（单位）")
    id_number_masked: str | None = strawberry.field(description="身份证号（打码，个人）")


@strawberry.type(description="告知（行政处罚事先告知书）")
class CaseNotice:
    notified_on: date
    penalty: CasePenalty | None
    hearing_offered: bool
    hearing_request_deadline: date | None = strawberry.field(
        description="要求听证的最后一日（告知后 5 个工作日）")


@strawberry.type(description="决定")
class CaseDecision:
    decided_on: date
    outcome: CaseDecisionOutcome  # type: ignore[valid-type]
    penalty: CasePenalty | None
    decided_collectively: bool
    revoked_on: date | None
    revocation_reason: str


@strawberry.type(description="行政处罚案件（执法人员视图）")
class Case(Node):
    number: str = strawberry.field(description="案件编号")
    stage: CaseStage  # type: ignore[valid-type]
    stage_label: str
    notice_state: CaseNoticeState | None  # type: ignore[valid-type]
    procedure: CaseProcedure  # type: ignore[valid-type]
    source: CaseSourceKind  # type: ignore[valid-type]
    source_reference: str
    summary: str = strawberry.field(description="案由 / 违法事实")
    legal_basis: str
    party: CaseParty
    filed_on: date | None = strawberry.field(description="立案日期（90 日决定期限起算）")
    extension_days: int = strawberry.field(description="经批准延长的天数合计")
    legal_review_reasons: list[CaseReviewReason]  # type: ignore[valid-type]
    legal_review_passed_on: date | None
    legal_review_opinion: str
    collective_decision_required: bool
    e_service_consent: bool = strawberry.field(description="当事人已签署电子送达确认书")
    notice: CaseNotice | None
    hearing_on: date | None
    hearing_held_on: date | None
    decision: CaseDecision | None
    served_on: date | None
    service_method: CaseServiceMethod | None  # type: ignore[valid-type]
    closed_on: date | None
    version: int = strawberry.field(description="乐观锁版本：每个修改操作须以 expectedVersion 提交")
    chain_head: str = strawberry.field(description="事件哈希链的链头")
    event_count: int
    row: strawberry.Private[Any]
    access: strawberry.Private[Any]

    @strawberry.field(description="办案机关")
    async def department(self, info: strawberry.Info) -> Department:
        return Department.from_row(await info.context.loaders["department"].load(
            str(self.row.department_id)))

    @strawberry.field(description="执法人员（含已回避、已调离的记录）")
    async def officers(self, info: strawberry.Info) -> list[CaseOfficer]:
        rows = await info.context.loaders["case_officers"].load(str(self.row.id))
        return [CaseOfficer.from_row(r) for r in rows]

    @strawberry.field(description="当前查看者在本案现在可执行的操作（与规则表同源）")
    async def available_actions(self, info: strawberry.Info) -> list[CaseAction]:  # type: ignore[valid-type]
        return await actions_for(info, self.row, await self.access.roles(info, self.row))

    @strawberry.field(description="办案期限：90 日决定、听证申请、送达、缴款、公示、撤下")
    async def deadlines(self, info: strawberry.Info) -> list[CaseDeadline]:
        return await deadlines_for(info, self.row)

    @strawberry.field(description="罚款缴纳情况（加处罚款按今日计算）")
    async def payment(self, info: strawberry.Info) -> CasePayment | None:
        view = payment_view(await snapshot(info, self.row), holiday_table(), clock(info).today())
        return CasePayment.of(view) if view else None

    @strawberry.field(description="证据")
    async def evidence(self, info: strawberry.Info) -> list[Evidence]:
        rows = await info.context.loaders["case_evidence"].load(str(self.row.id))
        return [Evidence.from_row(r) for r in rows]

    @strawberry.field(description="执法文书")
    async def documents(self, info: strawberry.Info) -> list[CaseDocument]:
        rows = await info.context.loaders["case_documents"].load(str(self.row.id))
        return [CaseDocument.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: Any, access: CaseAccess) -> Case:
        stage = Stage(row.stage)
        notice = decision = None
        if row.notified_on is not None:
            notice = CaseNotice(notified_on=row.notified_on,
                                penalty=CasePenalty.from_json(row.notified_penalty),
                                hearing_offered=row.hearing_offered,
                                hearing_request_deadline=row.hearing_request_deadline)
        if row.decided_on is not None and row.outcome:
            decision = CaseDecision(decided_on=row.decided_on,
                                    outcome=DecisionOutcome(row.outcome),
                                    penalty=CasePenalty.from_json(row.decided_penalty),
                                    decided_collectively=row.decided_collectively,
                                    revoked_on=row.revoked_on,
                                    revocation_reason=row.revocation_reason)
        return cls(
            id=to_global_id("Case", row.id), number=row.number, stage=stage,
            stage_label=STAGE_LABELS[stage],
            notice_state=NoticeState(row.notice_state) if row.notice_state else None,
            procedure=Procedure(row.procedure), source=SourceKind(row.source_kind),
            source_reference=row.source_ref,
            summary=row.summary, legal_basis=row.legal_basis,
            party=CaseParty(kind=PartyKind(row.party_kind), name=row.party_name,
                            credit_code=row.party_credit_code,
                            id_number_masked=row.party_id_number_masked),
            filed_on=row.filed_on, extension_days=row.extension_days,
            legal_review_reasons=[ReviewReason(r) for r in row.legal_review_reasons or ()],
            legal_review_passed_on=row.legal_review_passed_on,
            legal_review_opinion=row.legal_review_opinion,
            collective_decision_required=row.collective_decision_required,
            e_service_consent=row.e_service_consent, notice=notice, hearing_on=row.hearing_on,
            hearing_held_on=row.hearing_held_on, decision=decision, served_on=row.served_on,
            service_method=ServiceMethod(row.service_method) if row.service_method else None,
            closed_on=row.closed_on, version=row.version,
            chain_head=row.chain_head, event_count=row.event_count, row=row, access=access)
