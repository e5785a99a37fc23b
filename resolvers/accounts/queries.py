"""Account queries: the viewer, activation rates, the security log; node fetchers."""

from __future__ import annotations

import strawberry

from auth.permissions import can_see_account, describe, require_roles, scope_for_staff
from models.accounts import devices
from models.accounts.audit import EventKind
from models.accounts.rules import activation_rate
from models.accounts.tables import Account as AccountRow
from models.accounts.tables import Enterprise as EnterpriseRow
from models.accounts.tables import EnterpriseLink as LinkRow
from models.accounts.tables import SecurityEvent as EventRow
from resolvers.batching import uuid_keys
from resolvers.context import Context
from resolvers.node import node_type
from resolvers.pagination import paginate
from schema.accounts import Account, Enterprise, Viewer
from schema.accounts_admin import DeviceActivationStats, SecurityEvent
from schema.connection import Connection
from schema.node import from_global_id
from schema.regions import Department

STATS_ROLES = ("DEPT_ADMIN", "AGENCY_HEAD", "SUPERVISOR", "SYSTEM_ADMIN")


@node_type("Account")
async def fetch_accounts(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["account"].load_many(keys)
    return [Account.from_row(r) if r and can_see_account(ctx.viewer, r) else None for r in rows]


@node_type("Enterprise")
async def fetch_enterprises(ctx: Context, keys: list[str]) -> list[object | None]:
    """Staff see any enterprise; a person only those they are linked to."""
    viewer, valid = ctx.viewer, uuid_keys(keys)
    if not viewer.is_staff:
        valid = [str(i) for i in await LinkRow.filter(
            account_id__in=uuid_keys([viewer.account_id or ""]), enterprise_id__in=valid
        ).values_list("enterprise_id", flat=True)]
    rows = {str(r.id): r for r in await EnterpriseRow.filter(id__in=valid)}
    return [Enterprise.from_row(rows[k]) if k in rows else None for k in keys]


@node_type("SecurityEvent")
async def fetch_events(ctx: Context, keys: list[str]) -> list[object | None]:
    if not ctx.viewer.has_role("SYSTEM_ADMIN"):
        return [None] * len(keys)
    rows = {str(r.id): r for r in await EventRow.filter(id__in=uuid_keys(keys))}
    return [SecurityEvent.from_row(rows[k]) if k in rows else None for k in keys]


@strawberry.type
class AccountQuery:
    @strawberry.field(description="当前登录的账户；未登录或第三方应用时为 null。")
    async def viewer(self, info: strawberry.Info) -> Viewer | None:
        identity = info.context.viewer
        if not identity.account_id:
            return None
        row = await AccountRow.get_or_none(id=identity.account_id)
        return Viewer.from_row(row) if row else None

    @strawberry.field(description=describe(
        "部门执法终端激活率（已激活 / 已发放）。不给 departmentId 时为本部门；"
        "无权查看的部门返回 null。", *STATS_ROLES))
    async def device_activation_stats(self, info: strawberry.Info,
                                      department_id: strawberry.ID | None = None
                                      ) -> DeviceActivationStats | None:
        viewer = require_roles(info.context.viewer, *STATS_ROLES)
        decoded = from_global_id(department_id) if department_id else ("Department",
                                                                        viewer.department_id)
        key = decoded[1] if decoded and decoded[0] == "Department" and decoded[1] else None
        row = await info.context.loaders["department"].load(key) if key and uuid_keys([key]) \
            else None
        if row is None or not scope_for_staff(viewer).allows(row.id, row.region_id):
            return None
        issued, activated = await devices.activation_counts(str(row.id))
        return DeviceActivationStats(department=Department.from_row(row), issued=issued,
                                     activated=activated, rate=activation_rate(issued, activated))

    @strawberry.field(description=describe(
        "安全审计日志（登录、失败、锁定、令牌重用、越权等），新的在前。", "SYSTEM_ADMIN"))
    async def security_events(
        self, info: strawberry.Info, kind: EventKind | None = None,
        account_id: strawberry.ID | None = None, first: int | None = None,
        after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[SecurityEvent]:
        require_roles(info.context.viewer, "SYSTEM_ADMIN")
        qs = EventRow.all()
        if kind is not None:
            qs = qs.filter(kind=kind.value)
        if account_id is not None:
            decoded = from_global_id(account_id)
            key = decoded[1] if decoded and decoded[0] == "Account" else None
            qs = qs.filter(account_id__in=uuid_keys([key]) if key else [])
        return await paginate(qs, order=["-occurred_at", "-id"], first=first, after=after,
                              last=last, before=before, to_node=SecurityEvent.from_row)
