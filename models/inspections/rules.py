"""Inspection rules as data: plan and task state machines, grades, results, region scope."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from models.errors import Refusal

ADMIN_ROLES = ("DEPT_ADMIN", "AGENCY_HEAD")  # 部门管理员、负责人: plans, items, publication
INSPECTOR_ROLE = "INSPECTOR"
OVERSIGHT_ROLES = ("SUPERVISOR", "SYSTEM_ADMIN")  # see figures and plans beyond one department

DEFAULT_BASE_RATIO = Decimal("0.05")  # 每年抽查比例不低于 5 % (DOMAIN.md §4), configurable per plan
DEFAULT_YEARLY_CAP = 2  # 国办发〔2024〕54号: yearly cap per enterprise, configurable per plan
DEFAULT_INSPECTORS_PER_SUBJECT = 2
PUBLICATION_WORKING_DAYS = 20  # results published within 20 working days of the inspection


class PlanStatus(StrEnum):
    """抽查计划状态."""

    DRAFT = "DRAFT"
    COMMITTED = "COMMITTED"  # seed hash and inputs published
    DRAWN = "DRAWN"  # tasks created
    REVEALED = "REVEALED"  # seed published: anyone can re-run the draw
    CANCELLED = "CANCELLED"


class TaskStatus(StrEnum):
    """检查任务状态."""

    ASSIGNED = "ASSIGNED"
    IN_PROGRESS = "IN_PROGRESS"
    FINISHED = "FINISHED"
    PUBLISHED = "PUBLISHED"


class CreditGrade(StrEnum):
    """信用等级 (A 守信 … D 失信)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class RiskGrade(StrEnum):
    """风险等级."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    VERY_HIGH = "VERY_HIGH"


RISK_LABELS = {RiskGrade.LOW: "低风险", RiskGrade.MEDIUM: "一般风险",
               RiskGrade.HIGH: "较高风险", RiskGrade.VERY_HIGH: "高风险"}


class InspectionResult(StrEnum):
    """检查结果 (the categories results are published under)."""

    NO_PROBLEM = "NO_PROBLEM"
    RECTIFICATION_ORDERED = "RECTIFICATION_ORDERED"
    FURTHER_ACTION = "FURTHER_ACTION"
    NOT_CONTACTABLE = "NOT_CONTACTABLE"
    NO_RELEVANT_ACTIVITY = "NO_RELEVANT_ACTIVITY"
    REFUSED_INSPECTION = "REFUSED_INSPECTION"


RESULT_LABELS = {
    InspectionResult.NO_PROBLEM: "未发现问题",
    InspectionResult.RECTIFICATION_ORDERED: "发现问题已责令改正",
    InspectionResult.FURTHER_ACTION: "发现问题待后续处理",
    InspectionResult.NOT_CONTACTABLE: "通过登记的住所（经营场所）无法联系",
    InspectionResult.NO_RELEVANT_ACTIVITY: "未发现开展本次抽查涉及的经营活动",
    InspectionResult.REFUSED_INSPECTION: "不配合检查情节严重",
}
# A finding that may become a penalty case (案件线索).
CASE_LEAD_RESULTS = frozenset({InspectionResult.RECTIFICATION_ORDERED,
                               InspectionResult.FURTHER_ACTION,
                               InspectionResult.REFUSED_INSPECTION})


@dataclass(frozen=True)
class Transition:
    target: str
    roles: frozenset[str]
    label: str


def _t(target: str, roles: Iterable[str], label: str) -> Transition:
    return Transition(target, frozenset(roles), label)


# (state, action) -> transition. The same tables drive `availableActions`.
PLAN_TRANSITIONS: Mapping[tuple[str, str], Transition] = {
    (PlanStatus.DRAFT, "COMMIT"): _t(PlanStatus.COMMITTED, ADMIN_ROLES, "公布种子承诺"),
    (PlanStatus.COMMITTED, "DRAW"): _t(PlanStatus.DRAWN, ADMIN_ROLES, "抽取"),
    (PlanStatus.DRAWN, "REVEAL"): _t(PlanStatus.REVEALED, ADMIN_ROLES, "公布种子"),
    (PlanStatus.DRAFT, "CANCEL"): _t(PlanStatus.CANCELLED, ADMIN_ROLES, "撤销计划"),
    # A committed plan may be cancelled, but stays public with its commitment,
    # so shopping for a better seed by re-committing is visible to everyone.
    (PlanStatus.COMMITTED, "CANCEL"): _t(PlanStatus.CANCELLED, ADMIN_ROLES, "撤销计划"),
}

TASK_TRANSITIONS: Mapping[tuple[str, str], Transition] = {
    (TaskStatus.ASSIGNED, "START"): _t(TaskStatus.IN_PROGRESS, [INSPECTOR_ROLE], "开始检查"),
    (TaskStatus.IN_PROGRESS, "START"): _t(TaskStatus.IN_PROGRESS, [INSPECTOR_ROLE], "开始检查"),
    # an offline device may upload a record that is already finished
    (TaskStatus.ASSIGNED, "FINISH"): _t(TaskStatus.FINISHED, [INSPECTOR_ROLE], "完成检查"),
    (TaskStatus.IN_PROGRESS, "FINISH"): _t(TaskStatus.FINISHED, [INSPECTOR_ROLE], "完成检查"),
    # corrections are allowed until the result is published
    (TaskStatus.FINISHED, "FINISH"): _t(TaskStatus.FINISHED, [INSPECTOR_ROLE], "更正检查结果"),
    (TaskStatus.FINISHED, "PUBLISH"): _t(TaskStatus.PUBLISHED, ADMIN_ROLES, "公示结果"),
}

# Why a move is refused: by (state, action), else by action.
_PLAN_REFUSALS: Mapping[object, str] = {
    "COMMIT": "只有草稿状态的计划可以公布种子承诺",
    "DRAW": "只有已公布种子承诺、尚未抽取的计划可以抽取",
    "REVEAL": "只有已抽取、尚未公布种子的计划可以公布种子",
    "CANCEL": "已抽取或已撤销的计划不能撤销",
}
_TASK_REFUSALS: Mapping[object, str] = {
    (TaskStatus.FINISHED, "START"): "检查已完成，更正记录时须保留完成信息",
    "START": "检查结果已公示，不能再修改检查记录",
    "FINISH": "检查结果已公示，不能再修改检查记录",
    "PUBLISH": "只有已完成、尚未公示的检查可以公示",
}


def _apply(table: Mapping[tuple[str, str], Transition], refusals: Mapping[object, str],
           state: str, action: str, roles: Iterable[str]) -> str:
    transition = table.get((state, action))
    if transition is None:
        message = refusals.get((state, action)) or refusals.get(action, "当前状态不允许此操作")
        raise Refusal("INVALID_TRANSITION", message)
    if not transition.roles.intersection(roles):
        raise Refusal("NOT_ALLOWED", "您的角色不能执行此操作")
    return transition.target


def apply_plan(state: str, action: str, roles: Iterable[str]) -> str:
    """The plan's next status, or a Refusal (INVALID_TRANSITION / NOT_ALLOWED)."""
    return _apply(PLAN_TRANSITIONS, _PLAN_REFUSALS, state, action, roles)


def apply_task(state: str, action: str, roles: Iterable[str]) -> str:
    """The task's next status, or a Refusal (INVALID_TRANSITION / NOT_ALLOWED)."""
    return _apply(TASK_TRANSITIONS, _TASK_REFUSALS, state, action, roles)


def available_actions(table: Mapping[tuple[str, str], Transition], state: str,
                      roles: Iterable[str]) -> list[str]:
    held = frozenset(roles)
    return [action for (source, action), t in table.items()
            if source == state and t.roles & held]


def region_prefix(code: str) -> str:
    """The code prefix shared by a region and everything under it (GB/T 2260):
    330000 → "33", 330100 → "3301", 330106 → "330106"."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def region_contains(outer: str, inner: str) -> bool:
    return inner.startswith(region_prefix(outer))


def effective_inspections(count: int, counted_year: int | None, year: int) -> int:
    """Inspections a subject has had in ``year`` (the counter resets each year)."""
    return count if counted_year == year else 0
