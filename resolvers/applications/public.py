"""Anonymous progress lookup: application number plus a second factor, rate-limited.

Two counters in Redis stop enumeration: lookups per client address in a
window, and failed second factors per application number (after which even
the right factor is refused until the window passes). A wrong factor and an
unknown number give the same answer: null.
"""

from __future__ import annotations

import re

import strawberry

from auth.errors import BadUserInput, RateLimited
from auth.permissions import describe
from models.applications.numbers import second_factor_matches
from models.applications.tables import Application as ApplicationRow
from models.applications.tables import ApplicationEvent
from resolvers.context import Context
from schema.applications.public import ApplicationProgress

LOOKUPS_PER_ADDRESS = 30
ADDRESS_WINDOW_SECONDS = 600
FAILURES_PER_NUMBER = 5
NUMBER_WINDOW_SECONDS = 3600
_NUMBER = re.compile(r"[0-9]{20}")


async def _count(redis, key: str, window: int) -> int:
    pipe = redis.pipeline()
    pipe.incr(key)
    pipe.expire(key, window, nx=True)
    count, _ = await pipe.execute()
    return int(count)


async def _admit(ctx: Context, number: str) -> None:
    if await _count(ctx.redis, f"applookup:ip:{ctx.client_ip}",
                    ADDRESS_WINDOW_SECONDS) > LOOKUPS_PER_ADDRESS:
        raise RateLimited("查询过于频繁，请稍后再试", retryAfterSeconds=ADDRESS_WINDOW_SECONDS)
    failures = await ctx.redis.get(f"applookup:fail:{number}")
    if failures is not None and int(failures) >= FAILURES_PER_NUMBER:
        raise RateLimited("该办件编号验证失败次数过多，请稍后再试或登录后查看",
                          retryAfterSeconds=NUMBER_WINDOW_SECONDS)


@strawberry.type
class ApplicationPublicQuery:
    @strawberry.field(description=describe(
        "凭办件编号和第二要素（查询码或申请人手机号后四位）匿名查询进度。"
        "不匹配与不存在一样返回 null；按来源地址和办件编号限制尝试次数。"))
    async def application_progress(self, info: strawberry.Info, number: str,
                                   query_code: str | None = None,
                                   phone_tail: str | None = None) -> ApplicationProgress | None:
        ctx: Context = info.context
        if not (query_code or phone_tail):
            raise BadUserInput("请提供查询码或手机号后四位", field="queryCode")
        number = number.strip()
        await _admit(ctx, number)
        row = await ApplicationRow.get_or_none(number=number) if _NUMBER.fullmatch(number) \
            else None
        if row is None or not second_factor_matches(
                ctx.services["pii"], number=number, query_code_enc=row.query_code_enc,
                phone_tail_index_value=row.phone_tail_index, code=query_code,
                phone_tail=(phone_tail or "").strip() or None):
            await _count(ctx.redis, f"applookup:fail:{number}", NUMBER_WINDOW_SECONDS)
            return None
        department = await ctx.loaders["department"].load(str(row.department_id))
        events = await ApplicationEvent.filter(application_id=row.id).order_by("position")
        return ApplicationProgress.from_row(row, department.name if department else "",
                                            list(events))
