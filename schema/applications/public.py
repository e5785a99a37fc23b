"""Anonymous progress, the message centre, department figures and live updates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from models.applications import clock, rules
from models.applications.stats import DepartmentStats
from schema.applications.common import ApplicationCrossProvinceMode, ApplicationStatus, today_of
from schema.applications.parts import Deadline
from schema.applications.types import Application, StaffApplication
from schema.node import Node, to_global_id
from schema.regions import Department


@strawberry.type(name="ApplicationProgressStep", description="进度的一步（不含理由、经办人等细节）")
class ProgressStep:
    occurred_at: datetime
    label: str
    status_label: str


@strawberry.type(description="匿名查询到的办件进度：只有事项、部门、状态、期限和进度步骤，不含个人信息。")
class ApplicationProgress:
    number: str
    matter_name: str
    department_name: str
    status: ApplicationStatus  # type: ignore[valid-type]
    status_label: str
    submitted_at: datetime | None
    cross_province_mode: ApplicationCrossProvinceMode  # type: ignore[valid-type]
    steps: list[ProgressStep]
    row: strawberry.Private[Any]

    @strawberry.field(description="当前计算的期限")
    def deadline(self, info: strawberry.Info) -> Deadline | None:
        return Deadline.from_view(clock.view(clock.holiday_table(), clock.facts_of(self.row),
                                             today_of(info.context.services)))

    @classmethod
    def from_row(cls, row: Any, department_name: str, events: list[Any]) -> ApplicationProgress:
        status = rules.Status(row.status)
        return cls(number=row.number, matter_name=row.matter_name,
                   department_name=department_name, status=status,
                   status_label=rules.STATUS_LABELS[status], submitted_at=row.submitted_at,
                   cross_province_mode=rules.CrossProvinceMode(row.mode),
                   steps=[ProgressStep(occurred_at=e.occurred_at, label=e.label,
                                       status_label=rules.STATUS_LABELS[rules.Status(
                                           e.to_status)]) for e in events], row=row)


@strawberry.type(description="站内信")
class Message(Node):
    kind: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None
    application_key: strawberry.Private[str | None]

    @strawberry.field(description="是否已读")
    def is_read(self) -> bool:
        return self.read_at is not None

    @strawberry.field(description="相关的办件")
    async def application(self, info: strawberry.Info) -> Application | None:
        if not self.application_key:
            return None
        row = await info.context.loaders["application"].load(self.application_key)
        return Application.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any) -> Message:
        return cls(id=to_global_id("Message", row.id), kind=row.kind, title=row.title,
                   body=row.body, created_at=row.created_at, read_at=row.read_at,
                   application_key=str(row.application_id) if row.application_id else None)


@strawberry.type(description="部门办件时效统计：在办件按时效状态计数，及已办结件的按时办结率。")
class ApplicationDepartmentStats:
    department: Department
    open: int = strawberry.field(description="在办（含待送达）件数")
    on_track: int
    due_soon: int
    overdue: int
    paused: int
    concluded: int = strawberry.field(description="已作出决定的件数")
    concluded_on_time: int
    on_time_rate: float | None = strawberry.field(description="按时办结率（0–1）；无办结件时为空")

    @classmethod
    def build(cls, department: Department, stats: DepartmentStats) -> ApplicationDepartmentStats:
        return cls(department=department, open=stats.open, on_track=stats.on_track,
                   due_soon=stats.due_soon, overdue=stats.overdue, paused=stats.paused,
                   concluded=stats.concluded, concluded_on_time=stats.concluded_on_time,
                   on_time_rate=stats.on_time_rate)


@strawberry.type(description="办件状态变化（实时推送）。"
                 "申请人收到 application，工作人员收到 staffApplication。")
class ApplicationUpdate:
    action: str
    status: ApplicationStatus  # type: ignore[valid-type]
    occurred_at: datetime
    application: Application | None
    staff_application: StaffApplication | None
