"""Public 好差评 views: the tag catalogue, a matter's ratings, statistics and rankings.

Figures come from SQL aggregates cached briefly in Redis (models/ratings/cache.py),
so a popular public page costs the database a few GROUP BYs a minute at most.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import strawberry

from auth.errors import BadUserInput
from auth.permissions import describe, region_prefix
from models.ratings import cache, figures
from models.ratings.rules import LEVEL_LABELS, Level, is_bad, tags_for
from models.ratings.stats import RankedUnit
from models.ratings.tables import Rating as RatingRow
from models.regions.tables import Department as DepartmentRow
from models.regions.tables import Region as RegionRow
from resolvers.context import Context
from resolvers.pagination import paginate
from schema.connection import Connection
from schema.ratings.common import RatingChannel, RatingRankingUnit, uuid_of
from schema.ratings.inputs import RatingStatsFilter
from schema.ratings.stats import RatingFigures, RatingRankingEntry
from schema.ratings.types import Rating, RatingLevelOption

REGION = re.compile(r"[1-9][0-9]{5}")
PUBLIC = "公开"


def _region(code: str | None, argument: str) -> str | None:
    if code is None:
        return None
    if not REGION.fullmatch(code.strip()):
        raise BadUserInput("区划代码须为六位数字", field=argument)
    return region_prefix(code.strip())


def _key(raw: str | None, type_name: str, argument: str) -> str | None:
    if raw is None:
        return None
    key = uuid_of(raw, type_name)
    if key is None:
        raise BadUserInput(f"{argument} 不是有效的 {type_name} ID", field=argument)
    return key


def _dates(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise BadUserInput("起始日期不能晚于结束日期", field="since")


async def _figures(ctx: Context, scope: figures.Scope) -> RatingFigures:
    async def compute() -> dict:
        found = await figures.figures(scope)
        return {"counts": figures.counts_to_json(found.counts),
                "online": figures.counts_to_json(found.online)}

    data = await cache.cached(ctx.redis, "figures", scope.key(), compute)
    return RatingFigures.build(figures.counts_from_json(data["counts"]),
                               figures.counts_from_json(data["online"]))


async def _ranking(ctx: Context, scope: figures.Scope, by: str) -> list[RankedUnit]:
    async def compute() -> list:
        return [[u.rank, u.unit, str(u.bad_rate) if u.bad_rate is not None else None,
                 u.valid_ratings] for u in await figures.ranking(scope, by)]

    rows = await cache.cached(ctx.redis, "ranking", [by, *scope.key()], compute)
    return [RankedUnit(rank, unit, Decimal(rate) if rate is not None else None, valid)
            for rank, unit, rate, valid in rows]


@strawberry.type
class RatingPublicQuery:
    @strawberry.field(description=describe(
        "评价等级及各等级可选的评价标签（网上与窗口现场的标签略有不同）。", PUBLIC))
    def rating_levels(self, channel: RatingChannel = RatingChannel.ONLINE
                      ) -> list[RatingLevelOption]:
        return [RatingLevelOption(level=int(lv), label=LEVEL_LABELS[lv], bad=is_bad(lv),
                                  tags=list(tags_for(lv, channel.value))) for lv in Level]

    @strawberry.field(description=describe(
        "某事项最近的有效评价（匿名）及部门回复，新的在前；可限定区划。"
        "评分与满意率用 ratingStats(filter: {matterId})。", PUBLIC))
    async def matter_ratings(
        self, info: strawberry.Info, matter_id: strawberry.ID, region_code: str | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> Connection[Rating]:
        qs = RatingRow.filter(matter_id=_key(matter_id, "Matter", "matterId"), valid=True)
        prefix = _region(region_code, "regionCode")
        if prefix:
            qs = qs.filter(**figures.region_range("region_code", prefix))
        return await paginate(qs, order=["-rated_at", "-id"], first=first, after=after,
                              last=last, before=before, to_node=Rating.from_row)

    @strawberry.field(description=describe(
        "评价统计：满意率、差评率、平均分（0–5）、主动评价率、回访率、整改率，按区划、部门、"
        "事项和日期区间。结果缓存约一分钟，新评价和申诉复核后立即失效。", PUBLIC))
    async def rating_stats(self, info: strawberry.Info,
                           filter: RatingStatsFilter | None = None) -> RatingFigures:
        f = filter or RatingStatsFilter()
        _dates(f.since, f.until)
        scope = figures.Scope(
            region_prefix=_region(f.region_code, "filter.regionCode"),
            department_id=_key(f.department_id, "Department", "filter.departmentId"),
            matter_id=_key(f.matter_id, "Matter", "filter.matterId"), since=f.since,
            until=f.until, channel=f.channel.value if f.channel else None)
        return await _figures(info.context, scope)

    @strawberry.field(description=describe(
        "差评率排名（从低到高）：by=REGION 为下级区划（省→市，市→县区），by=DEPARTMENT 为"
        "区划内各部门。只计有效评价；没有评价的单位不列出。", PUBLIC))
    async def rating_rankings(
        self, info: strawberry.Info, by: RatingRankingUnit, region_code: str = "330000",
        since: date | None = None, until: date | None = None,
        channel: RatingChannel | None = None,
    ) -> list[RatingRankingEntry]:
        _dates(since, until)
        scope = figures.Scope(region_prefix=_region(region_code, "regionCode"), since=since,
                              until=until, channel=channel.value if channel else None)
        units = await _ranking(info.context, scope, by.value)
        if by is RatingRankingUnit.REGION:
            regions = {r.code: r for r in await RegionRow.filter(
                code__in=[u.unit for u in units])}
            return [RatingRankingEntry.build(u, regions.get(u.unit), None) for u in units]
        departments = {str(d.id): d for d in await DepartmentRow.filter(
            id__in=[u.unit for u in units])}
        return [RatingRankingEntry.build(u, None, departments.get(u.unit)) for u in units]
