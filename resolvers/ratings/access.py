"""Who may see and move which rating and 差评 case.

- The public sees valid ratings only, without the rater's identity.
- The rater (a citizen account) sees their own ratings, invalidated ones too,
  with the department's feedback, and adds the one 追评.
- Staff of the rated department (CLERK, DEPT_ADMIN, AGENCY_HEAD) work its cases:
  回访, 整改, 反馈, public replies; DEPT_ADMIN and AGENCY_HEAD may appeal.
- SUPERVISOR (效能监督) sees the cases of their region and below and decides
  appeals; SYSTEM_ADMIN sees everything.
Anything else resolves as missing, never as forbidden-looking.
"""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet

from auth.permissions import region_prefix, scope_for_staff
from auth.viewer import Viewer
from models.ratings.figures import region_range
from models.ratings.followup import Action, Role
from models.ratings.tables import RatingCase

HANDLERS = ("CLERK", "DEPT_ADMIN", "AGENCY_HEAD")
APPEALERS = ("DEPT_ADMIN", "AGENCY_HEAD")
REVIEWERS = ("SUPERVISOR",)
CASE_VIEWERS = (*HANDLERS, "APPROVER", "SUPERVISOR", "SYSTEM_ADMIN")
ESCALATORS = ("SUPERVISOR", "SYSTEM_ADMIN")
CODE_ISSUERS = ("CLERK",)
POLICY_ADMINS = ("SYSTEM_ADMIN",)
RATER = "评价人本人（公民账号）"
TOPIC = "rating-escalations"


def is_rater(viewer: Viewer, rating: Any) -> bool:
    return (viewer.is_citizen and viewer.account_id is not None
            and rating.rater_id is not None and str(rating.rater_id) == viewer.account_id)


def case_visible(viewer: Viewer, row: Any) -> bool:
    if not (viewer.is_staff and viewer.has_role(*CASE_VIEWERS)):
        return False
    return scope_for_staff(viewer).allows(row.department_id, row.region_code)


def in_department(viewer: Viewer, department_id: Any) -> bool:
    return viewer.is_staff and viewer.department_id == str(department_id)


def case_roles(viewer: Viewer, row: Any) -> tuple[Role, ...]:
    """The follow-up rules' roles this staff member holds on this case."""
    roles: list[Role] = []
    if in_department(viewer, row.department_id) and viewer.has_role(*HANDLERS):
        roles.append(Role.DEPARTMENT_STAFF)
    if viewer.has_role(*REVIEWERS) and case_visible(viewer, row):
        roles.append(Role.SUPERVISOR)
    return tuple(roles)


def hidden_actions(viewer: Viewer) -> frozenset[Action]:
    """Moves the rules allow department staff but our roles keep for the heads."""
    return frozenset() if viewer.has_role(*APPEALERS) else frozenset({Action.APPEAL})


def case_queue(viewer: Viewer) -> QuerySet[RatingCase]:
    scope = scope_for_staff(viewer)
    if scope.everything:
        return RatingCase.all()
    if scope.region_prefix:
        return RatingCase.filter(**region_range("region_code", scope.region_prefix))
    return RatingCase.filter(department_id__in=[scope.department_id] if scope.department_id
                             else [])


def covers(viewer: Viewer, region_code: str) -> bool:
    """A supervisor's region contains ``region_code`` (system administrators: all)."""
    if viewer.has_role("SYSTEM_ADMIN"):
        return True
    mine = region_prefix(viewer.region_code) if viewer.region_code else None
    return mine is not None and region_prefix(region_code).startswith(mine)


def topics_of(region_code: str) -> list[str]:
    """Where an escalation in ``region_code`` is published: its region and every level
    above, so a county's, a city's and the province's supervisors each hear it."""
    prefix = region_prefix(region_code)
    return [f"{TOPIC}:{prefix[:n]}" for n in range(2, len(prefix) + 1, 2)]


def topic_for(viewer: Viewer, region_code: str | None) -> str | None:
    wanted = region_code or viewer.region_code
    if not wanted or not covers(viewer, wanted):
        return None
    return f"{TOPIC}:{region_prefix(wanted)}"
