"""Directory services: subject import, check items, form versions, conflict declarations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.errors import Refusal
from models.identity.pii import PiiCipher
from models.inspections.forms import FieldType, FormField, FormTemplate, validate_template
from models.inspections.publication import local_date
from models.inspections.rules import region_contains
from models.inspections.subject_import import ImportReport, parse_subjects_csv
from models.inspections.tables import (
    InspectionConflict,
    InspectionFormTemplate,
    InspectionItem,
    InspectionSubject,
)
from models.regions.tables import Region

PHONE_CONTEXT = "inspection_subject.phone"
_UPDATED = ("name", "legal_representative", "address", "industry", "region_id", "risk_grade",
            "credit_grade", "inspections_this_year", "counted_year")


@dataclass(frozen=True)
class ImportOutcome:
    report: ImportReport
    created: int = 0
    updated: int = 0
    stored: bool = False


async def import_subjects(text: str, *, scope_region: str | None, cipher: PiiCipher,
                          now: datetime, dry_run: bool = False) -> ImportOutcome:
    """Check every row; store all of them in one transaction or none at all.

    A row whose credit code is already in the directory updates that subject
    (names, grades and counts change over the years)."""
    current = set(await Region.filter(valid_to__isnull=True).values_list("code", flat=True))

    def region_ok(code: str) -> str | None:
        if code not in current:
            return "区划代码不存在或已撤销"
        if scope_region is not None and not region_contains(scope_region, code):
            return "区划不在本部门管辖范围内"
        return None

    report = parse_subjects_csv(text, region_ok)
    if not report.valid or dry_run:
        return ImportOutcome(report)
    year = local_date(now).year
    try:
        async with in_transaction():
            codes = [s.credit_code for s in report.subjects]
            existing = {s.credit_code: s for s in await InspectionSubject.filter(
                credit_code__in=codes).select_for_update()}
            new, changed = [], []
            for row in report.subjects:
                subject = existing.get(row.credit_code) or InspectionSubject(
                    id=uuid.uuid4(), credit_code=row.credit_code)
                subject.name, subject.legal_representative = row.name, row.legal_representative
                subject.address, subject.industry = row.address, row.industry
                subject.region_id, subject.risk_grade = row.region, row.risk_grade
                subject.credit_grade = row.credit_grade
                subject.inspections_this_year = row.inspections_this_year
                subject.counted_year = year
                if row.phone:
                    subject.phone_enc = cipher.encrypt(row.phone, context=PHONE_CONTEXT)
                (changed if row.credit_code in existing else new).append(subject)
            await InspectionSubject.bulk_create(new, batch_size=500)
            if changed:
                await InspectionSubject.bulk_update(changed, fields=[*_UPDATED, "phone_enc"],
                                                    batch_size=500)
    except IntegrityError as error:  # another import added one of these codes meanwhile
        raise Refusal("IMPORT_CONFLICT", "导入期间名录已被他人修改，未导入任何数据，请重试",
                      "csv") from error
    return ImportOutcome(report, len(new), len(changed), True)


async def create_item(*, department_id: str, code: str, name: str, legal_basis: str,
                      enforcement_field: str) -> InspectionItem:
    """Publish a random-check item (随机抽查事项); there is no check without a legal basis."""
    for value, field, label in ((code, "code", "事项编码"), (name, "name", "事项名称"),
                                (legal_basis, "legalBasis", "法律依据"),
                                (enforcement_field, "enforcementField", "执法领域")):
        if not value.strip():
            raise Refusal("REQUIRED", f"{label}为必填项", field)
    if not code.isascii() or len(code) > 32:
        raise Refusal("INVALID_CODE", "事项编码须为不超过32位的字母、数字或连字符", "code")
    try:
        return await InspectionItem.create(
            id=uuid.uuid4(), code=code.strip(), name=name.strip(),
            legal_basis=legal_basis.strip(), enforcement_field=enforcement_field.strip(),
            department_id=department_id)
    except IntegrityError as error:
        raise Refusal("ITEM_CODE_TAKEN", "事项编码已被使用", "code") from error


def template_from_row(row: InspectionFormTemplate) -> FormTemplate:
    """The pure template a stored version describes."""
    return FormTemplate(str(row.id), str(row.item_id), row.title,
                        tuple(_field(spec) for spec in row.fields_spec))


def _field(spec: dict) -> FormField:
    def number(key: str) -> Decimal | None:
        return None if spec.get(key) is None else Decimal(spec[key])

    return FormField(key=spec["key"], label=spec["label"], type=FieldType(spec["type"]),
                     required=spec.get("required", True), options=tuple(spec.get("options", ())),
                     unit=spec.get("unit"), minimum=number("minimum"), maximum=number("maximum"),
                     max_length=spec.get("max_length"), photo_count=spec.get("photo_count"))


def field_spec(f: FormField) -> dict:
    spec: dict = {"key": f.key, "label": f.label, "type": str(f.type), "required": f.required}
    for name in ("unit", "max_length", "photo_count"):
        if getattr(f, name) is not None:
            spec[name] = getattr(f, name)
    for name in ("minimum", "maximum"):
        if getattr(f, name) is not None:
            spec[name] = str(getattr(f, name))
    if f.options:
        spec["options"] = list(f.options)
    return spec


async def publish_form(*, item_id: str, title: str, fields: list[FormField],
                       author_id: str | None) -> InspectionFormTemplate:
    """A new version of an item's form; earlier versions stay as records used them."""
    template = FormTemplate("", item_id, title, tuple(fields))
    problems = validate_template(template)
    if problems:
        index = {f.key: i for i, f in enumerate(fields)}
        first = problems[0]
        where = f"fields[{index[first.field]}]" if first.field in index else "title"
        raise Refusal("INVALID_FORM", f"{first.message_zh}（{first.field or '表单'}）", where)
    async with in_transaction():
        # Lock the item so two publishers cannot both take the next version number.
        await InspectionItem.filter(id=item_id).select_for_update().first()
        latest = await InspectionFormTemplate.filter(item_id=item_id).order_by("-version").first()
        return await InspectionFormTemplate.create(
            id=uuid.uuid4(), item_id=item_id, version=(latest.version if latest else 0) + 1,
            title=title.strip(),
            fields_spec=[field_spec(f) for f in fields], created_by_id=author_id)


async def declare_conflict(*, inspector_id: str, subject_id: str, reason: str,
                           declared_by: str) -> InspectionConflict:
    """回避声明; declaring the same pair again returns the first declaration."""
    if not reason.strip():
        raise Refusal("REQUIRED", "须说明回避理由", "reason")
    try:
        async with in_transaction():
            row, _ = await InspectionConflict.get_or_create(
                inspector_id=inspector_id, subject_id=subject_id,
                defaults={"id": uuid.uuid4(), "reason": reason.strip()[:200],
                          "declared_by_id": declared_by})
    except IntegrityError:  # declared concurrently: the other one won
        row = await InspectionConflict.get(inspector_id=inspector_id, subject_id=subject_id)
    return row
