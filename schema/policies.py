"""Policy library (惠企政策): documents, enterprise profiles and matching, inputs and payloads."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry

from models.policies import rules, vocabulary
from schema.consultations import MatterRef
from schema.errors import UserError
from schema.node import Node, to_global_id
from schema.regions import Department, Region

PolicyLevel = strawberry.enum(vocabulary.Level, name="PolicyLevel", description="政策层级")
PolicyStatus = strawberry.enum(rules.Status, name="PolicyStatus",
                               description="政策状态：草稿、已发布、已废止（仍可查阅）")
PolicyAction = strawberry.enum(rules.Action, name="PolicyAction", description="政策维护操作")
Industry = strawberry.enum(vocabulary.Industry, name="Industry",
                           description="国民经济行业门类（GB/T 4754-2017）")
EnterpriseSize = strawberry.enum(vocabulary.EnterpriseSize, name="EnterpriseSize",
                                 description="企业规模（大中小微及个体工商户）")
PolicySupportType = strawberry.enum(vocabulary.SupportType, name="PolicySupportType",
                                    description="支持方式")


@strawberry.enum(description="政策相关的业务错误码")
class PolicyErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_PERIOD = "INVALID_PERIOD"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    NOT_ALLOWED = "NOT_ALLOWED"
    REGION_NOT_FOUND = "REGION_NOT_FOUND"
    REGION_OUT_OF_SCOPE = "REGION_OUT_OF_SCOPE"
    MATTER_NOT_FOUND = "MATTER_NOT_FOUND"
    FILE_NOT_FOUND = "FILE_NOT_FOUND"
    INVALID_CLIENT_KEY = "INVALID_CLIENT_KEY"


@strawberry.type(description="政策业务错误")
class PolicyError(UserError):
    code: PolicyErrorCode


@strawberry.type(description="可选值及其中文名称")
class PolicyOption:
    value: str
    label: str


@strawberry.type(description="政策附件")
class PolicyAttachment:
    sha256: str
    filename: str


@strawberry.type(description="惠企政策文件。已废止的政策仍可查阅，status 为 RETIRED。")
class Policy(Node):
    title: str
    document_number: str = strawberry.field(description="文号")
    issuing_body: str = strawberry.field(description="发文机关")
    level: PolicyLevel  # type: ignore[valid-type]
    issued_on: date = strawberry.field(description="发布日期")
    valid_from: date | None
    valid_to: date | None = strawberry.field(description="有效期截止；长期有效为 null")
    summary: str
    status: PolicyStatus  # type: ignore[valid-type]
    published_at: datetime | None
    retired_at: datetime | None
    retired_reason: str | None
    attachments: list[PolicyAttachment]
    row: strawberry.Private[Any]

    @strawberry.field(description="全文")
    def full_text(self) -> str:
        return self.row.full_text

    @strawberry.field(description="是否已废止")
    def is_retired(self) -> bool:
        return self.row.status == rules.Status.RETIRED

    @strawberry.field(description="层级名称，如“市级”")
    def level_label(self) -> str:
        return vocabulary.label(vocabulary.Level(self.row.level))

    @strawberry.field(description="适用地区；国家级政策为 null（全国适用）")
    async def region(self, info: strawberry.Info) -> Region | None:
        if self.row.region_id is None:
            return None
        row = await info.context.loaders["region"].load(self.row.region_id)
        return Region.from_row(row) if row else None

    @strawberry.field(description="维护该政策的部门；导入的国家级和省级文件为 null")
    async def department(self, info: strawberry.Info) -> Department | None:
        if self.row.department_id is None:
            return None
        row = await info.context.loaders["department"].load(str(self.row.department_id))
        return Department.from_row(row) if row else None

    async def _facet(self, info: strawberry.Info, facet: rules.Facet) -> list[str]:
        found = await info.context.loaders["policy_facets"].load(str(self.row.id))
        return [v for v in found.get(facet, []) if v != rules.ANY]

    @strawberry.field(description="适用行业；为空表示不限行业")
    async def industries(self, info: strawberry.Info) -> list[Industry]:  # type: ignore[valid-type]
        return [vocabulary.Industry(v) for v in await self._facet(info, rules.Facet.INDUSTRY)]

    @strawberry.field(description="适用企业规模；为空表示不限规模")
    async def enterprise_sizes(self, info: strawberry.Info) -> list[EnterpriseSize]:  # type: ignore[valid-type]
        return [vocabulary.EnterpriseSize(v) for v in await self._facet(info, rules.Facet.SIZE)]

    @strawberry.field(description="支持方式")
    async def support_types(self, info: strawberry.Info) -> list[PolicySupportType]:  # type: ignore[valid-type]
        return [vocabulary.SupportType(v) for v in await self._facet(info, rules.Facet.SUPPORT)]

    @strawberry.field(description="通过哪些政务服务事项申请（按顺序）；没有时为空")
    async def apply_through(self, info: strawberry.Info) -> list[MatterRef]:
        rows = await info.context.loaders["policy_matters"].load(str(self.row.id))
        return [MatterRef.from_row(m) for m in rows]

    @strawberry.field(description="当前用户可以执行的维护操作")
    def available_actions(self, info: strawberry.Info) -> list[PolicyAction]:  # type: ignore[valid-type]
        viewer = info.context.viewer
        roles = frozenset(viewer.roles) if viewer.is_staff else frozenset()
        if not ("SYSTEM_ADMIN" in roles or (
                "DEPT_ADMIN" in roles and self.row.region_id is not None
                and self.row.region_id == viewer.region_code)):
            return []
        return rules.available_actions(rules.Status(self.row.status), roles)

    @classmethod
    def from_row(cls, row: Any) -> Policy:
        return cls(
            id=to_global_id("Policy", row.id), title=row.title,
            document_number=row.document_number, issuing_body=row.issuing_body,
            level=vocabulary.Level(row.level), issued_on=row.issued_on,
            valid_from=row.valid_from, valid_to=row.valid_to, summary=row.summary,
            status=rules.Status(row.status), published_at=row.published_at,
            retired_at=row.retired_at, retired_reason=row.retired_reason,
            attachments=[PolicyAttachment(sha256=a["sha256"], filename=a["filename"])
                         for a in row.attachments or []], row=row)


@strawberry.type(description="政策匹配所用的企业画像")
class EnterpriseProfile:
    industry: Industry | None  # type: ignore[valid-type]
    size: EnterpriseSize | None  # type: ignore[valid-type]
    declared: bool = strawberry.field(
        description="企业是否已填写画像；未填写时地区取自统一社会信用代码，行业和规模不作筛选")
    region_code: strawberry.Private[str]

    @strawberry.field(description="所在地区")
    async def region(self, info: strawberry.Info) -> Region | None:
        row = await info.context.loaders["region"].load(self.region_code)
        return Region.from_row(row) if row else None


@strawberry.input(description="政策附件：fileUpload 返回的 sha256 和文件名")
class PolicyAttachmentInput:
    sha256: str
    filename: str


@strawberry.input(description="新建政策草稿（本部门所在地区）。clientKey 重试时原样带上。")
class PolicyCreateInput:
    client_key: str
    title: str
    issuing_body: str
    issued_on: date
    support_types: list[PolicySupportType]  # type: ignore[valid-type]
    document_number: str = ""
    region_code: str | None = strawberry.field(
        default=None, description="默认本部门所在地区；只有系统管理员可指定其他地区")
    valid_from: date | None = None
    valid_to: date | None = None
    industries: list[Industry] = strawberry.field(default_factory=list)  # type: ignore[valid-type]
    enterprise_sizes: list[EnterpriseSize] = strawberry.field(default_factory=list)  # type: ignore[valid-type]
    summary: str = ""
    full_text: str = ""
    attachments: list[PolicyAttachmentInput] = strawberry.field(default_factory=list)
    matter_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="通过哪些事项申请（Matter 的 ID）")


@strawberry.input(description="修改政策（草稿或已发布）：只改给出的字段")
class PolicyUpdateInput:
    id: strawberry.ID
    title: str | None = None
    issuing_body: str | None = None
    issued_on: date | None = None
    document_number: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    support_types: list[PolicySupportType] | None = None  # type: ignore[valid-type]
    industries: list[Industry] | None = None  # type: ignore[valid-type]
    enterprise_sizes: list[EnterpriseSize] | None = None  # type: ignore[valid-type]
    summary: str | None = None
    full_text: str | None = None
    attachments: list[PolicyAttachmentInput] | None = None
    matter_ids: list[strawberry.ID] | None = None


@strawberry.input
class PolicyPublishInput:
    id: strawberry.ID


@strawberry.input(description="废止政策：仍可查阅，但不再出现在搜索和匹配中")
class PolicyRetireInput:
    id: strawberry.ID
    reason: str


@strawberry.type
class PolicyPayload:
    policy: Policy | None = None
    errors: list[PolicyError] = strawberry.field(default_factory=list)


@strawberry.input(description="填写企业画像（用于政策匹配）")
class PolicyProfileSetInput:
    region_code: str
    industry: Industry  # type: ignore[valid-type]
    size: EnterpriseSize  # type: ignore[valid-type]


@strawberry.type
class PolicyProfileSetPayload:
    profile: EnterpriseProfile | None = None
    errors: list[PolicyError] = strawberry.field(default_factory=list)


@strawberry.input(description="政策库筛选条件")
class PolicyFilter:
    region_code: str | None = strawberry.field(
        default=None, description="在该地区适用的政策：国家级、省级及该地区本级和上级")
    level: PolicyLevel | None = None  # type: ignore[valid-type]
    support_type: PolicySupportType | None = None  # type: ignore[valid-type]
    industry: Industry | None = None  # type: ignore[valid-type]
    size: EnterpriseSize | None = None  # type: ignore[valid-type]
    include_retired: bool = strawberry.field(default=False, description="包含已废止的政策")
