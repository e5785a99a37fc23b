"""Consultation queries: the sender's list, staff queues, anonymous lookup, FAQs, limits."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime

import strawberry
from tortoise.expressions import Q

from auth.permissions import describe, require_authenticated
from models.consultations import admin, deadlines
from models.consultations.routing import region_chain
from models.consultations.seed import QUERY_CODE_CONTEXT
from models.consultations.tables import Consultation as Row
from models.consultations.tables import ConsultationFaq as FaqRow
from resolvers.consultations.access import QUEUE_ROLES, queue
from resolvers.consultations.stats import ConsultationStatsQuery
from resolvers.pagination import paginate
from schema.connection import Connection
from schema.consultations import Consultation, ConsultationFaq, ConsultationStatus
from schema.consultations_inputs import ConsultationQueueFilter, ConsultationTimeLimit

QUEUE_ORDER = ["due_on", "submitted_at", "id"]


@strawberry.type
class ConsultationQuery(ConsultationStatsQuery):
    @strawberry.field(description=describe(
        "我的诉求（本人提交的，含以企业身份提交的），最新的在前。", "个人用户、企业用户"))
    async def my_consultations(
        self, info: strawberry.Info, status: ConsultationStatus | None = None,  # type: ignore[valid-type]
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> Connection[Consultation]:
        viewer = require_authenticated(info.context.viewer)
        owner = viewer.account_id if viewer.is_citizen else None
        qs = Row.filter(sender_account_id__in=[owner] if owner else [])
        if status is not None:
            qs = qs.filter(status=status.value)
        return await paginate(qs, order=["-submitted_at", "-id"], first=first, after=after,
                              last=last, before=before, to_node=Consultation.from_row)

    @strawberry.field(description=describe(
        "工作人员诉求队列：承办人员看本部门正在办理的诉求，督办人员看本地区及下级的诉求"
        "（含待分派、超期和已督办的），按答复期限先后排列。", *QUEUE_ROLES))
    async def consultation_queue(
        self, info: strawberry.Info, filter: ConsultationQueueFilter | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> Connection[Consultation]:
        today = deadlines.local_day(datetime.now(UTC))
        qs = queue(info.context.viewer, filter or ConsultationQueueFilter(), today)
        return await paginate(qs, order=QUEUE_ORDER, first=first, after=after, last=last,
                              before=before, to_node=Consultation.from_row)

    @strawberry.field(description=describe(
        "凭诉求编号和查询码查看诉求（未登录提交时使用）；不匹配时返回 null。"))
    async def consultation_lookup(self, info: strawberry.Info, number: str,
                                  query_code: str) -> Consultation | None:
        row = await Row.get_or_none(number=number.strip().upper()[:20])
        if row is None or row.query_code_enc is None:
            return None
        expected = info.context.services["pii"].decrypt(row.query_code_enc,
                                                        context=QUERY_CODE_CONTEXT)
        given = query_code.strip().upper()
        return Consultation.from_row(row) if hmac.compare_digest(expected, given) else None

    @strawberry.field(description=describe(
        "常见问题（启用中的），可按关键字和地区筛选（地区含上级和全省通用的）。"))
    async def consultation_faqs(
        self, info: strawberry.Info, q: str | None = None, region_code: str | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[ConsultationFaq]:
        qs = FaqRow.filter(active=True)
        if region_code:
            qs = qs.filter(Q(region_id__isnull=True) | Q(region_id__in=region_chain(region_code)))
        if q and q.strip():
            qs = qs.filter(question__icontains=q.strip()[:32])
        return await paginate(qs, order=["question", "id"], first=first, after=after,
                              to_node=ConsultationFaq.from_row)

    @strawberry.field(description=describe(
        "某地区各类诉求的办理时限（工作日）：本地区设置的，否则上级的，否则全省默认。"))
    async def consultation_time_limits(self, info: strawberry.Info,
                                       region_code: str) -> list[ConsultationTimeLimit]:
        return [ConsultationTimeLimit(kind=kind, working_days=days, is_default=default)
                for kind, days, default in await admin.effective_limits(region_code[:6])]
