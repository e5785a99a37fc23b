"""Consultation statistics for department heads, supervisors and administrators."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import strawberry

from auth.permissions import describe, region_prefix, require_roles
from auth.viewer import Viewer
from models.consultations import deadlines, stats
from models.consultations.rules import Kind
from models.regions.tables import Department as DepartmentRow
from resolvers.consultations.access import STATS_ROLES, decode
from schema.consultations_inputs import (
    ConsultationDepartmentStats,
    ConsultationFigures,
    ConsultationKindCount,
    ConsultationStats,
)
from schema.regions import Department, Region


def _scope(viewer: Viewer, region_code: str | None, department_key: str | None
           ) -> dict[str, Any] | None:
    """Filters for the figures the viewer may see; None when they asked for more."""
    filters: dict[str, Any] = {}
    if viewer.has_role("SYSTEM_ADMIN") or viewer.has_role("SUPERVISOR"):
        mine = "" if viewer.has_role("SYSTEM_ADMIN") else region_prefix(viewer.region_code or "")
        if viewer.has_role("SUPERVISOR") and not mine:
            return None
        wanted = region_prefix(region_code) if region_code else mine
        if not wanted.startswith(mine):
            return None
        if wanted:
            filters["region_id__startswith"] = wanted
        if department_key:
            filters["department_id"] = department_key
        return filters
    if department_key and department_key != viewer.department_id:
        return None
    return {"department_id__in": [viewer.department_id] if viewer.department_id else []}


def _figures(f: stats.Figures) -> ConsultationFigures:
    def number(value: Any) -> float | None:
        return float(value) if value is not None else None

    return ConsultationFigures(
        total=f.total, replied=f.replied, average_handling_days=number(f.average_handling_days),
        on_time_rate=number(f.on_time_rate), evaluations=f.ratings.valid,
        satisfaction_rate=number(f.satisfaction_rate), bad_rate=number(f.bad_rate),
        score=number(f.score))


@strawberry.type
class ConsultationStatsQuery:
    @strawberry.field(description=describe(
        "诉求统计：按类型和部门的诉求量、平均办理用时（工作日）、按期答复率、满意率。"
        "部门管理员和负责人看本部门，督办人员看本地区及下级；超出范围时返回 null。"
        "since/until 按提交日期（北京时间，含两端）。", *STATS_ROLES))
    async def consultation_stats(
        self, info: strawberry.Info, region_code: str | None = None,
        department_id: strawberry.ID | None = None, since: date | None = None,
        until: date | None = None,
    ) -> ConsultationStats | None:
        viewer = require_roles(info.context.viewer, *STATS_ROLES)
        department_key = decode(department_id, "Department") if department_id else None
        if department_id and department_key is None:
            return None
        filters = _scope(viewer, region_code, department_key)
        if filters is None:
            return None
        if since:
            filters["submitted_at__gte"] = deadlines.day_start(since)
        if until:
            filters["submitted_at__lt"] = deadlines.day_start(until + timedelta(days=1))
        report = await stats.report(filters)
        departments = {str(d.id): d for d in await DepartmentRow.filter(
            id__in=list(report.by_department))}
        region_row = await info.context.loaders["region"].load(region_code) if region_code \
            else None
        return ConsultationStats(
            since=since, until=until, region=Region.from_row(region_row) if region_row else None,
            overall=_figures(report.overall),
            by_kind=[ConsultationKindCount(kind=kind, count=report.by_kind.get(kind.value, 0))
                     for kind in Kind],
            by_department=[ConsultationDepartmentStats(department=Department.from_row(
                departments[key]), figures=_figures(figures))
                for key, figures in sorted(report.by_department.items(),
                                           key=lambda item: departments[item[0]].code)
                if key in departments])
