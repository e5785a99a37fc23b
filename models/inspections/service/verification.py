"""Re-running a published draw and comparing it with what was published and done."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.accounts.tables import Account
from models.inspections.draw import inputs_digest, verify_commitment, verify_draw
from models.inspections.draw_codec import parse_inputs, result_from_json
from models.inspections.tables import InspectionPlan, InspectionSubject, InspectionTask


@dataclass(frozen=True)
class DrawNames:
    """Names for the codes a published result uses (credit codes, badge numbers)."""

    subjects: dict[str, str] = field(default_factory=dict)
    inspectors: dict[str, str] = field(default_factory=dict)


async def draw_names(plan: InspectionPlan) -> DrawNames:
    if not plan.result:
        return DrawNames()
    codes = [a["subject"] for a in plan.result["assignments"]]
    badges = sorted({b for a in plan.result["assignments"] for b in a["inspectors"]})
    subjects = await InspectionSubject.filter(credit_code__in=codes).values_list(
        "credit_code", "name")
    inspectors = await Account.filter(department_id=plan.department_id,
                                      badge_number__in=badges).values_list(
        "badge_number", "display_name")
    return DrawNames(dict(subjects), dict(inspectors))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Verification:
    seed_revealed: bool
    commitment_matches: bool = False
    inputs_match: bool = False
    result_matches: bool = False
    tasks_match: bool = False
    message: str = ""

    @property
    def verified(self) -> bool:
        return (self.seed_revealed and self.commitment_matches and self.inputs_match
                and self.result_matches and self.tasks_match)


async def _actual_tasks(plan: InspectionPlan) -> tuple[tuple[str, tuple[str, ...]], ...]:
    tasks = await InspectionTask.filter(plan_id=plan.id).order_by("position").prefetch_related(
        "subject", "assignments__inspector")
    return tuple((t.subject.credit_code,
                  tuple(a.inspector.badge_number for a in sorted(t.assignments,
                                                                 key=lambda a: a.position)))
                 for t in tasks)


async def verify_plan(plan: InspectionPlan) -> Verification:
    """Check the commitment, the inputs, the result and the tasks actually created."""
    if plan.revealed_at is None or not plan.seed_hex or not plan.commitment:
        return Verification(False, message="种子尚未公布，公布后即可核验")
    seed = bytes.fromhex(plan.seed_hex)
    commitment_ok = verify_commitment(seed, plan.commitment)
    try:
        inputs = parse_inputs(plan.inputs_canonical or "")
    except ValueError:
        return Verification(True, commitment_ok, message="公布的输入不是规范形式")
    inputs_ok = inputs_digest(inputs) == plan.inputs_digest
    actual = await _actual_tasks(plan)
    if plan.result is None:  # cancelled after the commitment: nothing was drawn
        return Verification(True, commitment_ok, inputs_ok, True, not actual,
                            "计划已撤销，未抽取；种子已公布，可自行计算本应抽取的结果")
    claimed = result_from_json(plan.result)
    result_ok = verify_draw(inputs, seed, plan.commitment, claimed)
    tasks_ok = actual == tuple((a.subject_id, a.inspector_ids) for a in claimed.assignments)
    ok = commitment_ok and inputs_ok and result_ok and tasks_ok
    return Verification(True, commitment_ok, inputs_ok, result_ok, tasks_ok,
                        "核验通过：重新抽取的结果与公布结果及实际任务一致" if ok
                        else "核验未通过：重新抽取的结果与公布内容不一致")
