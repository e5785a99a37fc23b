"""Who sees which consultation, and the staff queues.

- The sender sees their own (by account, whatever enterprise they acted for).
- CLERK and DEPT_ADMIN see the consultations their department is handling now.
- SUPERVISOR sees every consultation in their region and below (dispatch,
  escalations); SYSTEM_ADMIN sees all.
Anything else resolves as missing.
"""

from __future__ import annotations

import uuid
from typing import Any

from tortoise.queryset import QuerySet

from auth.errors import NotFound
from auth.permissions import region_prefix, require_roles
from auth.viewer import Viewer
from models.consultations.rules import OPEN_STATUSES, Status
from models.consultations.tables import Consultation
from resolvers.context import Context
from schema.consultations import viewer_roles
from schema.consultations_inputs import ConsultationQueueFilter
from schema.node import from_global_id

HANDLERS = ("CLERK", "DEPT_ADMIN")
DISPATCHERS = ("SUPERVISOR", "SYSTEM_ADMIN")
QUEUE_ROLES = (*HANDLERS, *DISPATCHERS)
STATS_ROLES = ("DEPT_ADMIN", "AGENCY_HEAD", "SUPERVISOR", "SYSTEM_ADMIN")


def decode(global_id: str | None, type_name: str) -> str | None:
    """The UUID key of a global id of ``type_name``, or None."""
    decoded = from_global_id(global_id) if global_id else None
    if decoded is None or decoded[0] != type_name:
        return None
    try:
        return str(uuid.UUID(decoded[1]))
    except ValueError:
        return None


def visible(viewer: Viewer, row: Any) -> bool:
    return bool(viewer_roles(viewer, row))


async def visible_consultation(ctx: Context, global_id: str) -> Consultation:
    """A consultation the viewer may see, else NOT_FOUND (forbidden looks missing)."""
    key = decode(global_id, "Consultation")
    row = await ctx.loaders["consultation"].load(key) if key else None
    if row is None or not visible(ctx.viewer, row):
        raise NotFound("诉求不存在")
    return row


def staff_scope(viewer: Viewer, region_code: str | None = None) -> dict[str, Any]:
    """Queryset filters for the consultations a staff member may work on."""
    require_roles(viewer, *QUEUE_ROLES)
    if viewer.has_role("SYSTEM_ADMIN"):
        return {"region_id__startswith": region_prefix(region_code)} if region_code else {}
    if viewer.has_role("SUPERVISOR") and viewer.region_code:
        mine = region_prefix(viewer.region_code)
        wanted = region_prefix(region_code) if region_code else mine
        return {"region_id__startswith": wanted if wanted.startswith(mine) else "~none~"}
    return {"department_id__in": [viewer.department_id] if viewer.department_id else []}


def queue(viewer: Viewer, where: ConsultationQueueFilter, today: Any) -> QuerySet[Consultation]:
    qs = Consultation.filter(**staff_scope(viewer, where.region_code))
    if where.status is not None:
        qs = qs.filter(status=Status(where.status).value)
    elif where.open_only:
        qs = qs.filter(status__in=[s.value for s in OPEN_STATUSES])
    if where.kind is not None:
        qs = qs.filter(kind=where.kind.value)
    if where.unassigned_only:
        qs = qs.filter(department_id__isnull=True)
    if where.overdue_only:
        qs = qs.filter(due_on__lt=today, status__in=[s.value for s in OPEN_STATUSES])
    if where.escalated_only:
        qs = qs.filter(escalated_at__isnull=False)
    return qs
