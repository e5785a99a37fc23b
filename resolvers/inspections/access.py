"""Who sees what in the inspection domain.

- Subjects and the inspector directory: staff, within their department's region.
- Plans: staff of the plan's department; supervisors over its region.
- Tasks and records: the inspectors drawn for them, the plan department's
  administrators, supervisors over its region.
- Items, forms, the draw's publication, 行政行为码 and published results: public.
Anything a viewer may not see resolves as missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from auth.errors import NotFound
from auth.permissions import require_roles
from auth.viewer import Viewer
from models.inspections.rules import ADMIN_ROLES, INSPECTOR_ROLE, OVERSIGHT_ROLES, region_contains
from models.inspections.tables import InspectionPlan, InspectionTask, InspectionTaskInspector
from resolvers.context import Context
from schema.inspections.common import decode_id

STAFF_ROLES = (INSPECTOR_ROLE, *ADMIN_ROLES, *OVERSIGHT_ROLES)


@dataclass(frozen=True)
class Scope:
    viewer: Viewer
    department_id: str | None
    region: str | None  # the viewer's department's region

    def covers(self, region_code: str) -> bool:
        return self.region is not None and region_contains(self.region, region_code)

    def member_of(self, department_id: object) -> bool:
        return self.department_id is not None and self.department_id == str(department_id)

    def administers(self, department_id: object) -> bool:
        return self.viewer.has_role(*ADMIN_ROLES) and self.member_of(department_id)

    def oversees(self, region_code: str) -> bool:
        return self.viewer.has_role(*OVERSIGHT_ROLES) and self.covers(region_code)


async def scope(ctx: Context, *roles: str) -> Scope:
    """The viewer's scope; UNAUTHENTICATED / FORBIDDEN unless they hold one of ``roles``."""
    viewer = require_roles(ctx.viewer, *(roles or STAFF_ROLES))
    department = (await ctx.loaders["department"].load(viewer.department_id)
                  if viewer.department_id else None)
    return Scope(viewer, viewer.department_id, department.region_id if department else None)


async def department_region(ctx: Context, department_id: object) -> str:
    department = await ctx.loaders["department"].load(str(department_id))
    return department.region_id if department else ""


async def may_see_plan(ctx: Context, where: Scope, plan: InspectionPlan) -> bool:
    return where.member_of(plan.department_id) or where.oversees(
        await department_region(ctx, plan.department_id))


async def may_see_task(ctx: Context, where: Scope, task: InspectionTask) -> bool:
    plan = await ctx.loaders["inspection_plan"].load(str(task.plan_id))
    if plan is not None and (where.administers(plan.department_id) or where.oversees(
            await department_region(ctx, plan.department_id))):
        return True
    return await InspectionTaskInspector.exists(task_id=task.id,
                                                inspector_id=where.viewer.account_id)


async def plan_for_admin(ctx: Context, plan_id: str) -> tuple[Scope, InspectionPlan]:
    """A plan the viewer administers; FORBIDDEN without the role, NOT_FOUND otherwise."""
    where = await scope(ctx, *ADMIN_ROLES)
    plan = await ctx.loaders["inspection_plan"].load(decode_id("InspectionPlan", plan_id) or "")
    if plan is None or not where.administers(plan.department_id):
        raise NotFound("抽查计划不存在")
    return where, plan


async def visible_plan(ctx: Context, plan_id: str) -> tuple[Scope, InspectionPlan]:
    where = await scope(ctx)
    plan = await ctx.loaders["inspection_plan"].load(decode_id("InspectionPlan", plan_id) or "")
    if plan is None or not await may_see_plan(ctx, where, plan):
        raise NotFound("抽查计划不存在")
    return where, plan
