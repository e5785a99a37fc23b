"""Public queries: the draw's publication and its verification, 行政行为码, published results."""

from __future__ import annotations

import strawberry

from auth.errors import BadUserInput
from auth.permissions import describe
from models.errors import Refusal
from models.identity.rules import validate_credit_code
from models.inspections.rules import PlanStatus, TaskStatus
from models.inspections.service.verification import draw_names, verify_plan
from models.inspections.tables import InspectionPlan as PlanRow
from models.inspections.tables import InspectionTask as TaskRow
from resolvers.batching import uuid_keys
from resolvers.pagination import paginate
from schema.connection import Connection
from schema.inspections.common import decode_id
from schema.inspections.public import (
    InspectionActionCodeView,
    InspectionDrawPublication,
    InspectionDrawVerification,
    PublishedInspectionResult,
    public_inspectors,
    publication_view,
    published_result,
)


async def _published_plan(plan_id: str) -> PlanRow | None:
    """A plan whose commitment has been made public (drafts are not published)."""
    key = uuid_keys([decode_id("InspectionPlan", plan_id) or ""])
    plan = await PlanRow.get_or_none(id=key[0]) if key else None
    return plan if plan is not None and plan.commitment and plan.status != PlanStatus.DRAFT \
        else None


@strawberry.type
class InspectionPublicQuery:
    @strawberry.field(description=describe(
        "双随机抽取公示：种子承诺、全部输入、抽取结果，以及公布后的种子。草稿计划为 null。"))
    async def inspection_draw_publication(self, info: strawberry.Info, plan_id: strawberry.ID
                                          ) -> InspectionDrawPublication | None:
        plan = await _published_plan(plan_id)
        if plan is None:
            return None
        return publication_view(plan, await draw_names(plan))

    @strawberry.field(description=describe(
        "按公布的输入与种子重新抽取，核验与公布结果和实际任务是否一致。草稿计划为 null。"))
    async def inspection_draw_verification(self, info: strawberry.Info, plan_id: strawberry.ID
                                           ) -> InspectionDrawVerification | None:
        plan = await _published_plan(plan_id)
        if plan is None:
            return None
        check = await verify_plan(plan)
        return InspectionDrawVerification(
            plan_id=plan_id, verified=check.verified, seed_revealed=check.seed_revealed,
            commitment_matches=check.commitment_matches, inputs_match=check.inputs_match,
            result_matches=check.result_matches, tasks_match=check.tasks_match,
            message=check.message)

    @strawberry.field(description=describe(
        "行政行为码核验：检查人员（姓名掩码、执法证号）、检查事项与依据，公示后含检查结果。"
        "码不存在时为 null。"))
    async def inspection_by_action_code(self, info: strawberry.Info, code: str
                                        ) -> InspectionActionCodeView | None:
        task = await TaskRow.filter(action_code=code.strip()).select_related(
            "subject", "plan").first() if 0 < len(code.strip()) <= 32 else None
        if task is None:
            return None
        inspectors = await info.context.loaders["inspection_task_inspectors"].load(str(task.id))
        published = task.status == TaskStatus.PUBLISHED
        return InspectionActionCodeView(
            code=task.action_code, status=task.status, subject_name=task.subject.name,
            subject_credit_code=task.subject.credit_code, plan_name=task.plan.name,
            period_start=task.plan.start_date, period_end=task.plan.end_date,
            inspectors=public_inspectors(inspectors),
            result=published_result(task, task.subject, task.plan) if published else None,
            department_id=str(task.plan.department_id), item_ids=list(task.plan.item_ids))

    @strawberry.field(description=describe("按统一社会信用代码查询已公示的检查结果，新的在前。"))
    async def inspection_results(
        self, info: strawberry.Info, credit_code: str,
        first: int | None = None, after: str | None = None,
    ) -> Connection[PublishedInspectionResult]:
        try:
            code = validate_credit_code(credit_code)
        except Refusal as refusal:
            raise BadUserInput(refusal.message, field="creditCode") from None
        qs = TaskRow.filter(subject__credit_code=code, status=TaskStatus.PUBLISHED)
        return await paginate(qs.select_related("subject", "plan"),
                              order=["-published_at", "id"], first=first, after=after,
                              to_node=lambda t: published_result(t, t.subject, t.plan))
