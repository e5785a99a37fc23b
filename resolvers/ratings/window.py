"""The department's side of a rating: the window's one-time code and public replies."""

from __future__ import annotations

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_roles
from models.errors import Refusal
from models.ratings import submission
from models.regions.tables import Department as DepartmentRow
from resolvers.context import Context
from resolvers.ratings import access
from resolvers.ratings.common import now, refused
from schema.ratings.common import uuid_of
from schema.ratings.inputs import (
    RatingOnSiteCodeIssueInput,
    RatingOnSiteCodeIssuePayload,
    RatingReplyInput,
    RatingReplyPayload,
)
from schema.ratings.stats import RatingOnSiteCode
from schema.ratings.types import Rating


@strawberry.type
class RatingWindowMutation:
    @strawberry.mutation(description=describe(
        "为本次窗口服务生成一次性评价码（一次一评），在窗口屏幕上展示（或生成二维码）；"
        "有效期默认 30 分钟，可按区划设置。", *access.CODE_ISSUERS))
    async def rating_on_site_code_issue(self, info: strawberry.Info,
                                        input: RatingOnSiteCodeIssueInput
                                        ) -> RatingOnSiteCodeIssuePayload:
        ctx: Context = info.context
        viewer = require_roles(ctx.viewer, *access.CODE_ISSUERS)
        department = await DepartmentRow.get_or_none(id=viewer.department_id) \
            if viewer.department_id else None
        if department is None:
            return refused(RatingOnSiteCodeIssuePayload, Refusal(
                "INVALID_INPUT", "您的账号未关联窗口所属部门。"))
        matter = uuid_of(input.matter_id, "Matter") if input.matter_id else None
        if input.matter_id and matter is None:
            return refused(RatingOnSiteCodeIssuePayload, Refusal(
                "MATTER_NOT_FOUND", "事项不存在。", "matterId"))
        try:
            row, code = await submission.issue_code(viewer.account_id or "", department, matter,
                                                    now=now(ctx))
        except Refusal as refusal:
            return refused(RatingOnSiteCodeIssuePayload, refusal)
        return RatingOnSiteCodeIssuePayload(
            on_site_code=RatingOnSiteCode(code=code, expires_at=row.expires_at))

    @strawberry.mutation(description=describe(
        "部门公开回复一条评价（公开展示在评价下方；再次回复将替换）。", *access.HANDLERS))
    async def rating_reply(self, info: strawberry.Info,
                           input: RatingReplyInput) -> RatingReplyPayload:
        ctx: Context = info.context
        viewer = require_roles(ctx.viewer, *access.HANDLERS)
        key = uuid_of(input.rating_id, "Rating")
        row = await ctx.loaders["rating"].load(key) if key else None
        if row is None or not access.in_department(viewer, row.department_id):
            raise NotFound("评价不存在")
        try:
            row = await submission.reply_to(str(row.id), input.reply, now=now(ctx))
        except Refusal as refusal:
            return refused(RatingReplyPayload, refusal)
        return RatingReplyPayload(rating=Rating.from_row(row))
