"""Real-time 超期预警 for supervisors: escalated cases of their region as they happen."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from auth.errors import Forbidden
from auth.permissions import describe, require_roles
from resolvers.context import Context, Loaders
from resolvers.ratings import access
from resolvers.ratings.casework import view
from schema.ratings.cases import RatingCase


@strawberry.type
class RatingSubscription:
    @strawberry.subscription(description=describe(
        "差评超期预警：本地区（或指定的下级区划）有环节超期并上报时推送该工单。",
        *access.ESCALATORS))
    async def rating_case_escalated(self, info: strawberry.Info,
                                    region_code: str | None = None
                                    ) -> AsyncGenerator[RatingCase, None]:
        ctx: Context = info.context
        viewer = require_roles(ctx.viewer, *access.ESCALATORS)
        topic = access.topic_for(viewer, region_code)
        if topic is None:
            raise Forbidden("只能订阅本人所辖区划")
        async for event in ctx.services["events"].subscribe([topic]):
            # A WebSocket context lives as long as the connection: read afresh each time.
            ctx.loaders = Loaders(ctx)
            row = await ctx.loaders["rating_case"].load(event.get("key", ""))
            if row is not None and access.case_visible(ctx.viewer, row):
                yield view(ctx.viewer, row)
