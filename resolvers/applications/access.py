"""Who sees which 办件, in which role, and which live-update topics they hear.

- Applicants: their own applications (a personal session) or their enterprise's
  (a session acting for it). Drafts are theirs alone.
- Staff of the handling department (CLERK, APPROVER, DEPT_ADMIN, AGENCY_HEAD),
  supervisors over its region, system administrators: the whole file, except
  that in 异地代收代办 the handling side's part begins once the receiving window
  has forwarded the materials.
- Staff of the receiving window: the receiving part only (hand-over steps,
  materials, shared steps), never the handling side's reasons or decisions.
Anything else is missing, never forbidden-looking.
"""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from auth.permissions import region_prefix, scope_for_staff
from auth.viewer import Viewer
from models.applications.record import Side
from models.applications.rules import CrossProvinceMode, Role, Status
from models.applications.tables import Application

VIEW_ROLES = ("CLERK", "APPROVER", "DEPT_ADMIN", "AGENCY_HEAD", "SUPERVISOR", "SYSTEM_ADMIN")
_HANDED_OVER = ("FORWARDED", "HANDLER_RECEIVED")
TOPIC = "applications"


def citizen_filter(viewer: Viewer) -> dict[str, Any] | None:
    """Queryset filters for the applications this citizen session speaks for."""
    if not viewer.is_citizen or not viewer.account_id:
        return None
    if viewer.acting_enterprise_id:
        return {"enterprise_id": viewer.acting_enterprise_id}
    return {"applicant_id": viewer.account_id, "enterprise_id__isnull": True}


def owns(viewer: Viewer, row: Any) -> bool:
    if not viewer.is_citizen or not viewer.account_id:
        return False
    if viewer.acting_enterprise_id:
        return row.enterprise_id is not None and str(row.enterprise_id) == \
            viewer.acting_enterprise_id
    return str(row.applicant_id) == viewer.account_id and row.enterprise_id is None


def is_staff_viewer(viewer: Viewer) -> bool:
    return viewer.is_staff and viewer.has_role(*VIEW_ROLES)


def handling_sees(row: Any) -> bool:
    if row.status == Status.DRAFT:
        return False
    return row.mode != CrossProvinceMode.PROXY or row.handover in _HANDED_OVER


def staff_side(viewer: Viewer, row: Any) -> Side | None:
    if not is_staff_viewer(viewer) or row.status == Status.DRAFT:
        return None
    scope = scope_for_staff(viewer)
    if handling_sees(row) and scope.allows(row.department_id, row.handling_region_code):
        return Side.HANDLING
    if row.receiving_department_id and scope.allows(row.receiving_department_id,
                                                    row.receiving_region_code):
        return Side.RECEIVING
    return None


def rule_roles(viewer: Viewer, row: Any, side: Side) -> tuple[Role, ...]:
    """The state machine's roles this staff member holds on this application."""
    roles: list[Role] = []
    if side is Side.HANDLING and viewer.department_id == str(row.department_id):
        if viewer.has_role("CLERK"):
            roles.append(Role.CLERK)
        if viewer.has_role("APPROVER"):
            roles.append(Role.APPROVER)
    if side is Side.RECEIVING and viewer.department_id == str(row.receiving_department_id) \
            and viewer.has_role("CLERK"):
        roles.append(Role.RECEIVING_CLERK)
    return tuple(roles)


def queue(viewer: Viewer, side: Side) -> QuerySet[Application]:
    """Every application in this viewer's queue for ``side`` (callers check the role)."""
    scope = scope_for_staff(viewer)
    if side is Side.RECEIVING:
        return Application.filter(**scope.filters(
            department_field="receiving_department_id",
            region_field="receiving_region_code")).exclude(status=Status.DRAFT)
    return Application.filter(**scope.filters(
        department_field="department_id", region_field="handling_region_code")).filter(
        Q(mode__not=CrossProvinceMode.PROXY) | Q(handover__in=_HANDED_OVER)).exclude(
        status=Status.DRAFT)


# --- live-update topics ---------------------------------------------------------


def _region_topics(code: str | None) -> list[str]:
    if not code:
        return []
    prefix = region_prefix(code)
    return [f"{TOPIC}:region:{prefix[:n]}" for n in range(2, len(prefix) + 1, 2)]


def topics_for(viewer: Viewer) -> list[str]:
    """What a subscriber hears; an empty list means nothing (not allowed)."""
    if viewer.is_citizen and viewer.account_id:
        if viewer.acting_enterprise_id:
            return [f"{TOPIC}:enterprise:{viewer.acting_enterprise_id}"]
        return [f"{TOPIC}:applicant:{viewer.account_id}"]
    if not is_staff_viewer(viewer):
        return []
    scope = scope_for_staff(viewer)
    if scope.everything:
        return [f"{TOPIC}:all"]
    if scope.region_prefix:
        return [f"{TOPIC}:region:{scope.region_prefix}"]
    return [f"{TOPIC}:department:{viewer.department_id}"]


def topics_of(row: Any, side: Side) -> list[str]:
    """Where an event of ``side`` on this application is published."""
    topics = [f"{TOPIC}:enterprise:{row.enterprise_id}" if row.enterprise_id
              else f"{TOPIC}:applicant:{row.applicant_id}"]
    if handling_sees(row):
        topics += [f"{TOPIC}:department:{row.department_id}", f"{TOPIC}:all",
                   *_region_topics(row.handling_region_code)]
    if row.receiving_department_id and side is not Side.HANDLING:
        topics += [f"{TOPIC}:department:{row.receiving_department_id}",
                   *_region_topics(row.receiving_region_code)]
    return list(dict.fromkeys(topics))
