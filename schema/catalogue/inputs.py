"""Catalogue inputs, payloads and the CatalogueError type."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import UNSET

from models.catalogue import rules
from models.catalogue import vocabulary as v
from models.catalogue.read import ListingFilter
from schema.catalogue.enums import (
    Audience,
    CaseType,
    CatalogueErrorCode,
    CrossProvinceMode,
    DelegationKind,
    HandlingForm,
    LicenceReformMode,
    MaterialForm,
    MatterType,
    ServiceScope,
    TimeUnit,
)
from schema.catalogue.types import NO_MATCH, MatterImplementation, decode_id
from schema.errors import UserError


@strawberry.input(description="事项列表筛选条件（均可选，同时给出时取交集）")
class MatterFilter:
    region_code: str | None = strawberry.field(
        default=None, description="实施区划（精确匹配：县区的列表不含市级或省级的实施清单）")
    department_id: strawberry.ID | None = strawberry.field(default=None, description="实施部门")
    matter_id: strawberry.ID | None = strawberry.field(default=None, description="只看此事项")
    type: MatterType | None = None  # type: ignore[valid-type]
    audience: Audience | None = None  # type: ignore[valid-type]
    theme: str | None = None
    service_scope: ServiceScope | None = None  # type: ignore[valid-type]
    cross_province_mode: CrossProvinceMode | None = None  # type: ignore[valid-type]
    online_only: bool = strawberry.field(default=False, description="只看全程网办")
    licence_reform_mode: LicenceReformMode | None = None  # type: ignore[valid-type]
    max_onsite_visits: int | None = strawberry.field(
        default=None, description="到现场次数不超过此数（0 = 零跑腿，1 = 最多跑一次）")

    def to_listing(self) -> ListingFilter:
        def key(global_id: str | None, type_name: str) -> str | None:
            if global_id is None:
                return None
            return decode_id(global_id, type_name) or NO_MATCH

        return ListingFilter(
            region_code=self.region_code, department_id=key(self.department_id, "Department"),
            matter_id=key(self.matter_id, "Matter"), matter_type=_value(self.type),
            audience=_value(self.audience), theme=self.theme,
            service_scope=_value(self.service_scope),
            cross_province_mode=_value(self.cross_province_mode), online_only=self.online_only,
            licence_reform_mode=_value(self.licence_reform_mode),
            max_onsite_visits=self.max_onsite_visits)


def _value(enum_value: Any) -> str | None:
    return None if enum_value is None else str(enum_value.value)


@strawberry.input(description="时限")
class TimeLimitInput:
    value: int
    unit: TimeUnit = v.TimeUnit.WORKING_DAY  # type: ignore[valid-type]


@strawberry.input(description="申请材料")
class MaterialInput:
    name: str
    form: MaterialForm  # type: ignore[valid-type]
    copies: int = 1
    required: bool = True
    deferrable: bool = strawberry.field(default=False, description="可容缺受理")
    source: str = ""
    note: str = ""
    template_sha256: str | None = strawberry.field(default=None,
                                                   description="样表在文件存储中的 SHA-256")
    template_filename: str | None = None


@strawberry.input(description="收费项目")
class FeeInput:
    name: str
    amount_fen: int
    unit: str = ""
    basis: str = ""


@strawberry.input(description="委托下放")
class DelegationInput:
    kind: DelegationKind  # type: ignore[valid-type]
    from_region_code: str | None = None


@strawberry.input(description="实施清单可编辑的内容。未给出的字段保持不变；"
                              "materials、fees 给出时整体替换。")
class MatterImplementationFieldsInput:
    acceptance_conditions: str | None = UNSET
    legal_time_limit: TimeLimitInput | None = UNSET
    promised_time_limit: TimeLimitInput | None = UNSET
    case_type: CaseType | None = UNSET  # type: ignore[valid-type]
    handling_form: HandlingForm | None = UNSET  # type: ignore[valid-type]
    onsite_visits: int | None = UNSET
    service_scope: ServiceScope | None = UNSET  # type: ignore[valid-type]
    cross_province_modes: list[CrossProvinceMode] | None = UNSET  # type: ignore[valid-type]
    delegation: DelegationInput | None = UNSET
    address: str | None = UNSET
    office_hours: str | None = UNSET
    consult_phone: str | None = UNSET
    complaint_phone: str | None = UNSET
    online_url: str | None = UNSET
    materials: list[MaterialInput] | None = UNSET
    fees: list[FeeInput] | None = UNSET

    def to_changes(self) -> dict[str, Any]:
        """The given fields as rules.ImplementationTerms field values."""
        changes: dict[str, Any] = {}
        for name in ("acceptance_conditions", "address", "office_hours", "consult_phone",
                     "complaint_phone", "online_url"):
            value = getattr(self, name)
            if value is not UNSET:
                changes[name] = (value or "").strip()
        for name in ("case_type", "handling_form", "onsite_visits", "service_scope"):
            value = getattr(self, name)
            if value is not UNSET:
                changes[name] = value
        for name, target in (("legal_time_limit", "legal_limit"),
                             ("promised_time_limit", "promised_limit")):
            limit = getattr(self, name)
            if limit is not UNSET:
                changes[target] = limit.value if limit else None
                changes[f"{target}_unit"] = limit.unit if limit else None
        if self.cross_province_modes is not UNSET:
            changes["cross_province_modes"] = tuple(self.cross_province_modes or ())
        if self.delegation is not UNSET:
            delegation = self.delegation
            changes["delegation"] = delegation.kind if delegation else v.Delegation.NONE
            changes["delegated_from_region"] = delegation.from_region_code if delegation else None
        if self.materials is not UNSET:
            changes["materials"] = tuple(rules.MaterialTerms(
                name=m.name, form=m.form, copies=m.copies, required=m.required,
                deferrable=m.deferrable, source=m.source, note=m.note,
                template_sha256=m.template_sha256, template_filename=m.template_filename)
                for m in self.materials or ())
        if self.fees is not UNSET:
            changes["fees"] = tuple(rules.FeeTerms(name=f.name, amount_fen=f.amount_fen,
                                                   unit=f.unit, basis=f.basis)
                                    for f in self.fees or ())
        return changes


@strawberry.input(description="新建实施清单草稿（新版本）")
class MatterImplementationCreateInput:
    idempotency_key: str = strawberry.field(
        description="客户端生成的幂等键（≤64 字符）：重试时返回第一次新建的草稿")
    matter_id: strawberry.ID = strawberry.field(description="基本目录事项")
    based_on_id: strawberry.ID | None = strawberry.field(
        default=None, description="以本部门的某个版本为底稿（通常是现行版本）")
    code: str | None = strawberry.field(
        default=None, description="实施编码；首次实施时可指定，默认由基本编码+区划+部门生成")
    fields: MatterImplementationFieldsInput | None = None


@strawberry.input(description="修改草稿")
class MatterImplementationUpdateInput:
    id: strawberry.ID
    fields: MatterImplementationFieldsInput


@strawberry.input(description="发布草稿；同一实施清单的原现行版本自动停用（被替代）")
class MatterImplementationPublishInput:
    id: strawberry.ID


@strawberry.input(description="停用已发布的版本，或作废草稿")
class MatterImplementationRetireInput:
    id: strawberry.ID


@strawberry.type(description="事项目录业务错误")
class CatalogueError(UserError):
    code: CatalogueErrorCode


@strawberry.type
class MatterImplementationCreatePayload:
    implementation: MatterImplementation | None = None
    errors: list[CatalogueError] = strawberry.field(default_factory=list)


@strawberry.type
class MatterImplementationUpdatePayload:
    implementation: MatterImplementation | None = None
    errors: list[CatalogueError] = strawberry.field(default_factory=list)


@strawberry.type
class MatterImplementationPublishPayload:
    implementation: MatterImplementation | None = None
    errors: list[CatalogueError] = strawberry.field(default_factory=list)


@strawberry.type
class MatterImplementationRetirePayload:
    implementation: MatterImplementation | None = None
    errors: list[CatalogueError] = strawberry.field(default_factory=list)
