"""Back-office mutations: subject import, items and forms, conflicts, plans and the draw."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal

import strawberry

from auth.errors import NotFound
from auth.permissions import describe
from models.errors import Refusal
from models.inspections.draw import DEFAULT_GRADE_MULTIPLIERS
from models.inspections.forms import FieldType, FormField
from models.inspections.rules import ADMIN_ROLES, INSPECTOR_ROLE
from models.inspections.service import directory, plans
from models.inspections.tables import InspectionPlan as PlanRow
from resolvers.inspections.access import plan_for_admin, scope
from schema.inspections.common import decode_id, inspection_error, pii_cipher
from schema.inspections.directory import InspectionFormTemplate, InspectionItem, InspectionSubject
from schema.inspections.directory import Inspector as InspectorType
from schema.inspections.inputs import (
    InspectionConflictDeclareInput,
    InspectionFormPublishInput,
    InspectionItemCreateInput,
    InspectionPlanActionInput,
    InspectionPlanCancelInput,
    InspectionPlanCreateInput,
    InspectionSubjectsImportInput,
)
from schema.inspections.payloads import (
    InspectionConflict,
    InspectionConflictDeclarePayload,
    InspectionFormPublishPayload,
    InspectionItemCreatePayload,
    InspectionPlanPayload,
    InspectionSubjectImportRow,
    InspectionSubjectsImportPayload,
)
from schema.inspections.tasks import InspectionPlan

ADMINS = ADMIN_ROLES


def _now() -> datetime:
    return datetime.now(UTC)


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except ArithmeticError:
        return Decimal("NaN")  # validate_template reports it as BAD_RANGE


def _field(f) -> FormField:
    return FormField(key=f.key, label=f.label, type=FieldType(f.type), required=f.required,
                     options=tuple(f.options or ()), unit=f.unit, minimum=_decimal(f.minimum),
                     maximum=_decimal(f.maximum), max_length=f.max_length,
                     photo_count=f.photo_count)


async def _csv_text(info: strawberry.Info, input: InspectionSubjectsImportInput) -> str:
    """The CSV given inline, or read from the file store by its hash."""
    if (input.csv is None) == (input.file_sha256 is None):
        raise Refusal("REQUIRED", "csv 与 fileSha256 须且只能填写一项", "csv")
    if input.csv is not None:
        return input.csv
    data = await info.context.services["files"].read(str(input.file_sha256).lower())
    if data is None:
        raise Refusal("FILE_NOT_FOUND", "没有这个文件，请先上传", "fileSha256")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal("INVALID_ENCODING", "CSV 文件须为 UTF-8 编码", "fileSha256") from None


async def _plan_step(info: strawberry.Info, plan_id: str,
                     step: Callable[[str, frozenset[str]], Awaitable[PlanRow]]
                     ) -> InspectionPlanPayload:
    where, plan = await plan_for_admin(info.context, plan_id)
    try:
        row = await step(str(plan.id), where.viewer.roles)
    except Refusal as r:
        return InspectionPlanPayload(errors=[inspection_error(r.code, r.message, r.field)])
    return InspectionPlanPayload(plan=InspectionPlan.from_row(row))


@strawberry.type
class InspectionMutation:
    @strawberry.mutation(description=describe(
        "批量导入检查对象名录（CSV）：逐行报告是否有效及原因；有任何无效行则一行也不导入。",
        *ADMINS))
    async def inspection_subjects_import(self, info: strawberry.Info,
                                         input: InspectionSubjectsImportInput
                                         ) -> InspectionSubjectsImportPayload:
        where = await scope(info.context, *ADMIN_ROLES)
        try:
            outcome = await directory.import_subjects(
                await _csv_text(info, input), scope_region=where.region or "--",
                cipher=pii_cipher(info.context), now=_now(), dry_run=input.dry_run)
        except Refusal as r:
            return InspectionSubjectsImportPayload(
                valid=False, stored=False, errors=[inspection_error(r.code, r.message, r.field)])
        report = outcome.report
        rows = [InspectionSubjectImportRow(
            line=r.line, credit_code=r.credit_code, valid=r.valid,
            errors=[inspection_error(p.code, p.message, f"csv.{r.line}.{p.field}")
                    for p in r.problems]) for r in report.rows]
        errors = [inspection_error(p.code, p.message, p.field) for p in report.problems]
        if not report.valid and not errors:
            errors = [inspection_error("IMPORT_INVALID", "有无效的行，未导入任何数据", "csv")]
        return InspectionSubjectsImportPayload(valid=report.valid, stored=outcome.stored,
                                               created=outcome.created, updated=outcome.updated,
                                               rows=rows, errors=errors)

    @strawberry.mutation(description=describe("发布本部门的随机抽查事项（须有检查依据）。",
                                              *ADMINS))
    async def inspection_item_create(self, info: strawberry.Info,
                                     input: InspectionItemCreateInput
                                     ) -> InspectionItemCreatePayload:
        where = await scope(info.context, *ADMIN_ROLES)
        try:
            row = await directory.create_item(
                department_id=str(where.department_id), code=input.code, name=input.name,
                legal_basis=input.legal_basis, enforcement_field=input.enforcement_field)
        except Refusal as r:
            return InspectionItemCreatePayload(errors=[inspection_error(r.code, r.message,
                                                                        r.field)])
        return InspectionItemCreatePayload(item=InspectionItem.from_row(row))

    @strawberry.mutation(description=describe(
        "发布抽查事项的新版检查表单（旧版本保留，已填写的记录仍指向原版本）。", *ADMINS))
    async def inspection_form_publish(self, info: strawberry.Info,
                                      input: InspectionFormPublishInput
                                      ) -> InspectionFormPublishPayload:
        where = await scope(info.context, *ADMIN_ROLES)
        item = await info.context.loaders["inspection_item"].load(
            decode_id("InspectionItem", input.item_id) or "")
        if item is None or not where.administers(item.department_id):
            raise NotFound("抽查事项不存在")
        try:
            row = await directory.publish_form(
                item_id=str(item.id), title=input.title, fields=[_field(f) for f in input.fields],
                author_id=where.viewer.account_id)
        except Refusal as r:
            return InspectionFormPublishPayload(errors=[inspection_error(r.code, r.message,
                                                                         r.field)])
        return InspectionFormPublishPayload(form=InspectionFormTemplate.from_row(row))

    @strawberry.mutation(description=describe(
        "回避声明：执法人员声明与检查对象有利害关系，此后抽取时不会被选派。重复声明返回原声明。",
        INSPECTOR_ROLE, *ADMINS))
    async def inspection_conflict_declare(self, info: strawberry.Info,
                                          input: InspectionConflictDeclareInput
                                          ) -> InspectionConflictDeclarePayload:
        where = await scope(info.context, INSPECTOR_ROLE, *ADMIN_ROLES)
        subject = await info.context.loaders["inspection_subject"].load(
            decode_id("InspectionSubject", input.subject_id) or "")
        key = decode_id("Inspector", input.inspector_id) if input.inspector_id \
            else where.viewer.account_id
        inspector = await info.context.loaders["inspection_account"].load(key or "")
        own = inspector is not None and str(inspector.id) == where.viewer.account_id
        if (subject is None or not where.covers(subject.region_id) or inspector is None
                or not (own or where.administers(inspector.department_id))):
            raise NotFound("检查对象或执法人员不存在")
        try:
            row = await directory.declare_conflict(
                inspector_id=str(inspector.id), subject_id=str(subject.id), reason=input.reason,
                declared_by=str(where.viewer.account_id))
        except Refusal as r:
            return InspectionConflictDeclarePayload(errors=[inspection_error(r.code, r.message,
                                                                             r.field)])
        return InspectionConflictDeclarePayload(conflict=InspectionConflict(
            reason=row.reason, declared_at=row.declared_at, inspector=InspectorType.from_row(
                inspector), subject=InspectionSubject.from_row(subject)))

    @strawberry.mutation(description=describe("新建本部门的抽查计划（草稿）。", *ADMINS))
    async def inspection_plan_create(self, info: strawberry.Info,
                                     input: InspectionPlanCreateInput) -> InspectionPlanPayload:
        where = await scope(info.context, *ADMIN_ROLES)
        multipliers = ({m.grade: m.multiplier for m in input.grade_multipliers}
                       if input.grade_multipliers is not None
                       else {g: str(m) for g, m in DEFAULT_GRADE_MULTIPLIERS.items()})
        draft = plans.PlanDraft(
            name=input.name, region_code=input.region_code,
            item_ids=[decode_id("InspectionItem", i) or "" for i in input.item_ids],
            start_date=input.start_date, end_date=input.end_date, industries=input.industries,
            risk_grades=[str(g) for g in input.risk_grades], base_ratio=input.base_ratio,
            count=input.count, grade_multipliers=multipliers, yearly_cap=input.yearly_cap,
            inspectors_per_subject=input.inspectors_per_subject)
        try:
            row = await plans.create_plan(draft, department_id=str(where.department_id),
                                          created_by=str(where.viewer.account_id))
        except Refusal as r:
            return InspectionPlanPayload(errors=[inspection_error(r.code, r.message, r.field)])
        return InspectionPlanPayload(plan=InspectionPlan.from_row(row))

    @strawberry.mutation(description=describe(
        "公布种子承诺：生成随机种子（保密），公布其 SHA-256 和冻结的抽取输入。", *ADMINS))
    async def inspection_plan_commit(self, info: strawberry.Info,
                                     input: InspectionPlanActionInput) -> InspectionPlanPayload:
        return await _plan_step(info, input.plan_id, lambda key, roles: plans.commit_plan(
            key, roles=roles, now=_now()))

    @strawberry.mutation(description=describe(
        "抽取：用承诺的种子对冻结的输入抽取检查对象和执法人员，生成检查任务。", *ADMINS))
    async def inspection_plan_draw(self, info: strawberry.Info,
                                   input: InspectionPlanActionInput) -> InspectionPlanPayload:
        return await _plan_step(info, input.plan_id, lambda key, roles: plans.draw_plan(
            key, roles=roles, now=_now()))

    @strawberry.mutation(description=describe("公布种子：此后任何人都可以重新抽取核验。", *ADMINS))
    async def inspection_plan_reveal(self, info: strawberry.Info,
                                     input: InspectionPlanActionInput) -> InspectionPlanPayload:
        return await _plan_step(info, input.plan_id, lambda key, roles: plans.reveal_plan(
            key, roles=roles, now=_now()))

    @strawberry.mutation(description=describe(
        "撤销尚未抽取的计划；已公布承诺的计划撤销时同时公布种子。", *ADMINS))
    async def inspection_plan_cancel(self, info: strawberry.Info,
                                     input: InspectionPlanCancelInput) -> InspectionPlanPayload:
        return await _plan_step(info, input.plan_id, lambda key, roles: plans.cancel_plan(
            key, roles=roles, reason=input.reason, now=_now()))
