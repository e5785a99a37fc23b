"""Who may read and maintain the catalogue."""

from __future__ import annotations

from auth.permissions import describe, require_scope
from auth.viewer import Viewer
from models.catalogue.rules import Status
from models.catalogue.service import Actor

READ_SCOPE = "catalogue:read"
MAINTAINER = "DEPT_ADMIN"
STATISTICS_ROLES = ("SUPERVISOR", "SYSTEM_ADMIN")


def public(text: str) -> str:
    return describe(f"{text}\n\n第三方客户端需 {READ_SCOPE} 权限。")


def authorize_read(viewer: Viewer) -> None:
    """The published catalogue is public; a third-party client needs its scope."""
    if viewer.kind == "CLIENT":
        require_scope(viewer, READ_SCOPE)


def may_read(viewer: Viewer) -> bool:
    return viewer.kind != "CLIENT" or READ_SCOPE in viewer.scopes


def may_see(viewer: Viewer, status: str, department_id: str) -> bool:
    """Published and retired versions are public (applications point at them);
    a draft only to the admins of its department and system administrators."""
    if not may_read(viewer):
        return False
    if status != Status.DRAFT:
        return True
    if viewer.kind != "STAFF":
        return False
    return viewer.has_role("SYSTEM_ADMIN") or (
        viewer.has_role(MAINTAINER) and viewer.department_id == department_id)


def actor(viewer: Viewer) -> Actor:
    return Actor(account_id=viewer.account_id, department_id=viewer.department_id,
                 roles=frozenset(viewer.roles))
