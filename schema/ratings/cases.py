"""差评工单 (the follow-up case) as department staff and supervisors see it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from models.ratings import followup
from models.ratings.casefile import case_of
from schema.node import Node, to_global_id
from schema.ratings.common import (
    RatingCaseAction,
    RatingCaseCloseReason,
    RatingCaseStatus,
    RatingCaseStep,
    now_of,
)
from schema.ratings.types import (
    STATUS_LABELS,
    Rating,
    RatingCaseEvent,
    RatingStepAlert,
)
from schema.regions import Department


@strawberry.type(description="差评回访整改工单：回访核实（1 天内）→ 整改 → 反馈（15 天内）→ 追评；"
                             "可申诉复核一次。时效标志按读取时的时间计算。")
class RatingCase(Node):
    status: RatingCaseStatus  # type: ignore[valid-type]
    status_label: str
    rated_at: datetime
    contact_due: datetime = strawberry.field(description="回访核实期限")
    rectify_due: datetime = strawberry.field(description="整改反馈期限")
    contacted_at: datetime | None
    fed_back_at: datetime | None
    closed_at: datetime | None
    contact_summary: str | None
    rectify_plan: str | None
    feedback: str | None
    appeal_reason: str | None
    appealed_at: datetime | None
    appeal_decision: str | None = strawberry.field(description="UPHELD 申诉成立 / REJECTED 不成立")
    appeal_comment: str | None
    appeal_decided_at: datetime | None
    escalated_steps: list[RatingCaseStep]  # type: ignore[valid-type]
    row: strawberry.Private[Any]
    roles: strawberry.Private[tuple[followup.Role, ...]]
    hidden: strawberry.Private[frozenset[followup.Action]]

    async def _rating_row(self, info: strawberry.Info) -> Any:
        return await info.context.loaders["rating"].load(str(self.row.rating_id))

    @strawberry.field(description="被评价的内容（申诉成立的也可见）")
    async def rating(self, info: strawberry.Info) -> Rating:
        return Rating.from_row(await self._rating_row(info))

    @strawberry.field(description="责任部门")
    async def department(self, info: strawberry.Info) -> Department:
        return Department.from_row(await info.context.loaders["department"].load(
            str(self.row.department_id)))

    @strawberry.field(description="网上评价的办件编号（可在办件队列中查到申请人联系方式）")
    async def application_number(self, info: strawberry.Info) -> str | None:
        rating = await self._rating_row(info)
        if rating.application_id is None:
            return None
        app = await info.context.loaders["application"].load(str(rating.application_id))
        return app.number if app else None

    @strawberry.field(description="办结原因")
    async def close_reason(self, info: strawberry.Info) -> RatingCaseCloseReason | None:  # type: ignore[valid-type]
        rating = await self._rating_row(info)
        return case_of(self.row, rating.followup_level).close_reason

    @strawberry.field(description="即将到期或已超期的环节")
    async def alerts(self, info: strawberry.Info) -> list[RatingStepAlert]:
        policy = await info.context.loaders["rating_policy"].load(self.row.region_code)
        case = case_of(self.row, None)
        return [RatingStepAlert(step=a.step, due=a.due, overdue=a.overdue, due_soon=a.due_soon,
                                escalated=a.escalated)
                for a in followup.overdue_steps(case, now_of(info.context.services),
                                                policy.followup)]

    @strawberry.field(description="是否有环节已超期")
    async def overdue(self, info: strawberry.Info) -> bool:
        return any(a.overdue for a in await self.alerts(info))

    @strawberry.field(description="是否有环节即将到期")
    async def due_soon(self, info: strawberry.Info) -> bool:
        return any(a.due_soon for a in await self.alerts(info))

    @strawberry.field(description="当前用户现在可执行的操作")
    async def available_actions(self, info: strawberry.Info) -> list[RatingCaseAction]:  # type: ignore[valid-type]
        rating = await self._rating_row(info)
        case = case_of(self.row, rating.followup_level)
        now = now_of(info.context.services)
        found = {a for role in self.roles
                 for a in followup.available_actions(case, role, now=now)}
        return [a for a in followup.Action if a in found and a not in self.hidden]

    @strawberry.field(description="办理过程（时间线）")
    async def events(self, info: strawberry.Info) -> list[RatingCaseEvent]:
        rows = await info.context.loaders["rating_case_events"].load(str(self.row.id))
        return [RatingCaseEvent.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: Any, roles: tuple[followup.Role, ...] = (),
                 hidden: frozenset[followup.Action] = frozenset()) -> RatingCase:
        """``roles``: the viewer's roles in the follow-up rules; ``hidden``: actions
        those roles allow that this viewer may still not take."""
        status = followup.Status(row.status)
        steps = [s for s, flag in ((followup.Step.CONTACT, row.contact_escalated),
                                   (followup.Step.RECTIFY, row.rectify_escalated)) if flag]
        return cls(
            id=to_global_id("RatingCase", row.id), status=status,
            status_label=STATUS_LABELS[status], rated_at=row.rated_at,
            contact_due=row.contact_due, rectify_due=row.rectify_due,
            contacted_at=row.contacted_at, fed_back_at=row.fed_back_at, closed_at=row.closed_at,
            contact_summary=row.contact_summary, rectify_plan=row.rectify_plan,
            feedback=row.feedback, appeal_reason=row.appeal_reason, appealed_at=row.appealed_at,
            appeal_decision=row.appeal_decision, appeal_comment=row.appeal_comment,
            appeal_decided_at=row.appeal_decided_at, escalated_steps=steps, row=row,
            roles=roles, hidden=hidden)
