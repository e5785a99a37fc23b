"""Handheld (掌上执法) queries: my tasks and the one-round-trip offline bundle."""

from __future__ import annotations

from datetime import UTC, date, datetime

import strawberry

from auth.permissions import describe, require_roles
from models.inspections.rules import INSPECTOR_ROLE, TaskStatus
from models.inspections.tables import InspectionFormTemplate as FormRow
from models.inspections.tables import InspectionItem as ItemRow
from models.inspections.tables import InspectionPlan as PlanRow
from models.inspections.tables import InspectionSubject as SubjectRow
from models.inspections.tables import InspectionTask as TaskRow
from resolvers.pagination import paginate
from schema.connection import Connection
from schema.inspections.common import InspectionTaskStatus
from schema.inspections.directory import InspectionFormTemplate, InspectionItem, InspectionSubject
from schema.inspections.payloads import InspectionActionCodeToken, InspectionOfflineBundle
from schema.inspections.tasks import InspectionTask

MAX_BUNDLE_TASKS = 200
OPEN = (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS)


def qr_payload(code: str) -> str:
    return f"zhengwu:xzxwm:{code}"


@strawberry.type
class InspectionHandheldQuery:
    @strawberry.field(description=describe("分派给我的检查任务，新的在前，可按状态筛选。",
                                           INSPECTOR_ROLE))
    async def my_inspection_tasks(
        self, info: strawberry.Info,
        status: list[InspectionTaskStatus] | None = None,  # type: ignore[valid-type]
        first: int | None = None, after: str | None = None,
    ) -> Connection[InspectionTask]:
        viewer = require_roles(info.context.viewer, INSPECTOR_ROLE)
        qs = TaskRow.filter(assignments__inspector_id=viewer.account_id)
        if status:
            qs = qs.filter(status__in=[str(s) for s in status])
        return await paginate(qs, order=["-created_at", "id"], first=first, after=after,
                              to_node=InspectionTask.from_row)

    @strawberry.field(description=describe(
        "离线包：某一天我名下未完成的检查任务、检查对象、抽查事项、当前检查表单和行政行为码，"
        "一次请求取得；SQL 语句数与任务数无关。", INSPECTOR_ROLE))
    async def inspection_offline_bundle(self, info: strawberry.Info,
                                        date: date) -> InspectionOfflineBundle:
        viewer = require_roles(info.context.viewer, INSPECTOR_ROLE)
        loaders = info.context.loaders
        tasks = await TaskRow.filter(
            assignments__inspector_id=viewer.account_id, status__in=OPEN,
            plan__start_date__lte=date, plan__end_date__gte=date,
        ).order_by("plan_id", "position").limit(MAX_BUNDLE_TASKS)
        plans = await PlanRow.filter(id__in=list({t.plan_id for t in tasks}))
        subjects = await SubjectRow.filter(id__in=[t.subject_id for t in tasks])
        item_ids = sorted({i for p in plans for i in p.item_ids})
        items = await ItemRow.filter(id__in=item_ids).order_by("code")
        forms = await FormRow.filter(item_id__in=item_ids).order_by("version")
        latest = {str(f.item_id): f for f in forms}  # ordered by version: the last one wins
        # what nested fields would load again is already here
        loaders["inspection_plan"].prime_many({str(p.id): p for p in plans})
        loaders["inspection_subject"].prime_many({str(s.id): s for s in subjects})
        loaders["inspection_item"].prime_many({str(i.id): i for i in items})
        loaders["inspection_item_forms"].prime_many(
            {str(i.id): [f for f in forms if f.item_id == i.id] for i in items})
        loaders["inspection_form"].prime_many({str(f.id): f for f in forms})
        nodes = [InspectionTask.from_row(t) for t in tasks]
        return InspectionOfflineBundle(
            date=date, generated_at=datetime.now(UTC), tasks=nodes,
            subjects=[InspectionSubject.from_row(s) for s in subjects],
            items=[InspectionItem.from_row(i) for i in items],
            form_templates=[InspectionFormTemplate.from_row(latest[str(i.id)])
                            for i in items if str(i.id) in latest],
            action_codes=[InspectionActionCodeToken(task_id=n.id, code=n.action_code,
                                                    qr_payload=qr_payload(n.action_code))
                          for n in nodes])
