"""Supervision and configuration: the overdue sweep, FAQ entries, per-region time limits."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, region_prefix, require_roles
from models.consultations import admin, service
from models.consultations.rules import Kind
from models.errors import Refusal
from resolvers.consultations.access import decode
from resolvers.consultations.events import publish
from resolvers.errors import user_error
from schema.consultations import (
    Consultation,
    ConsultationError,
    ConsultationErrorCode,
    ConsultationFaq,
)
from schema.consultations_inputs import (
    ConsultationFaqCreateInput,
    ConsultationFaqPayload,
    ConsultationFaqRetireInput,
    ConsultationOverdueEscalateInput,
    ConsultationOverdueEscalatePayload,
    ConsultationTimeLimit,
    ConsultationTimeLimitSetInput,
    ConsultationTimeLimitSetPayload,
)


def _error(refusal: Refusal) -> ConsultationError:
    return user_error(refusal, ConsultationError, ConsultationErrorCode)


@strawberry.type
class ConsultationAdminMutation:
    @strawberry.mutation(description=describe(
        "超期督办：对本人督办范围内超过答复期限仍未答复的诉求记录督办并通知承办部门。"
        "可重复执行（定时任务也可调用），已督办的不再重复。", "SUPERVISOR", "SYSTEM_ADMIN"))
    async def consultation_overdue_escalate(
        self, info: strawberry.Info, input: ConsultationOverdueEscalateInput,
    ) -> ConsultationOverdueEscalatePayload:
        viewer = require_roles(info.context.viewer, "SUPERVISOR", "SYSTEM_ADMIN")
        mine = "33" if viewer.has_role("SYSTEM_ADMIN") else region_prefix(viewer.region_code or "")
        wanted = region_prefix(input.region_code) if input.region_code else mine
        if not mine or not wanted.startswith(mine):
            return ConsultationOverdueEscalatePayload(errors=[_error(Refusal(
                "REGION_NOT_FOUND", "超出督办范围的地区", "regionCode"))])
        changes = await service.escalate_overdue(wanted, now=datetime.now(UTC))
        for change in changes:
            await publish(info.context, change)
        return ConsultationOverdueEscalatePayload(
            escalated=[Consultation.from_row(c.row) for c in changes])

    @strawberry.mutation(description=describe(
        "新增本部门的常见问题（适用于本部门所在地区及下级）。", "DEPT_ADMIN"))
    async def consultation_faq_create(self, info: strawberry.Info,
                                      input: ConsultationFaqCreateInput) -> ConsultationFaqPayload:
        viewer = require_roles(info.context.viewer, "DEPT_ADMIN")
        try:
            row = await admin.create_faq(
                question=input.question, answer=input.answer, keywords=list(input.keywords),
                kind=Kind(input.kind.value) if input.kind else None,
                region_code=viewer.region_code, department_id=viewer.department_id,
                created_by=viewer.account_id)
        except Refusal as refusal:
            return ConsultationFaqPayload(errors=[_error(refusal)])
        return ConsultationFaqPayload(faq=ConsultationFaq.from_row(row))

    @strawberry.mutation(description=describe(
        "停用本部门的常见问题（不再用于自动答复）。", "DEPT_ADMIN", "SYSTEM_ADMIN"))
    async def consultation_faq_retire(self, info: strawberry.Info,
                                      input: ConsultationFaqRetireInput) -> ConsultationFaqPayload:
        viewer = require_roles(info.context.viewer, "DEPT_ADMIN", "SYSTEM_ADMIN")
        key = decode(input.id, "ConsultationFaq")
        row = await info.context.loaders["consultation_faq"].load(key) if key else None
        if row is None or not (viewer.has_role("SYSTEM_ADMIN")
                               or str(row.department_id) == viewer.department_id):
            raise NotFound("常见问题不存在")
        return ConsultationFaqPayload(faq=ConsultationFaq.from_row(await admin.retire_faq(row)))

    @strawberry.mutation(description=describe(
        "设置某地区某类诉求的办理时限（工作日），下级地区未单独设置的沿用。", "SYSTEM_ADMIN"))
    async def consultation_time_limit_set(
        self, info: strawberry.Info, input: ConsultationTimeLimitSetInput,
    ) -> ConsultationTimeLimitSetPayload:
        require_roles(info.context.viewer, "SYSTEM_ADMIN")
        try:
            limits = await admin.set_time_limit(input.region_code, Kind(input.kind.value),
                                                input.working_days)
        except Refusal as refusal:
            return ConsultationTimeLimitSetPayload(errors=[_error(refusal)])
        return ConsultationTimeLimitSetPayload(limits=[
            ConsultationTimeLimit(kind=kind, working_days=days, is_default=default)
            for kind, days, default in limits])
