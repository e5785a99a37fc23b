"""Case screens: the case list and detail, the event log, chain verification, and the
party's own cases."""

from __future__ import annotations

import strawberry

from auth.errors import Forbidden
from auth.permissions import describe, require_authenticated
from models.cases.facts import Stage
from models.cases.service.anchors import verify
from models.cases.tables import Case as CaseRow
from models.cases.tables import CaseEvent as EventRow
from resolvers.cases.access import (
    ACCESS,
    CASE_STAFF_ROLES,
    is_party,
    party_case,
    staff_scope,
    visible_case,
)
from resolvers.pagination import paginate
from schema.cases.case import Case
from schema.cases.common import CaseStage
from schema.cases.parts import CaseChainVerification, CaseEvent
from schema.cases.party import PartyCase
from schema.connection import Connection

STAFF = CASE_STAFF_ROLES


@strawberry.type
class CaseQuery:
    @strawberry.field(description=describe(
        "案件详情；无权查看或不存在时为 null。", *STAFF))
    async def case(self, info: strawberry.Info, id: strawberry.ID) -> Case | None:
        row = await visible_case(info.context, id)
        return Case.from_row(row, ACCESS) if row else None

    @strawberry.field(description=describe(
        "案件列表（按开案时间倒序）：执法人员、法制审核、负责人看本机关；"
        "效能监督看本辖区。", *STAFF))
    async def cases(self, info: strawberry.Info, stage: CaseStage | None = None,  # type: ignore[valid-type]
                    party_credit_code: str | None = None, first: int | None = None,
                    after: str | None = None, last: int | None = None,
                    before: str | None = None) -> Connection[Case]:
        scope = staff_scope(require_authenticated(info.context.viewer))
        if scope.nothing:
            raise Forbidden()
        qs = CaseRow.filter(**scope.filters())
        if stage is not None:
            qs = qs.filter(stage=Stage(stage).value)
        if party_credit_code:
            qs = qs.filter(party_credit_code=party_credit_code.strip().upper())
        return await paginate(qs, order=["-created_at", "-id"], first=first, after=after,
                              last=last, before=before,
                              to_node=lambda r: Case.from_row(r, ACCESS))

    @strawberry.field(description=describe("案件的全过程记录（事件，按序号）。", *STAFF))
    async def case_events(self, info: strawberry.Info, case_id: strawberry.ID,
                          first: int | None = None, after: str | None = None,
                          last: int | None = None, before: str | None = None
                          ) -> Connection[CaseEvent] | None:
        row = await visible_case(info.context, case_id)
        if row is None:
            return None
        return await paginate(EventRow.filter(case_id=row.id), order=["seq"], first=first,
                              after=after, last=last, before=before, to_node=CaseEvent.from_row)

    @strawberry.field(description=describe(
        "校验案件事件哈希链（并对照最近一次锚定的链头）；无权查看时为 null。", *STAFF))
    async def case_chain_verify(self, info: strawberry.Info, case_id: strawberry.ID
                                ) -> CaseChainVerification | None:
        row = await visible_case(info.context, case_id)
        if row is None:
            return None
        v = await verify(row)
        return CaseChainVerification(ok=v.ok, first_bad_index=v.first_bad_index, head=v.head,
                                     event_count=v.event_count,
                                     anchored_event_count=v.anchored_seq,
                                     anchored_at=v.anchored_at)

    @strawberry.field(description=describe(
        "我的行政处罚案件（当事人：本人，或当前代表的企业）。", "当事人"))
    async def party_cases(self, info: strawberry.Info) -> list[PartyCase]:
        ctx = info.context
        viewer = require_authenticated(ctx.viewer)
        if not viewer.is_citizen:
            return []
        rows = await _party_rows(ctx)
        out = []
        for row in rows:
            if await is_party(ctx, row):
                department = await ctx.loaders["department"].load(str(row.department_id))
                out.append(PartyCase.from_row(row, department.name, ACCESS))
        return out

    @strawberry.field(description=describe("我的一件案件（当事人视图）。", "当事人"))
    async def party_case(self, info: strawberry.Info, id: strawberry.ID) -> PartyCase | None:
        row = await party_case(info.context, id)
        if row is None:
            return None
        department = await info.context.loaders["department"].load(str(row.department_id))
        return PartyCase.from_row(row, department.name, ACCESS)


async def _party_rows(ctx) -> list[CaseRow]:
    viewer = ctx.viewer
    if viewer.acting_enterprise_id:
        code = await ctx.loaders["case_enterprise_code"].load(viewer.acting_enterprise_id)
        return list(await CaseRow.filter(party_credit_code=code).order_by("-created_at")
                    .limit(100)) if code else []
    index = await ctx.loaders["case_account_id_index"].load(viewer.account_id)
    return list(await CaseRow.filter(party_id_number_index=index).order_by("-created_at")
                .limit(100)) if index else []
