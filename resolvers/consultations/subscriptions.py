"""Real-time: a consultation's timeline for its sender and handlers, and a department's queue."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from auth.permissions import describe, require_roles
from resolvers.consultations.access import HANDLERS, visible, visible_consultation
from resolvers.consultations.events import consultation_topic, department_topic
from resolvers.context import Context, Loaders
from schema.consultations import Consultation, ConsultationStatus


def _fresh(ctx: Context) -> None:
    # A WebSocket context lives as long as the connection: drop the loaders'
    # cache so every event is read from the database again.
    ctx.loaders = Loaders(ctx)


@strawberry.type(description="部门诉求队列的变化：诉求转出本部门后 consultation 为 null")
class ConsultationQueueEvent:
    consultation_id: strawberry.ID
    status: ConsultationStatus  # type: ignore[valid-type]
    consultation: Consultation | None


@strawberry.type
class ConsultationSubscription:
    @strawberry.subscription(description=describe(
        "诉求有变化（交办、转办、答复、评价、督办…）时推送最新状态；不存在或无权查看时报 "
        "NOT_FOUND，转出本部门后停止推送。", "诉求人、承办部门、督办人员"))
    async def consultation_updated(self, info: strawberry.Info, id: strawberry.ID
                                   ) -> AsyncGenerator[Consultation, None]:
        ctx: Context = info.context
        row = await visible_consultation(ctx, id)
        async for _event in ctx.services["events"].subscribe([consultation_topic(str(row.id))]):
            _fresh(ctx)
            row = await ctx.loaders["consultation"].load(str(row.id))
            if row is None or not visible(ctx.viewer, row):
                return
            yield Consultation.from_row(row)

    @strawberry.subscription(description=describe(
        "本部门诉求队列的变化（新交办、转入、转出、评价、督办）。", *HANDLERS))
    async def consultation_queue_updated(self, info: strawberry.Info
                                         ) -> AsyncGenerator[ConsultationQueueEvent, None]:
        ctx: Context = info.context
        viewer = require_roles(ctx.viewer, *HANDLERS)
        topics = [department_topic(viewer.department_id)] if viewer.department_id else []
        async for event in ctx.services["events"].subscribe(topics):
            _fresh(ctx)
            row = await ctx.loaders["consultation"].load(event.get("key", ""))
            if row is None:
                continue
            shown = Consultation.from_row(row) if visible(ctx.viewer, row) else None
            yield ConsultationQueueEvent(consultation_id=event["id"],
                                         status=ConsultationStatus(row.status), consultation=shown)
