"""Plan services: create, commit (seed hash + frozen inputs), draw, reveal, cancel.

Commit-reveal: at commit the seed is drawn from the OS and kept secret, its
sha256 and the canonical inputs (subjects, inspectors, conflicts, caps) are
published; the draw then runs on exactly those inputs; the reveal publishes
the seed so anyone can re-run ``models.inspections.draw`` and compare.
"""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from models.accounts.tables import Account
from models.errors import Refusal
from models.inspections import draw as drawing
from models.inspections.draw_codec import parse_inputs, result_to_json
from models.inspections.rules import (
    DEFAULT_BASE_RATIO,
    INSPECTOR_ROLE,
    CreditGrade,
    PlanStatus,
    RiskGrade,
    apply_plan,
    effective_inspections,
    region_contains,
    region_prefix,
)
from models.inspections.tables import (
    InspectionConflict,
    InspectionItem,
    InspectionPlan,
    InspectionSubject,
    InspectionTask,
    InspectionTaskInspector,
)
from models.regions.tables import Department

SEED_BYTES = 32
# the draw names its inputs in snake_case; the GraphQL input in camelCase
_INPUT_FIELDS = {"base_ratio": "baseRatio", "yearly_cap": "yearlyCap",
                 "inspectors_per_subject": "inspectorsPerSubject",
                 "grade_multipliers": "gradeMultipliers"}


@dataclass(frozen=True)
class PlanDraft:
    """抽查计划 as entered. Neither ratio nor count given means the default ratio."""

    name: str
    region_code: str
    item_ids: list[str]
    start_date: date
    end_date: date
    industries: list[str]
    risk_grades: list[str]
    base_ratio: str | None
    count: int | None
    grade_multipliers: dict[str, str]
    yearly_cap: int
    inspectors_per_subject: int


def _decimal(text: str, field: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise Refusal("INVALID_NUMBER", "须为小数，如 0.05", field) from error
    if not value.is_finite():
        raise Refusal("INVALID_NUMBER", "须为有限的小数", field)
    return value


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


async def create_plan(draft: PlanDraft, *, department_id: str, created_by: str,
                      plan_id: uuid.UUID | None = None) -> InspectionPlan:
    department = await Department.get(id=department_id)
    if not draft.name.strip():
        raise Refusal("REQUIRED", "计划名称为必填项", "name")
    if not region_contains(department.region_id, draft.region_code):
        raise Refusal("REGION_OUT_OF_SCOPE", "抽查区域须在本部门辖区内", "regionCode")
    if draft.end_date < draft.start_date:
        raise Refusal("INVALID_PERIOD", "结束日期不能早于开始日期", "endDate")
    if draft.end_date.year != draft.start_date.year:
        raise Refusal("INVALID_PERIOD", "抽查计划不能跨年度", "endDate")
    item_ids = set(draft.item_ids)
    if not item_ids or not all(_is_uuid(i) for i in item_ids):
        raise Refusal("UNKNOWN_ITEM", "抽查事项须是本部门已公布的随机抽查事项", "itemIds")
    items = await InspectionItem.filter(id__in=list(item_ids), department_id=department_id,
                                        is_published=True)
    if len(items) != len(item_ids):
        raise Refusal("UNKNOWN_ITEM", "抽查事项须是本部门已公布的随机抽查事项", "itemIds")
    for grade in draft.risk_grades:
        if grade not in RiskGrade.__members__:
            raise Refusal("INVALID_GRADE", f"未知的风险等级：{grade}", "riskGrades")
    multipliers = {g: _decimal(m, "gradeMultipliers") for g, m in draft.grade_multipliers.items()}
    if set(multipliers) != set(CreditGrade.__members__):
        raise Refusal("INVALID_MULTIPLIER", "须为每个信用等级（A、B、C、D）设置抽查倍数",
                      "gradeMultipliers")
    ratio = None if draft.base_ratio is None else _decimal(draft.base_ratio, "baseRatio")
    if ratio is None and draft.count is None:
        ratio = DEFAULT_BASE_RATIO
    try:  # the draw's own checks on an empty directory: same rules, same messages
        drawing.DrawInputs(plan_id="check", items=(), subjects=(), inspectors=(),
                           conflicts=frozenset(), yearly_cap=draft.yearly_cap, base_ratio=ratio,
                           count=draft.count, grade_multipliers=multipliers,
                           inspectors_per_subject=draft.inspectors_per_subject)
    except Refusal as refusal:
        raise Refusal(refusal.code, refusal.message,
                      _INPUT_FIELDS.get(refusal.field or "", refusal.field)) from None
    return await InspectionPlan.create(
        id=plan_id or uuid.uuid4(), department_id=department_id, name=draft.name.strip(),
        year=draft.start_date.year, region_id=draft.region_code, item_ids=sorted(item_ids),
        industries=sorted(set(draft.industries)), risk_grades=sorted(set(draft.risk_grades)),
        base_ratio=None if ratio is None else format(ratio.normalize(), "f"), count=draft.count,
        grade_multipliers={g: format(m.normalize(), "f") for g, m in sorted(multipliers.items())},
        yearly_cap=draft.yearly_cap, inspectors_per_subject=draft.inspectors_per_subject,
        start_date=draft.start_date, end_date=draft.end_date, status=PlanStatus.DRAFT,
        created_by_id=created_by)


async def _locked(plan_id: str) -> InspectionPlan:
    plan = await InspectionPlan.filter(id=plan_id).select_for_update().first()
    if plan is None:
        raise Refusal("NOT_FOUND", "抽查计划不存在", "planId")
    return plan


async def eligible_inspectors(department_id: str, fields: Iterable[str]) -> list[Account]:
    """执法人员名录 for a plan: active inspectors of the department holding an
    enforcement credential (执法证号) in at least one field of the plan's items."""
    wanted = set(fields)
    staff = await Account.filter(department_id=department_id, kind="STAFF", is_active=True,
                                 badge_number__isnull=False).order_by("badge_number")
    return [a for a in staff if INSPECTOR_ROLE in a.roles and a.badge_number
            and (not wanted or wanted & set(a.enforcement_fields))]


async def snapshot_inputs(plan: InspectionPlan) -> drawing.DrawInputs:
    """Everything the draw depends on, read from the directories now."""
    items = await InspectionItem.filter(id__in=plan.item_ids).order_by("code")
    department = await Department.get(id=plan.department_id)
    inspectors = await eligible_inspectors(str(plan.department_id),
                                           [i.enforcement_field for i in items])
    subjects_qs = InspectionSubject.filter(region_id__startswith=region_prefix(plan.region_id))
    if plan.industries:
        subjects_qs = subjects_qs.filter(industry__in=plan.industries)
    if plan.risk_grades:
        subjects_qs = subjects_qs.filter(risk_grade__in=plan.risk_grades)
    subjects = await subjects_qs
    if not subjects:
        raise Refusal("NO_SUBJECTS", "没有符合条件的检查对象", "regionCode")
    by_account = {str(a.id): a.badge_number for a in inspectors}
    by_subject = {str(s.id): s.credit_code for s in subjects}
    conflicts = await InspectionConflict.filter(
        inspector_id__in=list(by_account)).values_list("inspector_id", "subject_id")
    return drawing.DrawInputs(
        plan_id=str(plan.id), items=tuple(i.code for i in items),
        subjects=tuple(drawing.Subject(s.credit_code, s.credit_grade, s.risk_grade, s.region_id,
                                       effective_inspections(s.inspections_this_year,
                                                             s.counted_year, plan.year))
                       for s in subjects),
        inspectors=tuple(drawing.Inspector(a.badge_number, department.code,
                                           tuple(sorted(a.enforcement_fields)))
                         for a in inspectors),
        conflicts=frozenset((by_account[str(i)], by_subject[str(s)]) for i, s in conflicts
                            if str(s) in by_subject),
        yearly_cap=plan.yearly_cap,
        base_ratio=None if plan.base_ratio is None else Decimal(plan.base_ratio),
        count=plan.count,
        grade_multipliers={g: Decimal(m) for g, m in plan.grade_multipliers.items()},
        inspectors_per_subject=plan.inspectors_per_subject)


async def commit_plan(plan_id: str, *, roles: Iterable[str], now: datetime,
                      randomness: Callable[[int], bytes] = os.urandom) -> InspectionPlan:
    async with in_transaction():
        plan = await _locked(plan_id)
        status = apply_plan(plan.status, "COMMIT", roles)
        seed = randomness(SEED_BYTES)
        try:
            inputs = await snapshot_inputs(plan)
            drawing.draw(inputs, seed)  # refuse now, not after publishing, if it cannot be drawn
        except Refusal as refusal:
            raise Refusal(refusal.code, refusal.message, "planId") from None
        plan.inputs_canonical = drawing.canonical_inputs(inputs).decode("utf-8")
        plan.inputs_digest = drawing.inputs_digest(inputs)
        plan.seed_hex, plan.commitment = seed.hex(), drawing.seed_commitment(seed)
        plan.status, plan.committed_at = status, now
        await plan.save()
    return plan


async def draw_plan(plan_id: str, *, roles: Iterable[str], now: datetime,
                    make_code: Callable[[], str] = lambda: secrets.token_urlsafe(16)
                    ) -> InspectionPlan:
    """Run the committed draw and create one task per drawn subject."""
    async with in_transaction():
        plan = await _locked(plan_id)
        status = apply_plan(plan.status, "DRAW", roles)
        assert plan.inputs_canonical is not None and plan.seed_hex is not None
        result = drawing.draw(parse_inputs(plan.inputs_canonical), bytes.fromhex(plan.seed_hex))
        codes = [a.subject_id for a in result.assignments]
        subjects = {s.credit_code: s for s in await InspectionSubject.filter(
            credit_code__in=codes).select_for_update()}
        for code in codes:  # another plan may have used up the cap since the commit
            s = subjects[code]
            if effective_inspections(s.inspections_this_year, s.counted_year,
                                     plan.year) >= plan.yearly_cap:
                raise Refusal("INPUTS_CHANGED", f"检查对象{code}的年度检查次数已达上限，"
                              "请撤销本计划后重新公布", "planId")
        badges = {a.badge_number: a.id for a in await Account.filter(
            department_id=plan.department_id, badge_number__isnull=False)}
        if not {b for a in result.assignments for b in a.inspector_ids} <= set(badges):
            raise Refusal("INPUTS_CHANGED", "执法人员名录在公布后发生变化，请撤销本计划后重新公布",
                          "planId")
        tasks, assigned = [], []
        for position, assignment in enumerate(result.assignments):
            task = InspectionTask(id=uuid.uuid4(), plan_id=plan.id, position=position,
                                  subject_id=subjects[assignment.subject_id].id,
                                  action_code=make_code())
            tasks.append(task)
            assigned.extend(InspectionTaskInspector(id=uuid.uuid4(), task_id=task.id,
                                                    inspector_id=badges[badge], position=n)
                            for n, badge in enumerate(assignment.inspector_ids))
        await InspectionTask.bulk_create(tasks, batch_size=500)
        await InspectionTaskInspector.bulk_create(assigned, batch_size=500)
        ids = [s.id for s in subjects.values()]
        await InspectionSubject.filter(id__in=ids, counted_year=plan.year).update(
            inspections_this_year=F("inspections_this_year") + 1)
        await InspectionSubject.filter(
            Q(counted_year__isnull=True) | Q(counted_year__lt=plan.year)
            | Q(counted_year__gt=plan.year), id__in=ids,
        ).update(inspections_this_year=1, counted_year=plan.year)
        plan.result, plan.status, plan.drawn_at = result_to_json(result), status, now
        await plan.save()
    return plan


async def reveal_plan(plan_id: str, *, roles: Iterable[str], now: datetime) -> InspectionPlan:
    async with in_transaction():
        plan = await _locked(plan_id)
        plan.status, plan.revealed_at = apply_plan(plan.status, "REVEAL", roles), now
        await plan.save()
    return plan


async def cancel_plan(plan_id: str, *, roles: Iterable[str], reason: str,
                      now: datetime) -> InspectionPlan:
    if not reason.strip():
        raise Refusal("REQUIRED", "须说明撤销理由", "reason")
    async with in_transaction():
        plan = await _locked(plan_id)
        if plan.status == PlanStatus.COMMITTED:
            # publish the seed of an abandoned commitment, so that anyone can see
            # what it would have drawn: cancelling cannot hide an unwanted result
            plan.revealed_at = now
        plan.status = apply_plan(plan.status, "CANCEL", roles)
        plan.cancelled_at, plan.cancel_reason = now, reason.strip()[:200]
        await plan.save()
    return plan
