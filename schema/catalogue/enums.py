"""Catalogue enums (values in English; the Chinese terms are in each type's `…Label` fields)."""

from __future__ import annotations

from enum import Enum

import strawberry

from models.catalogue import rules, vocabulary

MatterType = strawberry.enum(vocabulary.MatterType, description=(
    "事项类型：LICENSING 行政许可、PAYMENT 行政给付、CONFIRMATION 行政确认、REWARD 行政奖励、"
    "ADJUDICATION 行政裁决、OTHER_POWER 其他行政权力、PUBLIC_SERVICE 公共服务、FILING 行政备案"))
Audience = strawberry.enum(vocabulary.Audience,
                           description="服务对象：PERSON 个人、LEGAL_ENTITY 法人")
LicenceReformMode = strawberry.enum(vocabulary.LicenceReformMode, description=(
    "证照分离改革方式：CANCEL_APPROVAL 直接取消审批、APPROVAL_TO_FILING 审批改为备案、"
    "NOTIFICATION_COMMITMENT 实行告知承诺、OPTIMISED_APPROVAL 优化审批服务"))
CaseType = strawberry.enum(vocabulary.CaseType,
                           description="办件类型：INSTANT 即办件、PROMISED 承诺件")
HandlingForm = strawberry.enum(vocabulary.HandlingForm, description=(
    "办理形式：ONLINE 全程网办、OFFLINE 窗口办理、BOTH 网上或窗口办理"))
ServiceScope = strawberry.enum(vocabulary.ServiceScope, description=(
    "通办范围：LOCAL 属地办理、CITY 全市通办、PROVINCE 全省通办、CROSS_PROVINCE 跨省通办"))
CrossProvinceMode = strawberry.enum(vocabulary.CrossProvinceMode, description=(
    "跨省通办模式：FULLY_ONLINE 全程网办、PROXY 异地代收代办、MULTI_PLACE 多地联办"))
TimeUnit = strawberry.enum(vocabulary.TimeUnit,
                           description="时限单位：WORKING_DAY 工作日、CALENDAR_DAY 自然日")
MaterialForm = strawberry.enum(vocabulary.MaterialForm, description=(
    "材料形式：ORIGINAL 原件、COPY 复印件、ELECTRONIC 电子"))
DelegationKind = strawberry.enum(vocabulary.Delegation, name="DelegationKind", description=(
    "委托下放：NONE 本级实施、ENTRUSTED 委托实施、DEVOLVED 下放实施"))
ImplementationStatus = strawberry.enum(rules.Status, name="ImplementationStatus", description=(
    "实施清单版本状态：DRAFT 草稿、PUBLISHED 已发布（不可再改）、RETIRED 已停用或被新版本替代"))
ImplementationAction = strawberry.enum(rules.Action, name="ImplementationAction",
                                       description="可对实施清单版本执行的操作")


@strawberry.enum(description="事项目录的业务错误码")
class CatalogueErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    REQUIRED = "REQUIRED"
    INVALID_VALUE = "INVALID_VALUE"
    INVALID_CODE = "INVALID_CODE"
    CODE_TAKEN = "CODE_TAKEN"
    PROMISED_EXCEEDS_LEGAL = "PROMISED_EXCEEDS_LEGAL"
    TIME_UNIT_MISMATCH = "TIME_UNIT_MISMATCH"
    INSTANT_CASE_WITH_TIME_LIMIT = "INSTANT_CASE_WITH_TIME_LIMIT"
    PROMISED_CASE_WITHOUT_TIME_LIMIT = "PROMISED_CASE_WITHOUT_TIME_LIMIT"
    ONLINE_WITH_VISITS = "ONLINE_WITH_VISITS"
    CROSS_PROVINCE_MODE_MISMATCH = "CROSS_PROVINCE_MODE_MISMATCH"
    DUPLICATE_MATERIAL = "DUPLICATE_MATERIAL"
    NOT_DRAFT = "NOT_DRAFT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    STALE_DRAFT = "STALE_DRAFT"
    DRAFT_EXISTS = "DRAFT_EXISTS"
    MATTER_NOT_FOUND = "MATTER_NOT_FOUND"
    WRONG_DEPARTMENT = "WRONG_DEPARTMENT"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    CONFLICT = "CONFLICT"
