"""Ratings as the public, the rater and department staff see them, and the 差评 case."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import strawberry

from models.ratings import followup
from models.ratings.followup import CHINA_TZ
from models.ratings.rules import LEVEL_LABELS, Level
from schema.node import Node, to_global_id
from schema.ratings.common import (
    RatingCaseAction,
    RatingCaseStatus,
    RatingCaseStep,
    RatingChannel,
    now_of,
)
from schema.regions import Department

STATUS_LABELS = {
    followup.Status.OPEN: "待回访", followup.Status.CONTACTED: "已回访核实",
    followup.Status.RECTIFYING: "整改中", followup.Status.FED_BACK: "已反馈，待追评",
    followup.Status.APPEALED: "申诉复核中", followup.Status.CLOSED: "已办结",
}


def _label(level: int | None) -> str | None:
    return LEVEL_LABELS[Level(level)] if level is not None else None


@strawberry.type(description="一条评价的公开内容（不含评价人身份）")
class RatingContent:
    channel: RatingChannel
    level: int = strawberry.field(description="评价等级 1–5（5 为非常满意；1–2 为差评）")
    level_label: str
    tags: list[str]
    comment: str | None = strawberry.field(description="文字评价")
    rated_on: date = strawberry.field(description="评价日期（北京时间）")
    matter_name: str = strawberry.field(description="事项名称（窗口评价未关联事项时为空）")
    reply: str | None = strawberry.field(description="部门的公开回复")
    replied_at: datetime | None
    followup_level: int | None = strawberry.field(
        description="追评等级（整改反馈后，评价人追加一次）")
    followup_level_label: str | None
    followup_tags: list[str]
    followup_comment: str | None
    department_key: strawberry.Private[str]

    @strawberry.field(description="被评价的部门")
    async def department(self, info: strawberry.Info) -> Department:
        return Department.from_row(await info.context.loaders["department"].load(
            self.department_key))

    @staticmethod
    def content_of(row: Any) -> dict[str, Any]:
        return dict(
            channel=RatingChannel(row.channel), level=row.level, level_label=_label(row.level),
            tags=list(row.tags), comment=row.comment,
            rated_on=row.rated_at.astimezone(CHINA_TZ).date(), matter_name=row.matter_name,
            reply=row.reply, replied_at=row.replied_at, followup_level=row.followup_level,
            followup_level_label=_label(row.followup_level), followup_tags=list(
                row.followup_tags or []), followup_comment=row.followup_comment,
            department_key=str(row.department_id))


@strawberry.type(description="好差评（公开视角：匿名，只含有效评价）")
class Rating(RatingContent, Node):
    @classmethod
    def from_row(cls, row: Any) -> Rating:
        return cls(id=to_global_id("Rating", row.id), **RatingContent.content_of(row))


@strawberry.type(description="我的评价（评价人本人视角），含差评的整改反馈与追评期限")
class MyRating(RatingContent, Node):
    rated_at: datetime
    counted: bool = strawberry.field(description="是否计入统计（申诉成立的差评不计入）")
    application_id: strawberry.ID | None = strawberry.field(description="网上评价的办件 ID")
    rating_key: strawberry.Private[str]
    bad: strawberry.Private[bool]

    async def _case(self, info: strawberry.Info) -> Any:
        if not self.bad:
            return None
        return await info.context.loaders["rating_case_by_rating"].load(self.rating_key)

    @strawberry.field(description="差评工单状态（非差评为 null）")
    async def case_status(self, info: strawberry.Info) -> RatingCaseStatus | None:  # type: ignore[valid-type]
        case = await self._case(info)
        return followup.Status(case.status) if case else None

    @strawberry.field(description="部门给您的整改反馈")
    async def feedback(self, info: strawberry.Info) -> str | None:
        case = await self._case(info)
        return case.feedback if case else None

    @strawberry.field(description="追评截止时间（整改反馈后）")
    async def followup_closes_at(self, info: strawberry.Info) -> datetime | None:
        case = await self._case(info)
        if case is None or case.fed_back_at is None:
            return None
        return case.fed_back_at + timedelta(days=case.followup_wait_days)

    @strawberry.field(description="现在能否追评")
    async def can_add_followup(self, info: strawberry.Info) -> bool:
        closes = await self.followup_closes_at(info)
        case = await self._case(info)
        return (case is not None and case.status == followup.Status.FED_BACK.value
                and self.followup_level is None and closes is not None
                and now_of(info.context.services) <= closes)

    @classmethod
    def from_row(cls, row: Any) -> MyRating:
        app_id = to_global_id("Application", row.application_id) if row.application_id else None
        return cls(id=to_global_id("MyRating", row.id), rated_at=row.rated_at,
                   counted=row.valid, application_id=app_id, rating_key=str(row.id),
                   bad=row.bad, **RatingContent.content_of(row))


@strawberry.type(description="评价等级及其可选标签")
class RatingLevelOption:
    level: int
    label: str
    bad: bool = strawberry.field(description="是否差评（差评须至少选一个标签或填写原因）")
    tags: list[str]


@strawberry.type(description="即将到期或已超期的环节（按读取时的时间计算）")
class RatingStepAlert:
    step: RatingCaseStep  # type: ignore[valid-type]
    due: datetime
    overdue: bool
    due_soon: bool
    escalated: bool = strawberry.field(description="是否已超期预警（上报督办）")


@strawberry.type(description="差评工单的一步：谁（角色）、何时、做了什么、是否超期")
class RatingCaseEvent:
    action: RatingCaseAction  # type: ignore[valid-type]
    from_status: RatingCaseStatus  # type: ignore[valid-type]
    to_status: RatingCaseStatus  # type: ignore[valid-type]
    actor_role: str
    occurred_at: datetime
    late: bool
    note: str | None = strawberry.field(description="回访情况、整改措施、反馈、申诉理由或复核意见")

    @classmethod
    def from_row(cls, row: Any) -> RatingCaseEvent:
        detail = row.detail or {}
        note = next((str(detail[k]) for k in ("summary", "plan", "feedback", "reason", "comment")
                     if detail.get(k)), None)
        return cls(action=followup.Action(row.action),
                   from_status=followup.Status(row.from_status),
                   to_status=followup.Status(row.to_status), actor_role=row.actor_role,
                   occurred_at=row.occurred_at, late=row.late, note=note)
