"""Consultations (政民互动): the consultation as senders and staff see it, timeline, FAQs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import strawberry

from models.accounts.rules import PHONE_CONTEXT
from models.consultations import deadlines, rules
from models.consultations.drafts import Actor, roles_on
from models.consultations.service import facts_of, state_of
from models.identity.rules import mask_name, mask_phone
from schema.accounts import Enterprise
from schema.errors import UserError
from schema.files import StoredFile
from schema.node import Node, to_global_id
from schema.regions import Department, Region

ConsultationKind = strawberry.enum(rules.Kind, name="ConsultationKind",
                                   description="诉求类型：咨询、投诉、建议、求助")
ConsultationStatus = strawberry.enum(rules.Status, name="ConsultationStatus",
                                     description="诉求状态")
ConsultationAction = strawberry.enum(rules.Action, name="ConsultationAction",
                                     description="诉求办理操作")
ConsultationActorRole = strawberry.enum(rules.Role, name="ConsultationActorRole",
                                        description="办理环节中的角色")
ConsultationAnswerSource = strawberry.enum(rules.AnswerSource, name="ConsultationAnswerSource",
                                           description="答复来源：办事指南、常见问题或部门人工答复")


@strawberry.enum(description="办理时限状态：正常、即将到期、已超期")
class ConsultationDueStatus(Enum):
    ON_TRACK = "ON_TRACK"
    DUE_SOON = "DUE_SOON"
    OVERDUE = "OVERDUE"


@strawberry.enum(description="诉求相关的业务错误码")
class ConsultationErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_CLIENT_KEY = "INVALID_CLIENT_KEY"
    CLIENT_KEY_REUSED = "CLIENT_KEY_REUSED"
    INVALID_CONTENT = "INVALID_CONTENT"
    INVALID_TITLE = "INVALID_TITLE"
    INVALID_APPLICATION_REF = "INVALID_APPLICATION_REF"
    TOO_MANY_ATTACHMENTS = "TOO_MANY_ATTACHMENTS"
    FILE_NOT_FOUND = "FILE_NOT_FOUND"
    REGION_REQUIRED = "REGION_REQUIRED"
    REGION_NOT_FOUND = "REGION_NOT_FOUND"
    DEPARTMENT_NOT_FOUND = "DEPARTMENT_NOT_FOUND"
    MATTER_NOT_FOUND = "MATTER_NOT_FOUND"
    PHONE_VERIFICATION_REQUIRED = "PHONE_VERIFICATION_REQUIRED"
    INVALID_PHONE = "INVALID_PHONE"
    INVALID_SMS_CODE = "INVALID_SMS_CODE"
    SMS_CODE_EXPIRED = "SMS_CODE_EXPIRED"
    SMS_CODE_ATTEMPTS_EXCEEDED = "SMS_CODE_ATTEMPTS_EXCEEDED"
    NOT_A_CITIZEN_ACCOUNT = "NOT_A_CITIZEN_ACCOUNT"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"
    ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION"
    ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED"
    MISSING_INPUT = "MISSING_INPUT"
    INVALID_RATING = "INVALID_RATING"
    INVALID_REPLY = "INVALID_REPLY"
    INVALID_COMMENT = "INVALID_COMMENT"
    SAME_DEPARTMENT = "SAME_DEPARTMENT"
    INVALID_TIME_LIMIT = "INVALID_TIME_LIMIT"
    INVALID_FAQ = "INVALID_FAQ"


@strawberry.type(description="诉求业务错误")
class ConsultationError(UserError):
    code: ConsultationErrorCode


def actor_of(viewer: Any) -> Actor:
    """The request's viewer as the consultation rules see it."""
    return Actor(account_id=viewer.account_id, is_staff=viewer.is_staff,
                 staff_roles=frozenset(viewer.roles) if viewer.is_staff else frozenset(),
                 department_id=viewer.department_id, region_code=viewer.region_code)


def viewer_roles(viewer: Any, row: Any) -> list[rules.Role]:
    return roles_on(actor_of(viewer), row.sender_account_id, row.department_id, row.region_id)


@strawberry.type(description="事项引用（政务服务事项基本目录）")
class MatterRef:
    id: strawberry.ID = strawberry.field(description="事项的全局 ID（Matter）")
    basic_code: str = strawberry.field(description="基本编码")
    name: str

    @classmethod
    def from_row(cls, row: Any) -> MatterRef:
        return cls(id=to_global_id("Matter", row.id), basic_code=row.basic_code, name=row.name)


@strawberry.type(description="诉求办理过程中的一步（时间线）")
class ConsultationEvent:
    sequence: int
    action: ConsultationAction  # type: ignore[valid-type]
    label: str = strawberry.field(description="如「转办」「答复」「评价：满意」")
    from_status: ConsultationStatus | None  # type: ignore[valid-type]
    to_status: ConsultationStatus  # type: ignore[valid-type]
    actor_role: ConsultationActorRole  # type: ignore[valid-type]
    note: str = strawberry.field(description="答复内容、转办理由或评价内容")
    occurred_at: datetime
    department_id: strawberry.Private[str | None]
    from_department_id: strawberry.Private[str | None]

    @strawberry.field(description="交办、转办到的部门，或作出答复的部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        return await _department(info, self.department_id)

    @strawberry.field(description="转办前的部门")
    async def from_department(self, info: strawberry.Info) -> Department | None:
        return await _department(info, self.from_department_id)

    @classmethod
    def from_row(cls, row: Any) -> ConsultationEvent:
        return cls(sequence=row.sequence, action=rules.Action(row.action), label=row.label,
                   from_status=rules.Status(row.from_status) if row.from_status else None,
                   to_status=rules.Status(row.to_status), actor_role=rules.Role(row.actor_role),
                   note=row.note, occurred_at=row.occurred_at,
                   department_id=_key(row.department_id),
                   from_department_id=_key(row.from_department_id))


def _key(value: object) -> str | None:
    return str(value) if value is not None else None


async def _department(info: strawberry.Info, key: str | None) -> Department | None:
    if key is None:
        return None
    row = await info.context.loaders["department"].load(key)
    return Department.from_row(row) if row else None


@strawberry.type(description="诉求（咨询、投诉、建议、求助）。诉求人看到自己的诉求，"
                 "承办部门看到交给本部门的诉求；诉求人的姓名和手机号对工作人员打码。")
class Consultation(Node):
    number: str = strawberry.field(description="诉求编号")
    kind: ConsultationKind  # type: ignore[valid-type]
    status: ConsultationStatus  # type: ignore[valid-type]
    title: str
    content: str
    application_ref: str | None = strawberry.field(description="相关办件编号（如有）")
    answer_source: ConsultationAnswerSource | None  # type: ignore[valid-type]
    reply: str | None = strawberry.field(description="最近一次答复")
    replied_at: datetime | None
    rating: int | None = strawberry.field(description="最近一次满意度评价（1–5）")
    reopen_count: int = strawberry.field(description="差评重办次数（最多 1 次）")
    submitted_at: datetime
    time_limit_days: int = strawberry.field(description="办理时限（工作日）")
    due_on: date = strawberry.field(description="答复期限（含当日）")
    due_provisional: bool = strawberry.field(
        description="期限所在年份尚无法定节假日安排，仅按周末计算，安排公布后可能变化")
    handling_days: int | None = strawberry.field(description="受理至答复用时（工作日）")
    on_time: bool | None = strawberry.field(description="是否在期限内答复")
    escalated_at: datetime | None = strawberry.field(description="超期督办时间")
    closed_at: datetime | None
    row: strawberry.Private[Any]

    @strawberry.field(description="诉求类型名称")
    def kind_label(self) -> str:
        return rules.KIND_LABELS[rules.Kind(self.kind)]

    @strawberry.field(description="状态名称")
    def status_label(self) -> str:
        return rules.STATUS_LABELS[rules.Status(self.status)]

    @strawberry.field(description="时限状态；已答复或办结的诉求为 null")
    def due_status(self) -> ConsultationDueStatus | None:
        if not rules.is_open(rules.Status(self.status)):
            return None
        today = deadlines.local_day(datetime.now(UTC))
        return ConsultationDueStatus(deadlines.due_status(self.due_on, today,
                                                          self.time_limit_days))

    @strawberry.field(description="诉求人姓名；对工作人员打码")
    async def sender_name(self, info: strawberry.Info) -> str:
        account = await info.context.loaders["account"].load(str(self.row.sender_account_id))
        name = account.display_name if account else ""
        return name if _is_sender(info, self.row) else mask_name(name)

    @strawberry.field(description="诉求人手机号；本人可见完整号码，工作人员看到 138****5678")
    async def sender_phone(self, info: strawberry.Info) -> str | None:
        account = await info.context.loaders["account"].load(str(self.row.sender_account_id))
        if account is None or account.phone_enc is None:
            return None
        phone = info.context.services["pii"].decrypt(account.phone_enc, context=PHONE_CONTEXT)
        return phone if _is_sender(info, self.row) else mask_phone(phone)

    @strawberry.field(description="以企业身份提交时的企业")
    async def enterprise(self, info: strawberry.Info) -> Enterprise | None:
        if self.row.sender_enterprise_id is None:
            return None
        row = await info.context.loaders["consultation_enterprise"].load(
            str(self.row.sender_enterprise_id))
        return Enterprise.from_row(row) if row else None

    @strawberry.field(description="诉求所在地区（转办后为承办部门所在地区）")
    async def region(self, info: strawberry.Info) -> Region:
        return Region.from_row(await info.context.loaders["region"].load(self.row.region_id))

    @strawberry.field(description="承办部门；尚未分派时为 null")
    async def department(self, info: strawberry.Info) -> Department | None:
        return await _department(info, _key(self.row.department_id))

    @strawberry.field(description="诉求涉及的政务服务事项")
    async def matter(self, info: strawberry.Info) -> MatterRef | None:
        if self.row.matter_id is None:
            return None
        row = await info.context.loaders["consultation_matter"].load(str(self.row.matter_id))
        return MatterRef.from_row(row) if row else None

    @strawberry.field(description="附件")
    async def attachments(self, info: strawberry.Info) -> list[StoredFile]:
        rows = await info.context.loaders["consultation_file"].load_many(self.row.attachments)
        return [StoredFile(sha256=r.sha256, size=r.size, content_type=r.content_type)
                for r in rows if r is not None]

    @strawberry.field(description="办理时间线，按发生顺序")
    async def timeline(self, info: strawberry.Info) -> list[ConsultationEvent]:
        rows = await info.context.loaders["consultation_events"].load(str(self.row.id))
        return [ConsultationEvent.from_row(r) for r in rows]

    @strawberry.field(description="当前用户现在可以执行的操作（按钮）")
    def available_actions(self, info: strawberry.Info) -> list[ConsultationAction]:  # type: ignore[valid-type]
        roles = viewer_roles(info.context.viewer, self.row)
        return rules.available_actions(state_of(self.row), roles,
                                       facts_of(self.row, datetime.now(UTC)))

    @classmethod
    def from_row(cls, row: Any) -> Consultation:
        return cls(
            id=to_global_id("Consultation", row.id), number=row.number,
            kind=rules.Kind(row.kind), status=rules.Status(row.status), title=row.title,
            content=row.content, application_ref=row.application_ref,
            answer_source=rules.AnswerSource(row.answer_source) if row.answer_source else None,
            reply=row.reply, replied_at=row.replied_at, rating=row.rating,
            reopen_count=row.reopen_count, submitted_at=row.submitted_at,
            time_limit_days=row.time_limit_days, due_on=row.due_on,
            due_provisional=row.due_provisional, handling_days=row.handling_days,
            on_time=row.on_time, escalated_at=row.escalated_at, closed_at=row.closed_at, row=row)


def _is_sender(info: strawberry.Info, row: Any) -> bool:
    viewer = info.context.viewer
    return not viewer.is_staff and viewer.account_id == str(row.sender_account_id)


@strawberry.type(description="常见问题：诉求内容包含全部关键词时自动答复")
class ConsultationFaq(Node):
    question: str
    answer: str
    keywords: list[str]
    kind: ConsultationKind | None  # type: ignore[valid-type]
    active: bool
    region_code: strawberry.Private[str | None]
    department_id: strawberry.Private[str | None]

    @strawberry.field(description="适用地区；全省通用时为 null")
    async def region(self, info: strawberry.Info) -> Region | None:
        if self.region_code is None:
            return None
        row = await info.context.loaders["region"].load(self.region_code)
        return Region.from_row(row) if row else None

    @strawberry.field(description="负责答复的部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        return await _department(info, self.department_id)

    @classmethod
    def from_row(cls, row: Any) -> ConsultationFaq:
        return cls(id=to_global_id("ConsultationFaq", row.id), question=row.question,
                   answer=row.answer, keywords=list(row.keywords or []),
                   kind=rules.Kind(row.kind) if row.kind else None, active=row.active,
                   region_code=row.region_id, department_id=_key(row.department_id))
