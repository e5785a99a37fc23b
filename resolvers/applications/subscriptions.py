"""`applicationUpdated`: live progress through the event hub (Redis pub/sub), so a
move made on any server process reaches subscribers connected to any other.

A subscriber listens only on the topics of what it may see (its own
applications, its enterprise's, its department's queue or its region) and every
event is checked again against the freshly loaded application before it is
sent, so a subscription can never show more than a query would.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime

import strawberry

from auth.errors import Forbidden
from auth.permissions import describe, require_authenticated
from models.applications.rules import Status
from resolvers.applications import access
from resolvers.context import Context, Loaders
from schema.applications.common import uuid_of
from schema.applications.public import ApplicationUpdate
from schema.applications.types import Application, StaffApplication


async def _update(ctx: Context, event: dict) -> ApplicationUpdate | None:
    # A long-lived connection must not serve a cached row: fresh loaders per event.
    ctx.loaders = Loaders(ctx)
    row = await ctx.loaders["application"].load(str(event.get("applicationId", "")))
    if row is None:
        return None
    occurred = datetime.fromisoformat(event["occurredAt"])
    common = {"action": str(event.get("action")), "status": Status(row.status),
              "occurred_at": occurred}
    if access.owns(ctx.viewer, row):
        return ApplicationUpdate(application=Application.from_row(row), staff_application=None,
                                 **common)
    side = access.staff_side(ctx.viewer, row)
    if side is None:
        return None
    if event.get("side") == "HANDLING" and side.value == "RECEIVING":
        return None  # the receiving window hears only its part
    staff = StaffApplication.from_row(row, side, access.rule_roles(ctx.viewer, row, side))
    return ApplicationUpdate(application=None, staff_application=staff, **common)


@strawberry.type
class ApplicationSubscription:
    @strawberry.subscription(description=describe(
        "办件状态变化的实时推送：申请人收到自己（或所代表企业）的办件，工作人员收到本部门队列"
        "（督查人员为所辖地区）的办件。可用 applicationId 只关注一件。", "申请人",
        *access.VIEW_ROLES))
    async def application_updated(self, info: strawberry.Info,
                                  application_id: strawberry.ID | None = None
                                  ) -> AsyncGenerator[ApplicationUpdate, None]:
        ctx: Context = info.context
        topics = access.topics_for(require_authenticated(ctx.viewer))
        if not topics:
            raise Forbidden()
        only = (uuid_of(application_id, "Application", "StaffApplication") or "-") \
            if application_id else None
        stream = ctx.services["events"].subscribe(topics)
        try:
            async for event in stream:
                if only is not None and event.get("applicationId") != only:
                    continue
                update = await _update(ctx, event)
                if update is not None:
                    yield update
        finally:
            await stream.aclose()  # drop this subscriber from the hub at once
