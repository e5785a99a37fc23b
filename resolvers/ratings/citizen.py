"""The rater's side: rate an application or a window visit, see my ratings, add the 追评."""

from __future__ import annotations

import strawberry

from auth.errors import Forbidden, RateLimited
from auth.permissions import describe, require_kind
from models.errors import Refusal
from models.ratings import service, submission
from models.ratings.followup import Action, Role
from models.ratings.submission import RatingInput
from models.ratings.tables import Rating as RatingRow
from models.ratings.tables import RatingCase as RatingCaseRow
from resolvers.context import Context
from resolvers.pagination import paginate
from resolvers.ratings.access import RATER, is_rater
from resolvers.ratings.common import figures_changed, now, publish_escalations, refused
from schema.connection import Connection
from schema.ratings.common import CONTENT_FIELDS, uuid_of
from schema.ratings.inputs import (
    RatingFollowupAddInput,
    RatingFollowupAddPayload,
    RatingOnSiteSubmitInput,
    RatingOnSiteSubmitPayload,
    RatingSubmitInput,
    RatingSubmitPayload,
)
from schema.ratings.types import MyRating, Rating

# Guessing on-site codes: failed codes per client address in a window.
CODE_FAILURES_PER_ADDRESS = 20
CODE_WINDOW_SECONDS = 600


async def _code_failures(ctx: Context, add: bool = False) -> int:
    key = f"rating-code-fail:{ctx.client_ip}"
    if not add:
        return int(await ctx.redis.get(key) or 0)
    pipe = ctx.redis.pipeline()
    pipe.incr(key)
    pipe.expire(key, CODE_WINDOW_SECONDS, nx=True)
    count, _ = await pipe.execute()
    return int(count)


async def own_rating(ctx: Context, global_id: str) -> RatingRow | None:
    key = uuid_of(global_id, "MyRating", "Rating")
    row = await ctx.loaders["rating"].load(key) if key else None
    return row if row is not None and is_rater(ctx.viewer, row) else None


@strawberry.type
class RatingCitizenQuery:
    @strawberry.field(description=describe("我的评价，新的在前。", RATER))
    async def my_ratings(self, info: strawberry.Info, first: int | None = None,
                         after: str | None = None, last: int | None = None,
                         before: str | None = None) -> Connection[MyRating]:
        viewer = require_kind(info.context.viewer, "CITIZEN")
        return await paginate(RatingRow.filter(rater_id=viewer.account_id),
                              order=["-rated_at", "-id"], first=first, after=after, last=last,
                              before=before, to_node=MyRating.from_row)

    @strawberry.field(description=describe(
        "我对某件办件的评价；未评价、不是我的办件时为 null。", RATER))
    async def my_application_rating(self, info: strawberry.Info,
                                    application_id: strawberry.ID) -> MyRating | None:
        viewer = require_kind(info.context.viewer, "CITIZEN")
        key = uuid_of(application_id, "Application")
        row = await RatingRow.get_or_none(application_id=key, rater_id=viewer.account_id) \
            if key else None
        return MyRating.from_row(row) if row else None


@strawberry.type
class RatingCitizenMutation:
    @strawberry.mutation(description=describe(
        "评价已办结的办件（一事一评，仅申请人本人，自愿）。差评（1–2 级）须至少选一个标签或"
        "填写原因，并自动生成差评回访整改工单。同一幂等键重试返回同一条评价；已评价时"
        "返回 ALREADY_RATED。", RATER))
    async def rating_submit(self, info: strawberry.Info,
                            input: RatingSubmitInput) -> RatingSubmitPayload:
        ctx: Context = info.context
        viewer = require_kind(ctx.viewer, "CITIZEN")
        given = RatingInput(input.level, list(input.tags), input.comment)
        try:
            result = await submission.rate_application(
                viewer.account_id or "", uuid_of(input.application_id, "Application"), given,
                input.idempotency_key, now=now(ctx))
        except Refusal as refusal:
            return refused(RatingSubmitPayload, refusal, CONTENT_FIELDS)
        if not result.replayed:
            await figures_changed(ctx)
        return RatingSubmitPayload(rating=MyRating.from_row(result.rating))

    @strawberry.mutation(description=describe(
        "凭窗口评价码评价一次办事（一次一评）：可匿名，也可登录后评价（登录后可追评）。"
        "评价码一次有效、过期作废；同一评价码以相同内容重试返回同一条评价。",
        "公开（匿名或公民账号；工作人员不能代评）"))
    async def rating_on_site_submit(self, info: strawberry.Info,
                                    input: RatingOnSiteSubmitInput) -> RatingOnSiteSubmitPayload:
        ctx: Context = info.context
        if ctx.viewer.is_authenticated and not ctx.viewer.is_citizen:
            raise Forbidden("工作人员和第三方应用不能代为评价")
        if await _code_failures(ctx) >= CODE_FAILURES_PER_ADDRESS:
            raise RateLimited("评价码错误次数过多，请稍后再试",
                              retryAfterSeconds=CODE_WINDOW_SECONDS)
        given = RatingInput(input.level, list(input.tags), input.comment)
        try:
            result = await submission.rate_visit(input.code, ctx.viewer.account_id, given,
                                                 now=now(ctx))
        except Refusal as refusal:
            if refusal.code == "CODE_INVALID":
                await _code_failures(ctx, add=True)
            return refused(RatingOnSiteSubmitPayload, refusal, CONTENT_FIELDS)
        if not result.replayed:
            await figures_changed(ctx)
        return RatingOnSiteSubmitPayload(rating=Rating.from_row(result.rating))

    @strawberry.mutation(description=describe(
        "对已整改反馈的差评追评一次（在追评期限内）。", RATER))
    async def rating_followup_add(self, info: strawberry.Info,
                                  input: RatingFollowupAddInput) -> RatingFollowupAddPayload:
        ctx: Context = info.context
        require_kind(ctx.viewer, "CITIZEN")
        row = await own_rating(ctx, input.rating_id)
        case = await RatingCaseRow.get_or_none(rating_id=row.id) if row else None
        if case is None:
            return refused(RatingFollowupAddPayload, Refusal(
                "CASE_NOT_FOUND", "只能对自己的、已整改反馈的差评追评。", "ratingId"))
        payload = {"level": input.level, "tags": list(input.tags), "reason": input.comment}
        try:
            change = await service.act(str(case.id), Action.FOLLOWUP_RATE,
                                       service.CaseActor(ctx.viewer.account_id, Role.RATER),
                                       payload, now=now(ctx))
        except Refusal as refusal:
            return refused(RatingFollowupAddPayload, refusal, CONTENT_FIELDS)
        await publish_escalations(ctx, [change])
        return RatingFollowupAddPayload(rating=MyRating.from_row(change.rating))
