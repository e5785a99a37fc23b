"""The party's view of their own case (当事人视图): what was notified and decided, the
documents served on them, their deadlines and what they may do now. No internal
review opinions, no officers' accounts."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from models.cases.documents import DocumentKind
from models.cases.facts import STAGE_LABELS, DecisionOutcome, NoticeState, Stage
from schema.cases.case import CaseAccess, actions_for, deadlines_for
from schema.cases.common import (
    CaseAction,
    CaseDecisionOutcome,
    CaseNoticeState,
    CaseStage,
)
from schema.cases.parts import CaseDeadline, CaseDocument, CasePenalty
from schema.node import to_global_id

# Documents addressed to the party; approval forms stay internal.
PARTY_DOCUMENTS = frozenset({
    DocumentKind.NOTICE, DocumentKind.HEARING_NOTICE, DocumentKind.DECISION,
    DocumentKind.NO_PENALTY_DECISION, DocumentKind.ON_SPOT_DECISION,
    DocumentKind.SERVICE_RECEIPT,
})


@strawberry.type(description="我的行政处罚案件（当事人视图）")
class PartyCase:
    id: strawberry.ID = strawberry.field(description="案件 ID（与执法人员视图相同）")
    number: str
    stage: CaseStage  # type: ignore[valid-type]
    stage_label: str
    notice_state: CaseNoticeState | None  # type: ignore[valid-type]
    department_name: str
    summary: str
    notified_penalty: CasePenalty | None
    hearing_offered: bool
    hearing_request_deadline: date | None
    hearing_on: date | None
    outcome: CaseDecisionOutcome | None  # type: ignore[valid-type]
    decided_penalty: CasePenalty | None
    decided_on: date | None
    served_on: date | None
    e_service_consent: bool
    version: int = strawberry.field(description="提交陈述申辩、听证申请时的 expectedVersion")
    row: strawberry.Private[Any]
    access: strawberry.Private[Any]

    @strawberry.field(description="我现在可以做的事（陈述申辩、要求听证、书面放弃等）")
    async def available_actions(self, info: strawberry.Info) -> list[CaseAction]:  # type: ignore[valid-type]
        return await actions_for(info, self.row, await self.access.roles(info, self.row))

    @strawberry.field(description="期限")
    async def deadlines(self, info: strawberry.Info) -> list[CaseDeadline]:
        return await deadlines_for(info, self.row)

    @strawberry.field(description="送达给我的文书")
    async def documents(self, info: strawberry.Info) -> list[CaseDocument]:
        rows = await info.context.loaders["case_documents"].load(str(self.row.id))
        return [CaseDocument.from_row(r) for r in rows if r.kind in PARTY_DOCUMENTS]

    @classmethod
    def from_row(cls, row: Any, department_name: str, access: CaseAccess) -> PartyCase:
        stage = Stage(row.stage)
        return cls(
            id=to_global_id("Case", row.id), number=row.number, stage=stage,
            stage_label=STAGE_LABELS[stage],
            notice_state=NoticeState(row.notice_state) if row.notice_state else None,
            department_name=department_name, summary=row.summary,
            notified_penalty=CasePenalty.from_json(row.notified_penalty),
            hearing_offered=row.hearing_offered,
            hearing_request_deadline=row.hearing_request_deadline, hearing_on=row.hearing_on,
            outcome=DecisionOutcome(row.outcome) if row.outcome else None,
            decided_penalty=CasePenalty.from_json(row.decided_penalty),
            decided_on=row.decided_on, served_on=row.served_on,
            e_service_consent=row.e_service_consent, version=row.version, row=row,
            access=access)
