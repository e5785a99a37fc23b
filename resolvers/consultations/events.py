"""Publishing consultation changes: one topic per consultation, one per department queue."""

from __future__ import annotations

from models.consultations.service import Change
from resolvers.context import Context
from schema.node import to_global_id


def consultation_topic(key: str) -> str:
    return f"consultation:{key}"


def department_topic(department_id: str) -> str:
    return f"dept-consultations:{department_id}"


async def publish(ctx: Context, change: Change) -> None:
    row = change.row
    event = {"id": str(to_global_id("Consultation", row.id)), "key": str(row.id),
             "status": row.status, "revision": row.revision}
    hub = ctx.services["events"]
    await hub.publish(consultation_topic(str(row.id)), event)
    for department in sorted(change.departments | ({str(row.department_id)}
                                                   if row.department_id else set())):
        await hub.publish(department_topic(department), event)
