"""`node(id:)` fetchers for the inspection types, scoped like their other entry points."""

from __future__ import annotations

from auth.errors import GatewayError
from models.inspections.rules import INSPECTOR_ROLE
from models.inspections.tables import InspectionTaskInspector
from resolvers.batching import uuid_keys
from resolvers.context import Context
from resolvers.inspections.access import Scope, department_region, may_see_plan, scope
from resolvers.node import node_type
from schema.inspections.directory import (
    InspectionFormTemplate,
    InspectionItem,
    InspectionSubject,
    Inspector,
)
from schema.inspections.tasks import InspectionPlan, InspectionRecord, InspectionTask


async def _scope_or_none(ctx: Context) -> Scope | None:
    try:
        return await scope(ctx)
    except GatewayError:  # anonymous, citizens: nothing here is theirs
        return None


@node_type("InspectionItem")
async def fetch_items(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["inspection_item"].load_many(keys)
    return [InspectionItem.from_row(r) if r else None for r in rows]


@node_type("InspectionFormTemplate")
async def fetch_forms(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["inspection_form"].load_many(keys)
    return [InspectionFormTemplate.from_row(r) if r else None for r in rows]


@node_type("InspectionSubject")
async def fetch_subjects(ctx: Context, keys: list[str]) -> list[object | None]:
    where = await _scope_or_none(ctx)
    rows = await ctx.loaders["inspection_subject"].load_many(keys)
    return [InspectionSubject.from_row(r) if r and where and where.covers(r.region_id) else None
            for r in rows]


@node_type("Inspector")
async def fetch_inspectors(ctx: Context, keys: list[str]) -> list[object | None]:
    where = await _scope_or_none(ctx)
    rows = await ctx.loaders["inspection_account"].load_many(keys)
    found: list[object | None] = []
    for row in rows:
        ok = (row is not None and where is not None and INSPECTOR_ROLE in row.roles
              and row.department_id is not None
              and where.covers(await department_region(ctx, row.department_id)))
        found.append(Inspector.from_row(row) if ok else None)
    return found


@node_type("InspectionPlan")
async def fetch_plans(ctx: Context, keys: list[str]) -> list[object | None]:
    where = await _scope_or_none(ctx)
    rows = await ctx.loaders["inspection_plan"].load_many(keys)
    return [InspectionPlan.from_row(r) if r and where and await may_see_plan(ctx, where, r)
            else None for r in rows]


async def _visible_tasks(ctx: Context, where: Scope | None, task_keys: list[str]) -> set[str]:
    """The task ids (among ``task_keys``) the viewer may see, in a fixed number of queries."""
    if where is None:
        return set()
    tasks = [t for t in await ctx.loaders["inspection_task"].load_many(task_keys) if t]
    assigned = {str(t) for t in await InspectionTaskInspector.filter(
        task_id__in=uuid_keys(task_keys), inspector_id=where.viewer.account_id,
    ).values_list("task_id", flat=True)}
    visible = set()
    for task in tasks:
        plan = await ctx.loaders["inspection_plan"].load(str(task.plan_id))
        region = await department_region(ctx, plan.department_id)
        if (str(task.id) in assigned or where.administers(plan.department_id)
                or where.oversees(region)):
            visible.add(str(task.id))
    return visible


@node_type("InspectionTask")
async def fetch_tasks(ctx: Context, keys: list[str]) -> list[object | None]:
    visible = await _visible_tasks(ctx, await _scope_or_none(ctx), keys)
    rows = await ctx.loaders["inspection_task"].load_many(keys)
    return [InspectionTask.from_row(r) if r and str(r.id) in visible else None for r in rows]


@node_type("InspectionRecord")
async def fetch_records(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["inspection_record"].load_many(keys)
    visible = await _visible_tasks(ctx, await _scope_or_none(ctx),
                                   [str(r.task_id) for r in rows if r])
    return [InspectionRecord.from_row(r) if r and str(r.task_id) in visible else None
            for r in rows]
