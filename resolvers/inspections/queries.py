"""Back-office queries: directories, items, plans, tasks and supervisor figures."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from tortoise.expressions import Q

from auth.errors import NotFound
from auth.permissions import describe
from models.accounts.tables import Account
from models.inspections.publication import local_date
from models.inspections.rules import (
    ADMIN_ROLES,
    INSPECTOR_ROLE,
    OVERSIGHT_ROLES,
    TaskStatus,
    region_prefix,
)
from models.inspections.service.figures import department_figures
from models.inspections.tables import InspectionItem as ItemRow
from models.inspections.tables import InspectionPlan as PlanRow
from models.inspections.tables import InspectionSubject as SubjectRow
from models.inspections.tables import InspectionTask as TaskRow
from resolvers.inspections.access import STAFF_ROLES, department_region, scope, visible_plan
from resolvers.pagination import paginate
from schema.connection import Connection
from schema.inspections.common import decode_id
from schema.inspections.directory import InspectionItem, InspectionSubject, Inspector
from schema.inspections.payloads import InspectionFigures
from schema.inspections.tasks import InspectionPlan, InspectionTask

_STAFF = describe("", *STAFF_ROLES).strip()


async def _department_in_scope(info: strawberry.Info, department_id: strawberry.ID | None):
    where = await scope(info.context)
    key = decode_id("Department", department_id) if department_id else where.department_id
    region = await department_region(info.context, key) if key else ""
    if not key or not region or not (where.member_of(key) or where.oversees(region)):
        raise NotFound("部门不存在")
    return where, key


@strawberry.type
class InspectionQuery:
    @strawberry.field(description="检查对象名录（本部门辖区内），可按名称或信用代码搜索。\n\n"
                      + _STAFF)
    async def inspection_subjects(
        self, info: strawberry.Info, search: str | None = None, region_code: str | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[InspectionSubject]:
        where = await scope(info.context)
        qs = SubjectRow.filter(region_id__startswith=region_prefix(where.region or "--"))
        if region_code:
            qs = qs.filter(region_id__startswith=region_prefix(region_code))
        if search:
            qs = qs.filter(Q(name__icontains=search) | Q(credit_code=search.upper()))
        return await paginate(qs, order=["credit_code"], first=first, after=after,
                              to_node=InspectionSubject.from_row)

    @strawberry.field(description="执法人员名录：一个部门（默认本部门）的执法人员。\n\n" + _STAFF)
    async def inspection_inspectors(self, info: strawberry.Info,
                                    department_id: strawberry.ID | None = None) -> list[Inspector]:
        _where, key = await _department_in_scope(info, department_id)
        rows = await Account.filter(department_id=key, kind="STAFF", is_active=True).order_by(
            "badge_number", "id")
        return [Inspector.from_row(r) for r in rows if INSPECTOR_ROLE in r.roles]

    @strawberry.field(description=describe("随机抽查事项清单，可按部门筛选。"))
    async def inspection_items(
        self, info: strawberry.Info, department_id: strawberry.ID | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[InspectionItem]:
        qs = ItemRow.filter(is_published=True)
        if department_id:
            qs = qs.filter(department_id=decode_id("Department", department_id) or
                           "00000000-0000-0000-0000-000000000000")
        return await paginate(qs, order=["code"], first=first, after=after,
                              to_node=InspectionItem.from_row)

    @strawberry.field(description="抽查计划：一个部门（默认本部门）的计划，新的在前。\n\n" + _STAFF)
    async def inspection_plans(
        self, info: strawberry.Info, department_id: strawberry.ID | None = None,
        year: int | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[InspectionPlan]:
        _where, key = await _department_in_scope(info, department_id)
        qs = PlanRow.filter(department_id=key)
        if year is not None:
            qs = qs.filter(year=year)
        return await paginate(qs, order=["-created_at", "id"], first=first, after=after,
                              to_node=InspectionPlan.from_row)

    @strawberry.field(description=(
        "一个计划的检查任务；执法人员只看到分派给自己的。publicationOverdue 只列超期未公示的。\n\n"
        + _STAFF))
    async def inspection_tasks(
        self, info: strawberry.Info, plan_id: strawberry.ID,
        publication_overdue: bool = False, first: int | None = None, after: str | None = None,
    ) -> Connection[InspectionTask]:
        where, plan = await visible_plan(info.context, plan_id)
        qs = TaskRow.filter(plan_id=plan.id)
        region = await department_region(info.context, plan.department_id)
        if not (where.administers(plan.department_id) or where.oversees(region)):
            qs = qs.filter(assignments__inspector_id=where.viewer.account_id)
        if publication_overdue:
            today = local_date(datetime.now(UTC))
            qs = qs.filter(status=TaskStatus.FINISHED, publish_due__lt=today)
        return await paginate(qs, order=["position", "id"], first=first, after=after,
                              to_node=InspectionTask.from_row)

    @strawberry.field(description=(
        "监管统计：抽查覆盖率、任务完成率、按时公示率、检查表单配置率（一个部门一个年度）。\n\n"
        + describe("", *ADMIN_ROLES, *OVERSIGHT_ROLES).strip()))
    async def inspection_figures(self, info: strawberry.Info, year: int,
                                 department_id: strawberry.ID | None = None
                                 ) -> InspectionFigures:
        await scope(info.context, *ADMIN_ROLES, *OVERSIGHT_ROLES)
        where, key = await _department_in_scope(info, department_id)
        if not (where.administers(key)
                or where.oversees(await department_region(info.context, key))):
            raise NotFound("部门不存在")
        return InspectionFigures.from_figures(
            await department_figures(key, year, datetime.now(UTC)))
