"""Consultations: mutation inputs and payloads, queue filters, statistics and time limits."""

from __future__ import annotations

from datetime import date

import strawberry

from models.consultations import rules
from schema.consultations import (
    Consultation,
    ConsultationError,
    ConsultationFaq,
    ConsultationKind,
    ConsultationStatus,
)
from schema.regions import Department, Region


@strawberry.input(description="提交诉求。未登录时须提供手机号和短信验证码（authSmsCodeSend 获取）。"
                  "clientKey 由客户端生成并在重试时原样带上，重复提交返回同一条诉求。")
class ConsultationSubmitInput:
    client_key: str
    kind: ConsultationKind  # type: ignore[valid-type]
    content: str = strawberry.field(description="诉求内容（5–2000 字）")
    title: str | None = strawberry.field(default=None, description="标题；不填时取内容首行")
    region_code: str | None = strawberry.field(
        default=None, description="诉求所在地区（六位区划代码）；指定了部门时可不填")
    matter_id: strawberry.ID | None = strawberry.field(default=None,
                                                       description="涉及的事项（Matter 的 ID）")
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="向哪个部门反映（Department 的 ID）；不填时自动分派")
    application_ref: str | None = strawberry.field(default=None, description="相关办件编号")
    attachments: list[str] = strawberry.field(
        default_factory=list, description="附件：fileUpload 返回的 sha256，最多 9 个")
    phone: str | None = strawberry.field(default=None, description="未登录时：手机号")
    sms_code: str | None = strawberry.field(default=None, description="未登录时：短信验证码")


@strawberry.type
class ConsultationSubmitPayload:
    consultation: Consultation | None = None
    query_code: str | None = strawberry.field(
        default=None, description="未登录提交时的查询码：凭诉求编号和查询码查看办理进度")
    errors: list[ConsultationError] = strawberry.field(default_factory=list)


@strawberry.input(description="把待分派的诉求交办给部门")
class ConsultationAssignInput:
    id: strawberry.ID
    department_id: strawberry.ID
    note: str | None = None


@strawberry.input(description="转办给其他部门（须说明理由，记入时间线）")
class ConsultationTransferInput:
    id: strawberry.ID
    department_id: strawberry.ID
    reason: str


@strawberry.input(description="答复诉求")
class ConsultationReplyInput:
    id: strawberry.ID
    reply: str = strawberry.field(description="答复内容（2–4000 字）")


@strawberry.input(description="评价答复：1 非常不满意 … 5 非常满意；"
                  "1–2 为差评，首次差评将转回部门重办")
class ConsultationEvaluateInput:
    id: strawberry.ID
    rating: int
    comment: str | None = None


@strawberry.input(description="办结诉求")
class ConsultationCloseInput:
    id: strawberry.ID


@strawberry.type
class ConsultationPayload:
    consultation: Consultation | None = None
    errors: list[ConsultationError] = strawberry.field(default_factory=list)


@strawberry.input(description="对超期未答复的诉求发起督办（可重复执行，已督办的不再重复）")
class ConsultationOverdueEscalateInput:
    region_code: str | None = strawberry.field(
        default=None, description="只督办该地区及下级；不填为本人督办范围")


@strawberry.type
class ConsultationOverdueEscalatePayload:
    escalated: list[Consultation] = strawberry.field(default_factory=list)
    errors: list[ConsultationError] = strawberry.field(default_factory=list)


@strawberry.input(description="工作人员诉求队列的筛选条件")
class ConsultationQueueFilter:
    status: ConsultationStatus | None = None  # type: ignore[valid-type]
    kind: ConsultationKind | None = None  # type: ignore[valid-type]
    region_code: str | None = strawberry.field(default=None,
                                               description="督办人员：只看该地区及下级")
    open_only: bool = strawberry.field(default=True, description="只看待分派和办理中的诉求")
    unassigned_only: bool = strawberry.field(default=False, description="只看待分派的诉求")
    overdue_only: bool = strawberry.field(default=False, description="只看已超期的诉求")
    escalated_only: bool = strawberry.field(default=False, description="只看已督办的诉求")


@strawberry.input(description="新增常见问题（本部门、本地区）")
class ConsultationFaqCreateInput:
    question: str
    answer: str
    keywords: list[str] = strawberry.field(description="触发关键词：诉求内容须全部包含（1–5 个）")
    kind: ConsultationKind | None = None  # type: ignore[valid-type]


@strawberry.input(description="停用常见问题")
class ConsultationFaqRetireInput:
    id: strawberry.ID


@strawberry.type
class ConsultationFaqPayload:
    faq: ConsultationFaq | None = None
    errors: list[ConsultationError] = strawberry.field(default_factory=list)


@strawberry.type(description="某地区某类诉求的办理时限")
class ConsultationTimeLimit:
    kind: ConsultationKind  # type: ignore[valid-type]
    working_days: int
    is_default: bool = strawberry.field(description="是否为全省默认值（未单独设置）")

    @strawberry.field
    def kind_label(self) -> str:
        return rules.KIND_LABELS[rules.Kind(self.kind)]


@strawberry.input(description="设置某地区某类诉求的办理时限（工作日，1–60）")
class ConsultationTimeLimitSetInput:
    region_code: str
    kind: ConsultationKind  # type: ignore[valid-type]
    working_days: int


@strawberry.type
class ConsultationTimeLimitSetPayload:
    limits: list[ConsultationTimeLimit] = strawberry.field(default_factory=list)
    errors: list[ConsultationError] = strawberry.field(default_factory=list)


@strawberry.type(description="诉求量（按类型）")
class ConsultationKindCount:
    kind: ConsultationKind  # type: ignore[valid-type]
    count: int

    @strawberry.field
    def kind_label(self) -> str:
        return rules.KIND_LABELS[rules.Kind(self.kind)]


@strawberry.type(description="办理指标：平均用时（工作日）、按期答复率、"
                 "满意率（评价 3–5 / 全部评价）")
class ConsultationFigures:
    total: int
    replied: int
    average_handling_days: float | None
    on_time_rate: float | None
    evaluations: int
    satisfaction_rate: float | None
    bad_rate: float | None = strawberry.field(description="差评率（评价 1–2 / 全部评价）")
    score: float | None = strawberry.field(description="平均评价等级（0–5）")


@strawberry.type(description="某部门的办理指标")
class ConsultationDepartmentStats:
    department: Department
    figures: ConsultationFigures


@strawberry.type(description="诉求统计")
class ConsultationStats:
    since: date | None
    until: date | None
    region: Region | None
    overall: ConsultationFigures
    by_kind: list[ConsultationKindCount]
    by_department: list[ConsultationDepartmentStats]
