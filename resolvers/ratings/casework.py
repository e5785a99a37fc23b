"""差评 casework for department staff and supervisors: the queue and every move."""

from __future__ import annotations

import re
from typing import Any

import strawberry
from tortoise.expressions import Q

from auth.errors import NotFound
from auth.permissions import describe, region_prefix, require_roles
from auth.viewer import Viewer
from models.errors import Refusal
from models.ratings import service
from models.ratings.followup import Action, Role, Status
from resolvers.context import Context
from resolvers.pagination import paginate
from resolvers.ratings import access
from resolvers.ratings.common import figures_changed, now, publish_escalations, refused
from schema.connection import Connection
from schema.ratings.cases import RatingCase
from schema.ratings.common import RatingCaseStatus, uuid_of
from schema.ratings.inputs import (
    RatingCaseAppealDecideInput,
    RatingCaseAppealInput,
    RatingCaseContactInput,
    RatingCaseFeedbackInput,
    RatingCasePayload,
    RatingCaseRectificationStartInput,
    RatingCasesEscalateInput,
    RatingCasesEscalatePayload,
)

REGION = re.compile(r"[1-9][0-9]{5}")
_SUPERVISOR_ACTIONS = (Action.UPHOLD_APPEAL, Action.REJECT_APPEAL)
_PENDING = [s.value for s in (Status.OPEN, Status.CONTACTED, Status.RECTIFYING, Status.APPEALED)]


def view(viewer: Viewer, row: Any) -> RatingCase:
    return RatingCase.from_row(row, access.case_roles(viewer, row), access.hidden_actions(viewer))


async def visible_case(ctx: Context, global_id: str) -> Any:
    key = uuid_of(global_id, "RatingCase")
    row = await ctx.loaders["rating_case"].load(key) if key else None
    if row is None or not access.case_visible(ctx.viewer, row):
        raise NotFound("差评工单不存在")
    return row


async def _move(info: strawberry.Info, case_id: str, action: Action,
                payload: dict[str, Any]) -> RatingCasePayload:
    ctx: Context = info.context
    row = await visible_case(ctx, case_id)
    role = Role.SUPERVISOR if action in _SUPERVISOR_ACTIONS else Role.DEPARTMENT_STAFF
    if role not in access.case_roles(ctx.viewer, row) or action in access.hidden_actions(
            ctx.viewer):
        return refused(RatingCasePayload, Refusal("ROLE_NOT_ALLOWED", "您无权执行此操作。"))
    try:
        change = await service.act(str(row.id), action,
                                   service.CaseActor(ctx.viewer.account_id, role), payload,
                                   now=now(ctx))
    except Refusal as refusal:
        return refused(RatingCasePayload, refusal)
    if not change.replayed:
        await figures_changed(ctx)
        await publish_escalations(ctx, [change])
    return RatingCasePayload(case=view(ctx.viewer, change.case))


def overdue_filter(at: Any) -> Q:
    """A department step past its deadline (computed from the stored deadlines)."""
    contact = Q(status=Status.OPEN.value) | Q(status=Status.APPEALED.value,
                                               status_before_appeal=Status.OPEN.value)
    return (contact & Q(contact_due__lt=at)) | Q(status__in=_PENDING, rectify_due__lt=at)


@strawberry.type
class RatingCaseQuery:
    @strawberry.field(description=describe(
        "差评工单队列，按最近的期限排序。部门人员看本部门，督办人员看本地区及下级。"
        "needsAttention：已超期、已预警或申诉待复核（督办队列）。", *access.CASE_VIEWERS))
    async def rating_cases(
        self, info: strawberry.Info, status: list[RatingCaseStatus] | None = None,  # type: ignore[valid-type]
        department_id: strawberry.ID | None = None, overdue_only: bool = False,
        escalated_only: bool = False, needs_attention: bool = False,
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> Connection[RatingCase]:
        ctx: Context = info.context
        viewer = require_roles(ctx.viewer, *access.CASE_VIEWERS)
        qs = access.case_queue(viewer)
        if status:
            qs = qs.filter(status__in=[Status(s).value for s in status])
        if department_id is not None:
            qs = qs.filter(department_id__in=[k for k in [uuid_of(department_id, "Department")]
                                              if k])
        at = now(ctx)
        if overdue_only:
            qs = qs.filter(overdue_filter(at))
        if escalated_only:
            qs = qs.filter(Q(contact_escalated=True) | Q(rectify_escalated=True))
        if needs_attention:
            qs = qs.filter(overdue_filter(at) | Q(status=Status.APPEALED.value)
                           | Q(contact_escalated=True, status__in=_PENDING)
                           | Q(rectify_escalated=True, status__in=_PENDING))
        return await paginate(qs, order=["next_due", "id"], first=first, after=after, last=last,
                              before=before, to_node=lambda row: view(viewer, row))

    @strawberry.field(description=describe(
        "按 ID 获取差评工单；不在本人范围内时为 null。", *access.CASE_VIEWERS))
    async def rating_case(self, info: strawberry.Info, id: strawberry.ID) -> RatingCase | None:
        viewer = require_roles(info.context.viewer, *access.CASE_VIEWERS)
        try:
            return view(viewer, await visible_case(info.context, id))
        except NotFound:
            return None


@strawberry.type
class RatingCaseMutation:
    @strawberry.mutation(description=describe(
        "回访核实（时限默认 1 天；超期完成会上报预警）。", *access.HANDLERS))
    async def rating_case_contact(self, info: strawberry.Info,
                                  input: RatingCaseContactInput) -> RatingCasePayload:
        require_roles(info.context.viewer, *access.HANDLERS)
        return await _move(info, input.case_id, Action.CONTACT, {"summary": input.summary})

    @strawberry.mutation(description=describe(
        "开始整改（须先回访核实）。", *access.HANDLERS))
    async def rating_case_rectification_start(
            self, info: strawberry.Info, input: RatingCaseRectificationStartInput
    ) -> RatingCasePayload:
        require_roles(info.context.viewer, *access.HANDLERS)
        return await _move(info, input.case_id, Action.START_RECTIFICATION, {"plan": input.plan})

    @strawberry.mutation(description=describe(
        "整改反馈（时限默认 15 天；超期完成会上报预警），并通知评价人可追评。",
        *access.HANDLERS))
    async def rating_case_feedback(self, info: strawberry.Info,
                                   input: RatingCaseFeedbackInput) -> RatingCasePayload:
        require_roles(info.context.viewer, *access.HANDLERS)
        return await _move(info, input.case_id, Action.FEED_BACK, {"feedback": input.feedback})

    @strawberry.mutation(description=describe(
        "申诉复核：差评属恶意或错误评价时提出申诉（每条差评一次，整改反馈前）；"
        "期限在复核期间照常计算。", *access.APPEALERS))
    async def rating_case_appeal(self, info: strawberry.Info,
                                 input: RatingCaseAppealInput) -> RatingCasePayload:
        require_roles(info.context.viewer, *access.APPEALERS)
        return await _move(info, input.case_id, Action.APPEAL, {"reason": input.reason})

    @strawberry.mutation(description=describe(
        "复核申诉：成立则该差评不计入统计、不再公开；驳回则工单回到申诉前的状态。",
        *access.REVIEWERS))
    async def rating_case_appeal_decide(self, info: strawberry.Info,
                                        input: RatingCaseAppealDecideInput) -> RatingCasePayload:
        require_roles(info.context.viewer, *access.REVIEWERS)
        action = Action.UPHOLD_APPEAL if input.uphold else Action.REJECT_APPEAL
        return await _move(info, input.case_id, action, {"comment": input.comment})

    @strawberry.mutation(description=describe(
        "超期预警扫描：把已超期且尚未预警的环节上报督办（站内信 + 订阅推送），并办结追评期满"
        "的工单。可重复执行（定时任务也可调用）。", *access.ESCALATORS))
    async def rating_cases_escalate(self, info: strawberry.Info,
                                    input: RatingCasesEscalateInput
                                    ) -> RatingCasesEscalatePayload:
        ctx: Context = info.context
        viewer = require_roles(ctx.viewer, *access.ESCALATORS)
        wanted = (input.region_code or viewer.region_code or "330000").strip()
        if not REGION.fullmatch(wanted) or not access.covers(viewer, wanted):
            return refused(RatingCasesEscalatePayload, Refusal(
                "INVALID_REGION", "只能扫描本人所辖区划。", "regionCode"))
        changes = await service.escalate_overdue(region_prefix(wanted), now=now(ctx))
        if changes:
            await figures_changed(ctx)
            await publish_escalations(ctx, changes)
        return RatingCasesEscalatePayload(
            escalated=[view(viewer, c.case) for c in changes if c.escalated],
            closed=sum(1 for c in changes if c.case.status == Status.CLOSED.value))
