"""Inputs and payloads of the 好差评 operations."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.ratings.cases import RatingCase
from schema.ratings.common import RatingChannel, RatingError
from schema.ratings.stats import RatingOnSiteCode, RatingPolicy
from schema.ratings.types import MyRating, Rating

_LEVEL = "评价等级 1–5（5 非常满意，4 满意，3 基本满意，2 不满意，1 非常不满意）"
_TAGS = "评价标签（须是该等级在该渠道可选的标签，见 ratingLevels）"
_COMMENT = "文字评价（可选，≤500 字）；差评须至少选一个标签或填写此项"


@strawberry.input(description="对已办结的办件评价（一事一评）")
class RatingSubmitInput:
    application_id: strawberry.ID
    level: int = strawberry.field(description=_LEVEL)
    tags: list[str] = strawberry.field(default_factory=list, description=_TAGS)
    comment: str | None = strawberry.field(default=None, description=_COMMENT)
    idempotency_key: str = strawberry.field(
        description="客户端生成的幂等键（8–64 位）；重试时用同一个键，返回同一条评价")


@strawberry.input(description="凭窗口评价码评价一次办事（一次一评），可匿名")
class RatingOnSiteSubmitInput:
    code: str = strawberry.field(description="窗口屏幕上的评价码（或扫描二维码得到）")
    level: int = strawberry.field(description=_LEVEL)
    tags: list[str] = strawberry.field(default_factory=list, description=_TAGS)
    comment: str | None = strawberry.field(default=None, description=_COMMENT)


@strawberry.input(description="为本次窗口服务生成评价码")
class RatingOnSiteCodeIssueInput:
    matter_id: strawberry.ID | None = strawberry.field(
        default=None, description="本次办理的事项（可选），用于按事项统计")


@strawberry.input(description="评价人对已整改反馈的差评追评一次")
class RatingFollowupAddInput:
    rating_id: strawberry.ID = strawberry.field(description="MyRating 的 ID")
    level: int = strawberry.field(description=_LEVEL)
    tags: list[str] = strawberry.field(default_factory=list, description=_TAGS)
    comment: str | None = strawberry.field(default=None, description=_COMMENT)


@strawberry.input(description="部门公开回复一条评价（再次回复将替换）")
class RatingReplyInput:
    rating_id: strawberry.ID = strawberry.field(description="Rating 或 RatingCase 所指评价的 ID")
    reply: str


@strawberry.input(description="回访核实")
class RatingCaseContactInput:
    case_id: strawberry.ID
    summary: str = strawberry.field(description="回访核实情况")


@strawberry.input(description="开始整改")
class RatingCaseRectificationStartInput:
    case_id: strawberry.ID
    plan: str = strawberry.field(description="整改措施")


@strawberry.input(description="整改反馈（告知评价人整改结果）")
class RatingCaseFeedbackInput:
    case_id: strawberry.ID
    feedback: str


@strawberry.input(description="申诉复核：差评属恶意或错误时申请不计入统计（每条差评一次）")
class RatingCaseAppealInput:
    case_id: strawberry.ID
    reason: str = strawberry.field(description="申诉理由")


@strawberry.input(description="复核申诉")
class RatingCaseAppealDecideInput:
    case_id: strawberry.ID
    uphold: bool = strawberry.field(description="true：申诉成立（差评不计入统计）；false：驳回")
    comment: str = strawberry.field(description="复核意见")


@strawberry.input(description="超期预警扫描：上报已超期的环节，办结追评期满的工单")
class RatingCasesEscalateInput:
    region_code: str | None = strawberry.field(
        default=None, description="区划代码（默认为本人所在区划；系统管理员默认全省）")


@strawberry.input(description="设置某区划的好差评时限（覆盖上级或默认值；已开工单的期限不变）")
class RatingPolicySetInput:
    region_code: str
    contact_hours: int = 24
    rectify_days: int = 15
    rectify_in_working_days: bool = False
    followup_wait_days: int = 7
    contact_warn_hours: int = 4
    rectify_warn_days: int = 3
    on_site_code_minutes: int = 30


@strawberry.input(description="统计范围：区划、部门、事项三者可组合；日期为北京时间，含两端")
class RatingStatsFilter:
    region_code: str | None = None
    department_id: strawberry.ID | None = None
    matter_id: strawberry.ID | None = None
    since: date | None = None
    until: date | None = None
    channel: RatingChannel | None = None


@strawberry.type
class RatingSubmitPayload:
    rating: MyRating | None = None
    errors: list[RatingError] = strawberry.field(default_factory=list)


@strawberry.type
class RatingFollowupAddPayload:
    rating: MyRating | None = None
    errors: list[RatingError] = strawberry.field(default_factory=list)


@strawberry.type
class RatingOnSiteSubmitPayload:
    rating: Rating | None = None
    errors: list[RatingError] = strawberry.field(default_factory=list)


@strawberry.type
class RatingOnSiteCodeIssuePayload:
    on_site_code: RatingOnSiteCode | None = None
    errors: list[RatingError] = strawberry.field(default_factory=list)


@strawberry.type
class RatingReplyPayload:
    rating: Rating | None = None
    errors: list[RatingError] = strawberry.field(default_factory=list)


@strawberry.type(description="差评工单操作的结果")
class RatingCasePayload:
    case: RatingCase | None = None
    errors: list[RatingError] = strawberry.field(default_factory=list)


@strawberry.type
class RatingCasesEscalatePayload:
    escalated: list[RatingCase] = strawberry.field(
        default_factory=list, description="本次上报超期预警的工单")
    closed: int = strawberry.field(default=0, description="本次因追评期满办结的工单数")
    errors: list[RatingError] = strawberry.field(default_factory=list)


@strawberry.type
class RatingPolicySetPayload:
    policy: RatingPolicy | None = None
    errors: list[RatingError] = strawberry.field(default_factory=list)
