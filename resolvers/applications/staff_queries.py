"""Staff queries: work queues sorted by deadline, one application, department figures."""

from __future__ import annotations

from datetime import date

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_roles, scope_for_staff
from models.applications import clock, stats
from models.applications.record import Side
from models.applications.rules import CONCLUDED_STATUSES, OPEN_STATUSES, Status
from resolvers.applications import access
from resolvers.applications.common import staff_application
from resolvers.pagination import paginate
from schema.applications.common import ApplicationSide, ApplicationStatus, today_of, uuid_of
from schema.applications.public import ApplicationDepartmentStats
from schema.applications.types import StaffApplication
from schema.connection import Connection
from schema.regions import Department

# The default queue: everything the authority still has to act on.
WORKING = [s.value for s in (*OPEN_STATUSES, *CONCLUDED_STATUSES) if s is not Status.DELIVERED]


@strawberry.type
class ApplicationStaffQuery:
    @strawberry.field(description=describe(
        "部门工作队列，按期限从近到远排序（暂停计时的排在最后），每条带时效状态与可执行操作。"
        "side=RECEIVING 为异地代收代办的收件队列。默认只列待办（未送达）的办件；按办件编号"
        "（number）查找时不限状态。",
        *access.VIEW_ROLES))
    async def application_queue(
        self, info: strawberry.Info, side: ApplicationSide = Side.HANDLING,  # type: ignore[valid-type]
        status: list[ApplicationStatus] | None = None,  # type: ignore[valid-type]
        department_id: strawberry.ID | None = None, number: str | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> Connection[StaffApplication]:
        viewer = require_roles(info.context.viewer, *access.VIEW_ROLES)
        side = Side(side)
        qs = access.queue(viewer, side)
        if status:
            qs = qs.filter(status__in=[Status(s).value for s in status])
        elif not number:  # a 办件编号 is found whatever its status
            qs = qs.filter(status__in=WORKING)
        if department_id is not None:
            field = "receiving_department_id" if side is Side.RECEIVING else "department_id"
            qs = qs.filter(**{f"{field}__in": [k for k in [uuid_of(department_id)] if k]})
        if number:
            qs = qs.filter(number=number.strip())
        return await paginate(
            qs, order=["sort_due", "id"], first=first, after=after, last=last, before=before,
            to_node=lambda row: StaffApplication.from_row(
                row, side, access.rule_roles(viewer, row, side)))

    @strawberry.field(description=describe(
        "按 ID 获取办件（工作人员视角）；不在本人范围内时为 null。", *access.VIEW_ROLES))
    async def staff_application(self, info: strawberry.Info,
                                id: strawberry.ID) -> StaffApplication | None:
        viewer = require_roles(info.context.viewer, *access.VIEW_ROLES)
        found = await staff_application(info.context, id)
        if found is None:
            return None
        row, side = found
        return StaffApplication.from_row(row, side, access.rule_roles(viewer, row, side))

    @strawberry.field(description=describe(
        "部门办件时效统计与按时办结率（可按决定日期区间统计）；不给 departmentId 时为本部门。",
        *access.VIEW_ROLES))
    async def application_department_stats(
        self, info: strawberry.Info, department_id: strawberry.ID | None = None,
        decided_from: date | None = None, decided_to: date | None = None,
    ) -> ApplicationDepartmentStats:
        viewer = require_roles(info.context.viewer, *access.VIEW_ROLES)
        key = uuid_of(department_id) if department_id else viewer.department_id
        row = await info.context.loaders["department"].load(key) if key else None
        if row is None or not scope_for_staff(viewer).allows(row.id, row.region_id):
            raise NotFound("部门不存在")
        figures = await stats.department_stats(str(row.id), today=today_of(
            info.context.services), table=clock.holiday_table(), decided_from=decided_from,
            decided_to=decided_to)
        return ApplicationDepartmentStats.build(Department.from_row(row), figures)
