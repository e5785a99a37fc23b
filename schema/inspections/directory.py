"""Directory types: subjects, inspectors, check items and their form versions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from models.identity.rules import mask_phone
from models.inspections.publication import local_date
from models.inspections.rules import effective_inspections
from models.inspections.service.directory import PHONE_CONTEXT
from schema.inspections.common import (
    CreditGrade,
    InspectionFormFieldType,
    RiskGrade,
    pii_cipher,
)
from schema.node import Node, to_global_id
from schema.regions import Department, Region


@strawberry.type(description="检查对象（检查对象名录中的一条）。仅工作人员可见。")
class InspectionSubject(Node):
    credit_code: str = strawberry.field(description="统一社会信用代码")
    name: str
    legal_representative: str = strawberry.field(description="法定代表人（负责人）")
    address: str
    industry: str
    risk_grade: RiskGrade  # type: ignore[valid-type]
    credit_grade: CreditGrade  # type: ignore[valid-type]
    region_code: str
    phone_enc: strawberry.Private[str | None]
    count: strawberry.Private[int]
    counted_year: strawberry.Private[int | None]

    @strawberry.field(description="联系电话（掩码显示）")
    def phone_masked(self, info: strawberry.Info) -> str | None:
        if not self.phone_enc:
            return None
        return mask_phone(pii_cipher(info.context).decrypt(self.phone_enc, context=PHONE_CONTEXT))

    @strawberry.field(description="本年度已接受检查次数（含其他部门）")
    def inspections_this_year(self) -> int:
        return effective_inspections(self.count, self.counted_year,
                                     local_date(datetime.now(UTC)).year)

    @strawberry.field(description="所在区划")
    async def region(self, info: strawberry.Info) -> Region | None:
        row = await info.context.loaders["region"].load(self.region_code)
        return Region.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any) -> InspectionSubject:
        return cls(id=to_global_id("InspectionSubject", row.id), credit_code=row.credit_code,
                   name=row.name, legal_representative=row.legal_representative,
                   address=row.address, industry=row.industry, risk_grade=row.risk_grade,
                   credit_grade=row.credit_grade, region_code=row.region_id,
                   phone_enc=row.phone_enc, count=row.inspections_this_year,
                   counted_year=row.counted_year)


@strawberry.type(description="执法人员（执法人员名录中的一条）。仅工作人员可见。")
class Inspector(Node):
    display_name: str
    badge_number: str | None = strawberry.field(description="执法证号")
    enforcement_fields: list[str] = strawberry.field(description="执法领域")
    department_id: strawberry.Private[str | None]

    @strawberry.field(description="所在部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        if not self.department_id:
            return None
        row = await info.context.loaders["department"].load(self.department_id)
        return Department.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any) -> Inspector:
        return cls(id=to_global_id("Inspector", row.id), display_name=row.display_name,
                   badge_number=row.badge_number, enforcement_fields=list(row.enforcement_fields),
                   department_id=str(row.department_id) if row.department_id else None)


@strawberry.type(description="检查表单字段")
class InspectionFormField:
    key: str
    label: str
    type: InspectionFormFieldType  # type: ignore[valid-type]
    required: bool
    options: list[str] = strawberry.field(description="单选项（CHOICE）")
    unit: str | None = strawberry.field(description="数值单位（NUMBER）")
    minimum: str | None = strawberry.field(description="最小值，小数字符串（NUMBER）")
    maximum: str | None = strawberry.field(description="最大值，小数字符串（NUMBER）")
    max_length: int | None = strawberry.field(description="最多字数（TEXT）")
    photo_count: int | None = strawberry.field(description="至少照片数（PHOTO）")

    @classmethod
    def from_spec(cls, spec: dict) -> InspectionFormField:
        return cls(key=spec["key"], label=spec["label"], type=spec["type"],
                   required=spec.get("required", True), options=spec.get("options", []),
                   unit=spec.get("unit"), minimum=spec.get("minimum"),
                   maximum=spec.get("maximum"), max_length=spec.get("max_length"),
                   photo_count=spec.get("photo_count"))


@strawberry.type(description="检查表单模板的一个版本。版本不修改；记录保留填写时的版本。公开。")
class InspectionFormTemplate(Node):
    version: int
    title: str
    fields: list[InspectionFormField]
    created_at: datetime
    item_id: strawberry.Private[str]

    @strawberry.field(description="所属抽查事项")
    async def item(self, info: strawberry.Info) -> InspectionItem | None:
        row = await info.context.loaders["inspection_item"].load(self.item_id)
        return InspectionItem.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any) -> InspectionFormTemplate:
        return cls(id=to_global_id("InspectionFormTemplate", row.id), version=row.version,
                   title=row.title, fields=[InspectionFormField.from_spec(s)
                                            for s in row.fields_spec],
                   created_at=row.created_at, item_id=str(row.item_id))


@strawberry.type(description="随机抽查事项（抽查事项清单中的一条）。公开。")
class InspectionItem(Node):
    code: str
    name: str
    legal_basis: str = strawberry.field(description="检查依据（法律法规条款）")
    enforcement_field: str = strawberry.field(description="执法领域")
    is_published: bool
    department_id: strawberry.Private[str]
    item_key: strawberry.Private[str]

    @strawberry.field(description="实施部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        row = await info.context.loaders["department"].load(self.department_id)
        return Department.from_row(row) if row else None

    @strawberry.field(description="当前（最新）检查表单；未配置表单时为 null")
    async def current_form(self, info: strawberry.Info) -> InspectionFormTemplate | None:
        versions = await info.context.loaders["inspection_item_forms"].load(self.item_key)
        return InspectionFormTemplate.from_row(versions[-1]) if versions else None

    @strawberry.field(description="检查表单的全部版本（从旧到新）")
    async def forms(self, info: strawberry.Info) -> list[InspectionFormTemplate]:
        versions = await info.context.loaders["inspection_item_forms"].load(self.item_key)
        return [InspectionFormTemplate.from_row(v) for v in versions]

    @classmethod
    def from_row(cls, row: Any) -> InspectionItem:
        return cls(id=to_global_id("InspectionItem", row.id), code=row.code, name=row.name,
                   legal_basis=row.legal_basis, enforcement_field=row.enforcement_field,
                   is_published=row.is_published, department_id=str(row.department_id),
                   item_key=str(row.id))
