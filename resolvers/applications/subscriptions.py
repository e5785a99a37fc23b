"""`applicationUpdated`: live progress through the event hub (Redis pub/sub), so a
move made on any server process reaches subscribers connected to any other.

A subscriber listens only on the topics of what it may see (its own
applications, its enterprise's, its department's queue or its region) and every
event is checked again against the freshly loaded application before it is
sent, so a subscription can never show more than a query would.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import OrderedDict
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

import strawberry

from auth.errors import Forbidden
from auth.permissions import describe, require_authenticated
from models.applications.rules import Status
from models.applications.tables import Application as ApplicationRow
from resolvers.applications import access
from resolvers.context import Context, Loaders
from schema.applications.common import uuid_of
from schema.applications.public import ApplicationUpdate
from schema.applications.types import Application, StaffApplication

_SHARED: OrderedDict[tuple[Any, ...], asyncio.Future] = OrderedDict()
_SHARED_EVENTS = 256


async def _row_for(event: dict) -> Any:
    """The application as it is after this event, loaded once per process however
    many local subscribers hear the event (ten thousand clerks' screens cost one
    statement, not ten thousand)."""
    key = (event.get("applicationId"), event.get("occurredAt"), event.get("action"),
           event.get("status"))
    future = _SHARED.get(key)
    if future is None:
        future = asyncio.ensure_future(
            ApplicationRow.get_or_none(id=str(event.get("applicationId", "")))
            if _is_uuid(event.get("applicationId")) else _none())
        _SHARED[key] = future
        while len(_SHARED) > _SHARED_EVENTS:
            _SHARED.popitem(last=False)
    return await asyncio.shield(future)


async def _none() -> None:
    return None


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


async def _update(ctx: Context, event: dict) -> ApplicationUpdate | None:
    # A long-lived connection must not serve a cached row: fresh loaders per event.
    ctx.loaders = Loaders(ctx)
    row = await _row_for(event)
    if row is None:
        return None
    ctx.loaders["application"].prime(str(row.id), row)
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
