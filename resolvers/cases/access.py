"""Who sees a case and in which roles they act on it.

- Staff with a case role (INSPECTOR, LEGAL_REVIEWER, AGENCY_HEAD) see their own
  department's cases; SUPERVISOR their region's; SYSTEM_ADMIN all. Seeing is not acting:
  an inspector acts only on cases they are assigned to (and not recused from).
- The party (当事人) sees and acts on their own case: a citizen whose ID number matches,
  or a session acting for the enterprise whose 统一社会信用代码 matches.
- A third-party client with the ``cases:payments`` scope (the payment platform) acts as
  SYSTEM to record receipts; it cannot read cases.
A case one may not see resolves exactly like a missing one.
"""

from __future__ import annotations

from typing import Any

import strawberry

from auth.errors import NotFound
from auth.permissions import StaffScope, require_authenticated, scope_for_staff
from auth.viewer import Viewer
from models.cases.facts import Role
from models.cases.service.common import Actor
from models.cases.tables import Case
from resolvers.context import Context, Loaders
from schema.cases.common import decode_key

CASE_STAFF_ROLES = ("INSPECTOR", "LEGAL_REVIEWER", "AGENCY_HEAD", "SUPERVISOR", "SYSTEM_ADMIN")
ACTING_STAFF_ROLES = ("INSPECTOR", "LEGAL_REVIEWER", "AGENCY_HEAD")
PAYMENT_SCOPE = "cases:payments"


def staff_scope(viewer: Viewer) -> StaffScope:
    if viewer.is_staff and viewer.has_role(*CASE_STAFF_ROLES):
        return scope_for_staff(viewer)
    return StaffScope()


async def staff_may_see(ctx: Context, row: Any) -> bool:
    scope = staff_scope(ctx.viewer)
    if scope.nothing:
        return False
    region = None
    if scope.region_prefix:
        department = await ctx.loaders["department"].load(str(row.department_id))
        region = department.region_id if department else None
    return scope.allows(row.department_id, region)


async def is_party(ctx: Context, row: Any) -> bool:
    viewer = ctx.viewer
    if not viewer.is_citizen or not viewer.account_id:
        return False
    if viewer.acting_enterprise_id:
        code = await ctx.loaders["case_enterprise_code"].load(viewer.acting_enterprise_id)
        return code is not None and code == row.party_credit_code
    if row.party_id_number_index is None:
        return False
    index = await ctx.loaders["case_account_id_index"].load(viewer.account_id)
    return index is not None and index == row.party_id_number_index


async def case_roles(ctx: Context, row: Any) -> frozenset[Role]:
    viewer, roles = ctx.viewer, set()
    if viewer.is_staff and viewer.department_id == str(row.department_id):
        if viewer.has_role("INSPECTOR"):
            officers = await ctx.loaders["case_officers"].load(str(row.id))
            if any(str(o.account_id) == viewer.account_id and o.active and not o.recused
                   for o in officers):
                roles.add(Role.INSPECTOR)
        if viewer.has_role("LEGAL_REVIEWER"):
            roles.add(Role.LEGAL_REVIEWER)
        if viewer.has_role("AGENCY_HEAD"):
            roles.add(Role.AGENCY_HEAD)
    if viewer.is_client and PAYMENT_SCOPE in viewer.scopes:
        roles.add(Role.SYSTEM)
    if await is_party(ctx, row):
        roles.add(Role.PARTY)
    return frozenset(roles)


class Access:
    """The ``CaseAccess`` the schema's Case type asks for its availableActions."""

    async def roles(self, info: strawberry.Info, row: Any) -> frozenset[Role]:
        return await case_roles(info.context, row)


ACCESS = Access()


async def case_row(case_id: str) -> Case | None:
    key = decode_key(case_id, "Case")
    return await Case.get_or_none(id=key) if key else None


async def visible_case(ctx: Context, case_id: str) -> Case | None:
    """A case the viewer may read as staff (None otherwise)."""
    row = await case_row(case_id)
    return row if row is not None and await staff_may_see(ctx, row) else None


async def party_case(ctx: Context, case_id: str) -> Case | None:
    row = await case_row(case_id)
    return row if row is not None and await is_party(ctx, row) else None


async def editable_case(ctx: Context, case_id: str) -> tuple[Case, Actor]:
    """The case and the acting viewer; NOT_FOUND if they may neither see nor act on it."""
    viewer = require_authenticated(ctx.viewer)
    row = await case_row(case_id)
    if row is None:
        raise NotFound("案件不存在")
    roles = await case_roles(ctx, row)
    if not roles and not await staff_may_see(ctx, row):
        raise NotFound("案件不存在")
    return row, Actor(viewer.account_id, roles, viewer.client_id)


def refresh(ctx: Context) -> None:
    """After a write, later fields must not read what the loaders cached before it."""
    ctx.loaders = Loaders(ctx)
