"""The parts of a 办件 shown on every screen: deadline, materials, timeline, documents."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

import strawberry

from models.applications import clock
from models.applications.documents import KIND_LABELS, DocumentKind
from models.applications.materials import Requirement
from models.applications.rules import ROLE_LABELS, STATUS_LABELS, Role, Status
from schema.accounts import Account
from schema.applications.common import (
    ApplicationDeadlineFlag,
    ApplicationDeadlineKind,
    ApplicationDocumentKind,
    ApplicationSide,
    ApplicationStatus,
    MaterialState,
)
from schema.node import to_global_id


@strawberry.type(name="ApplicationDeadline",
                 description="正在计算的期限（工作日，法定节假日与调休按国务院安排）。")
class Deadline:
    kind: ApplicationDeadlineKind  # type: ignore[valid-type]
    kind_label: str
    due_on: date | None = strawberry.field(description="最后一天；暂停计时时为空")
    provisional: bool = strawberry.field(
        description="期限落在尚未公布放假安排的年份，仅按周末计算，公布后可能变动")
    paused_since: date | None
    working_days_left_at_pause: int | None
    working_days_left: int | None = strawberry.field(
        description="剩余工作日（0 为今天到期，负数为已超期天数）；暂停时为空")
    flag: ApplicationDeadlineFlag  # type: ignore[valid-type]
    flag_label: str

    @classmethod
    def from_view(cls, view: clock.ClockView) -> Deadline | None:
        if view.kind is None or view.deadline is None:
            return None
        d = view.deadline
        return cls(kind=view.kind, kind_label=clock.KIND_LABELS[view.kind], due_on=d.due,
                   provisional=d.provisional, paused_since=d.paused_since,
                   working_days_left_at_pause=d.days_left_at_pause,
                   working_days_left=view.working_days_left, flag=view.flag,
                   flag_label=clock.FLAG_LABELS[view.flag])


@strawberry.type(name="ApplicationMaterialRequirement",
                 description="申请材料清单的一项及其提交情况（容缺材料可受理后补交）。")
class MaterialRequirement:
    material_id: strawberry.ID
    name: str
    required: bool
    deferrable: bool = strawberry.field(description="容缺受理：可先受理、后补交")
    supplied: int = strawberry.field(description="已提交的文件数")
    state: MaterialState

    @classmethod
    def from_requirement(cls, r: Requirement) -> MaterialRequirement:
        return cls(material_id=strawberry.ID(r.material_id), name=r.name, required=r.required,
                   deferrable=r.deferrable, supplied=r.supplied, state=MaterialState(r.state))


@strawberry.type(name="ApplicationAttachment", description="已提交的材料文件（按内容哈希引用）。")
class Attachment:
    id: strawberry.ID
    material_id: strawberry.ID
    material_name: str
    sha256: str
    filename: str
    content_type: str
    size: int
    added_during: ApplicationStatus  # type: ignore[valid-type]
    added_at: datetime

    @strawberry.field(description="文件内容（Base64）。材料只经由办件取得：只有申请人和能看到此办件的"
                      "工作人员可以读取")
    async def content_base64(self, info: strawberry.Info) -> str | None:
        data = await info.context.services["files"].read(self.sha256)
        return base64.b64encode(data).decode("ascii") if data is not None else None

    @classmethod
    def from_row(cls, row: Any) -> Attachment:
        return cls(id=strawberry.ID(str(row.id)), material_id=strawberry.ID(str(row.material_id)),
                   material_name=row.material_name, sha256=row.file_id, filename=row.filename,
                   content_type=row.file.content_type, size=row.file.size,
                   added_during=Status(row.added_during), added_at=row.added_at)


@strawberry.type(name="ApplicationDocument",
                 description="办件文书（受理通知书、补正材料通知书、决定书、证照、送达回证等），由办件数据生成。")
class Document:
    id: strawberry.ID
    kind: ApplicationDocumentKind  # type: ignore[valid-type]
    kind_label: str
    number: str = strawberry.field(description="文书编号")
    title: str
    body: str = strawberry.field(description="文书正文（纯文本）")
    issued_at: datetime
    event_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: Any) -> Document:
        kind = DocumentKind(row.kind)
        return cls(id=to_global_id("ApplicationDocument", row.id), kind=kind,
                   kind_label=KIND_LABELS[kind], number=row.number, title=row.title,
                   body=row.body, issued_at=row.issued_at,
                   event_id=str(row.event_id) if row.event_id else None)


def _text(detail: dict, key: str) -> str | None:
    value = detail.get(key)
    return str(value) if value not in (None, "") else None


@strawberry.type(name="ApplicationTimelineEvent",
                 description="办件时间线上的一步：谁、何时、做了什么。")
class TimelineEvent:
    id: strawberry.ID
    occurred_at: datetime
    action: str = strawberry.field(
        description="操作代码（ApplicationAction 之一，或 MATERIALS_SUPPLIED）")
    label: str
    from_status: ApplicationStatus | None  # type: ignore[valid-type]
    to_status: ApplicationStatus  # type: ignore[valid-type]
    to_status_label: str
    actor_role_label: str = strawberry.field(
        description="操作方（申请人、受理人员、审批人员、异地收件窗口）")
    side: ApplicationSide  # type: ignore[valid-type]
    reason: str | None
    missing_items: list[str] | None = strawberry.field(description="一次性告知的全部补正材料")
    tracking_number: str | None
    delivery_method: str | None
    note: str | None
    row: strawberry.Private[Any]
    show_actor: strawberry.Private[bool]
    documents: list[Document]

    @strawberry.field(description="操作部门名称")
    async def department_name(self, info: strawberry.Info) -> str | None:
        key = self.row.actor_department_id
        row = await info.context.loaders["department"].load(str(key)) if key else None
        return row.name if row else None

    @strawberry.field(description="操作人（仅工作人员可见；申请人看到的是部门）")
    async def actor(self, info: strawberry.Info) -> Account | None:
        if not self.show_actor or not self.row.actor_id:
            return None
        row = await info.context.loaders["account"].load(str(self.row.actor_id))
        return Account.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any, documents: list[Document], show_actor: bool) -> TimelineEvent:
        detail = row.detail or {}
        items = detail.get("missing_items")
        role = row.actor_role
        return cls(
            id=to_global_id("ApplicationEvent", row.id), occurred_at=row.occurred_at,
            action=row.action, label=row.label,
            from_status=Status(row.from_status) if row.from_status else None,
            to_status=Status(row.to_status), to_status_label=STATUS_LABELS[Status(row.to_status)],
            actor_role_label=ROLE_LABELS[Role(role)] if role in Role.__members__ else role,
            side=row.side, reason=_text(detail, "reason"),
            missing_items=[str(i) for i in items] if isinstance(items, list) else None,
            tracking_number=_text(detail, "tracking_number"),
            delivery_method=_text(detail, "delivery_method"), note=_text(detail, "note"),
            row=row, show_actor=show_actor, documents=documents)
