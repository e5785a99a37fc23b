"""Rating figures (满意率, 差评率, 主动评价率, 回访率, 整改率, score), rankings and the policy."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry

from models.ratings import stats
from models.ratings.policy import RegionPolicy
from models.ratings.rules import LEVEL_LABELS, Level
from schema.regions import Department, Region


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


@strawberry.type(description="某一等级的有效评价数")
class RatingLevelCount:
    level: int
    label: str
    count: int


@strawberry.type(description="评价统计。比例为 0–1 的小数（四位，如 0.9524 = 95.24%）；"
                             "没有分母时为 null。申诉成立的差评不计入。")
class RatingFigures:
    valid_ratings: int = strawberry.field(description="有效评价数")
    bad_ratings: int = strawberry.field(description="有效差评数（1–2 级）")
    invalidated_ratings: int = strawberry.field(description="申诉成立、不计入统计的评价数")
    by_level: list[RatingLevelCount]
    score: float | None = strawberry.field(description="平均分（0–5，两位小数）")
    satisfaction_rate: float | None = strawberry.field(description="满意率 = 3–5 级 / 有效评价")
    bad_rate: float | None = strawberry.field(description="差评率 = 1–2 级 / 有效评价")
    concluded_applications: int = strawberry.field(description="期间内办结的办件数")
    rated_applications: int = strawberry.field(description="其中已（网上）有效评价的办件数")
    active_rating_rate: float | None = strawberry.field(
        description="主动评价率 = 已评价的办结办件 / 办结办件（只计网上一事一评）")
    contacted_bad_ratings: int
    rectified_bad_ratings: int
    contact_rate: float | None = strawberry.field(
        description="回访率 = 已回访差评 / 差评（目标 100%）")
    rectification_rate: float | None = strawberry.field(
        description="整改率 = 已整改反馈差评 / 差评（目标 100%）")

    @classmethod
    def build(cls, counts: stats.RatingCounts, online: stats.RatingCounts) -> RatingFigures:
        return cls(
            valid_ratings=counts.valid, bad_ratings=counts.bad,
            invalidated_ratings=counts.invalidated,
            by_level=[RatingLevelCount(level=int(lv), label=LEVEL_LABELS[lv],
                                       count=counts.by_level.get(int(lv), 0)) for lv in Level],
            score=_number(stats.score(counts)),
            satisfaction_rate=_number(stats.satisfaction_rate(counts)),
            bad_rate=_number(stats.bad_rate(counts)),
            concluded_applications=online.concluded_applications,
            rated_applications=online.valid,
            active_rating_rate=_number(stats.active_rating_rate(online)),
            contacted_bad_ratings=counts.bad_contacted,
            rectified_bad_ratings=counts.bad_rectified,
            contact_rate=_number(stats.contact_rate(counts)),
            rectification_rate=_number(stats.rectification_rate(counts)))


@strawberry.type(description="差评率排名的一行（从低到高；同率时有效评价多的在前）")
class RatingRankingEntry:
    rank: int
    bad_rate: float | None
    valid_ratings: int
    region: Region | None = strawberry.field(description="按区划排名时的区划")
    department: Department | None = strawberry.field(description="按部门排名时的部门")

    @classmethod
    def build(cls, unit: stats.RankedUnit, region: Any | None, department: Any | None
              ) -> RatingRankingEntry:
        return cls(rank=unit.rank, bad_rate=_number(unit.bad_rate),
                   valid_ratings=unit.valid_ratings,
                   region=Region.from_row(region) if region else None,
                   department=Department.from_row(department) if department else None)


@strawberry.type(description="好差评设置（某区划现行值）")
class RatingPolicy:
    region_code: str = strawberry.field(description="查询的区划")
    source_region_code: str | None = strawberry.field(
        description="生效设置来自哪个区划（本级或上级）；null 表示使用默认值")
    contact_hours: int = strawberry.field(description="回访核实时限（小时，默认 24）")
    rectify_days: int = strawberry.field(description="整改反馈时限（天，默认 15）")
    rectify_in_working_days: bool = strawberry.field(description="整改时限是否按工作日计算")
    followup_wait_days: int = strawberry.field(description="反馈后可追评的天数")
    contact_warn_hours: int = strawberry.field(description="回访“即将到期”提前量（小时）")
    rectify_warn_days: int = strawberry.field(description="整改“即将到期”提前量（天）")
    on_site_code_minutes: int = strawberry.field(description="现场评价码有效期（分钟）")

    @classmethod
    def build(cls, region_code: str, policy: RegionPolicy) -> RatingPolicy:
        f = policy.followup
        return cls(region_code=region_code, source_region_code=policy.source_region,
                   contact_hours=f.contact_hours, rectify_days=f.rectify_days,
                   rectify_in_working_days=f.rectify_in_working_days,
                   followup_wait_days=f.followup_wait_days,
                   contact_warn_hours=f.contact_warn_hours,
                   rectify_warn_days=f.rectify_warn_days,
                   on_site_code_minutes=policy.on_site_code_minutes)


@strawberry.type(description="窗口现场评价码：展示给办事人（可生成二维码），一次有效")
class RatingOnSiteCode:
    code: str = strawberry.field(description="8 位评价码（不含易混淆的 0/O、1/I/L）")
    expires_at: datetime
