"""Authorization helpers: who may call an operation, declared next to it.

Resolvers call ``require(...)`` first thing; the same requirement text goes into
the field's description (``describe(...)``) so the schema shows it.

Row scoping is here too, so every domain filters the same way:
``scope_for_staff(viewer).filters(...)`` for staff lists, ``acts_for_enterprise``
for enterprise data, ``may_see_pii`` before showing a full ID or phone number.
A forbidden row must look missing: filter it out (or return null), never raise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auth.errors import Forbidden, Unauthenticated
from auth.viewer import Viewer

ADMINS = ("DEPT_ADMIN", "SYSTEM_ADMIN")
# Staff whose work spans a region rather than one department.
REGION_WIDE = ("SUPERVISOR",)


def require_authenticated(viewer: Viewer) -> Viewer:
    if not viewer.is_authenticated:
        raise Unauthenticated()
    return viewer


def require_roles(viewer: Viewer, *roles: str) -> Viewer:
    """Staff with at least one of ``roles``; UNAUTHENTICATED before FORBIDDEN."""
    require_authenticated(viewer)
    if not viewer.has_role(*roles):
        raise Forbidden()
    return viewer


def require_kind(viewer: Viewer, *kinds: str) -> Viewer:
    require_authenticated(viewer)
    if viewer.kind not in kinds:
        raise Forbidden()
    return viewer


def require_scope(viewer: Viewer, scope: str) -> Viewer:
    """Third-party clients need the scope; people are not limited by scopes."""
    require_authenticated(viewer)
    if viewer.kind == "CLIENT" and scope not in viewer.scopes:
        raise Forbidden(f"此客户端没有 {scope} 权限")
    return viewer


def require_device(viewer: Viewer) -> Viewer:
    """Handheld-only operations: the token must come from an activated device
    (the Authenticator has already checked it matches the X-Device-Id header)."""
    require_authenticated(viewer)
    if not viewer.device_id:
        raise Forbidden("此操作只能在已激活的执法终端上进行")
    return viewer


def require_enterprise(viewer: Viewer, enterprise_id: str | None = None,
                       roles: Iterable[str] | None = None) -> Viewer:
    """A citizen session acting for an enterprise (that one, when given), with
    one of ``roles`` for it (LEGAL_REPRESENTATIVE, AGENT) when given."""
    require_authenticated(viewer)
    if not viewer.acting_enterprise_id:
        raise Forbidden("请先选择要代表的企业")
    target = viewer.acting_enterprise_id if enterprise_id is None else enterprise_id
    if not acts_for_enterprise(viewer, target, roles):
        raise Forbidden()
    return viewer


def acts_for_enterprise(viewer: Viewer, enterprise_id: object,
                        roles: Iterable[str] | None = None) -> bool:
    """True when this session acts for ``enterprise_id`` (in one of ``roles``)."""
    if not viewer.acting_enterprise_id or str(enterprise_id) != viewer.acting_enterprise_id:
        return False
    return roles is None or viewer.enterprise_role in set(roles)


def is_owner(viewer: Viewer, account_id: object) -> bool:
    return viewer.account_id is not None and str(account_id) == viewer.account_id


def may_see_pii(viewer: Viewer, owner_account_id: object) -> bool:
    """Full ID and phone numbers only to their owner; everyone else sees them masked."""
    return is_owner(viewer, owner_account_id)


def region_prefix(code: str) -> str:
    """GB/T 2260 code → the prefix its sub-areas share: 330000 → 33, 330100 → 3301."""
    prefix = code
    while len(prefix) > 2 and prefix.endswith("00"):
        prefix = prefix[:-2]
    return prefix


@dataclass(frozen=True)
class StaffScope:
    """The staff work a viewer may see: everything, a region subtree, one
    department, or nothing (not staff)."""

    everything: bool = False
    department_id: str | None = None
    region_prefix: str | None = None

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.department_id or self.region_prefix)

    def filters(self, *, department_field: str = "department_id",
                region_field: str = "department__region_id") -> dict[str, Any]:
        """Keyword filters for a tortoise queryset: ``qs.filter(**scope.filters())``.

        ``region_field`` names the row's region code (through a relation if
        need be); it is used only for region-wide staff."""
        if self.everything:
            return {}
        if self.region_prefix:
            return {f"{region_field}__startswith": self.region_prefix}
        if self.department_id:
            return {department_field: self.department_id}
        return {f"{department_field}__in": []}  # matches no row

    def allows(self, department_id: object, region_code: str | None = None) -> bool:
        """The same rule for one row already loaded."""
        if self.everything:
            return True
        if self.region_prefix:
            return region_code is not None and region_code.startswith(self.region_prefix)
        return self.department_id is not None and str(department_id) == self.department_id


def scope_for_staff(viewer: Viewer) -> StaffScope:
    """SYSTEM_ADMIN: everything; SUPERVISOR (效能监督): their region and below;
    other staff: their own department; anyone else: nothing."""
    if not viewer.is_staff:
        return StaffScope()
    if viewer.has_role("SYSTEM_ADMIN"):
        return StaffScope(everything=True)
    if viewer.has_role(*REGION_WIDE) and viewer.region_code:
        return StaffScope(region_prefix=region_prefix(viewer.region_code))
    return StaffScope(department_id=viewer.department_id)


def can_see_account(viewer: Viewer, account: Any) -> bool:
    """An account row (``id``, ``kind``, ``department_id``) is visible to its
    owner, to SYSTEM_ADMIN, and — for staff accounts — to staff whose scope
    covers the account's department. Citizens' accounts reach other staff only
    through the records they handle (applications, cases)."""
    if is_owner(viewer, account.id):
        return True
    if not viewer.is_staff:
        return False
    if viewer.has_role("SYSTEM_ADMIN"):
        return True
    if account.kind != "STAFF":
        return False
    scope = scope_for_staff(viewer)
    region = getattr(account, "region_code", None)
    return scope.allows(account.department_id, region)


def describe(text: str, *roles: str) -> str:
    """A field description that ends with who may use it."""
    who = "、".join(roles) if roles else "公开"
    return f"{text}\n\n权限：{who}"
