"""Applicant queries (my applications, one application, messages) and node fetchers."""

from __future__ import annotations

import strawberry

from auth.permissions import describe, require_kind
from models.applications import messages
from models.applications.rules import Status
from models.applications.tables import Application as ApplicationRow
from models.applications.tables import Message as MessageRow
from resolvers.applications import access
from resolvers.applications.common import own_application
from resolvers.context import Context
from resolvers.node import node_type
from resolvers.pagination import paginate
from schema.applications.common import ApplicationStatus, uuid_of
from schema.applications.public import Message
from schema.applications.types import Application, ApplicationBundle, StaffApplication
from schema.connection import Connection

CITIZEN = "申请人本人（个人或代表企业的会话）"


@node_type("Application")
async def fetch_applications(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["application"].load_many(keys)
    return [Application.from_row(r) if r is not None and access.owns(ctx.viewer, r) else None
            for r in rows]


@node_type("StaffApplication")
async def fetch_staff_applications(ctx: Context, keys: list[str]) -> list[object | None]:
    found: list[object | None] = []
    for row in await ctx.loaders["application"].load_many(keys):
        side = access.staff_side(ctx.viewer, row) if row is not None else None
        found.append(StaffApplication.from_row(row, side, access.rule_roles(ctx.viewer, row, side))
                     if side is not None else None)
    return found


@node_type("ApplicationBundle")
async def fetch_bundles(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["application_bundle"].load_many(keys)
    return [ApplicationBundle.from_row(r) if r is not None and access.owns(ctx.viewer, r)
            else None for r in rows]


@node_type("Message")
async def fetch_messages(ctx: Context, keys: list[str]) -> list[object | None]:
    viewer = ctx.viewer
    rows = {str(r.id): r for r in await MessageRow.filter(
        id__in=[k for k in (uuid_of(k) for k in keys) if k], recipient_id=viewer.account_id)
    } if viewer.account_id else {}
    return [Message.from_row(rows[k]) if k in rows else None for k in keys]


@strawberry.type
class ApplicationQuery:
    @strawberry.field(description=describe("我的办件（含草稿），新的在前。", CITIZEN))
    async def my_applications(
        self, info: strawberry.Info, status: list[ApplicationStatus] | None = None,  # type: ignore[valid-type]
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> Connection[Application]:
        viewer = require_kind(info.context.viewer, "CITIZEN")
        qs = ApplicationRow.filter(**(access.citizen_filter(viewer) or {"id__in": []}))
        if status:
            qs = qs.filter(status__in=[Status(s).value for s in status])
        return await paginate(qs, order=["-created_at", "-id"], first=first, after=after,
                              last=last, before=before, to_node=Application.from_row)

    @strawberry.field(description=describe("按 ID 获取我的一件办件；不存在或不属于我时为 null。",
                                           CITIZEN))
    async def application(self, info: strawberry.Info, id: strawberry.ID) -> Application | None:
        row = await own_application(info.context, id)
        return Application.from_row(row) if row else None

    @strawberry.field(description=describe("我的站内信，新的在前。", "已登录用户"))
    async def my_messages(
        self, info: strawberry.Info, unread_only: bool = False, first: int | None = None,
        after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Message]:
        viewer = require_kind(info.context.viewer, "CITIZEN", "STAFF")
        qs = MessageRow.filter(recipient_id=viewer.account_id)
        if unread_only:
            qs = qs.filter(read_at__isnull=True)
        return await paginate(qs, order=["-created_at", "-id"], first=first, after=after,
                              last=last, before=before, to_node=Message.from_row)

    @strawberry.field(description=describe("未读站内信数量。", "已登录用户"))
    async def message_unread_count(self, info: strawberry.Info) -> int:
        viewer = require_kind(info.context.viewer, "CITIZEN", "STAFF")
        return await messages.unread_count(viewer.account_id or "")
