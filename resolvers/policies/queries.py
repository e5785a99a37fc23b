"""Policy queries: search and filters, enterprise matching, the admin's list, vocabularies."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from auth.errors import Forbidden
from auth.permissions import describe, require_enterprise, require_roles
from models.consultations.deadlines import local_day
from models.policies import read, vocabulary
from models.policies.rules import Status
from models.policies.search import search
from models.policies.tables import Policy as Row
from resolvers.pagination import paginate
from resolvers.policies.ranked import paginate_ranked
from schema.connection import Connection
from schema.policies import (
    EnterpriseProfile,
    Policy,
    PolicyFilter,
    PolicyOption,
    PolicyStatus,
)

NEWEST = ["-issued_on", "-id"]
MAINTAINERS = ("DEPT_ADMIN", "SYSTEM_ADMIN")


def _listing(where: PolicyFilter | None) -> read.ListingFilter:
    if where is None:
        return read.ListingFilter()
    return read.ListingFilter(
        region_code=where.region_code, level=where.level.value if where.level else None,
        support_type=where.support_type.value if where.support_type else None,
        industry=where.industry.value if where.industry else None,
        size=where.size.value if where.size else None, include_retired=where.include_retired)


async def _profile(info: strawberry.Info) -> read.ProfileUsed:
    viewer = require_enterprise(info.context.viewer)
    used = await read.profile_for(str(viewer.acting_enterprise_id))
    if used is None:
        raise Forbidden("请先填写企业画像（policyProfileSet）")
    return used


@strawberry.type(description="政策库可选值")
class PolicyVocabulary:
    levels: list[PolicyOption]
    industries: list[PolicyOption]
    enterprise_sizes: list[PolicyOption]
    support_types: list[PolicyOption]


def _options(values) -> list[PolicyOption]:
    return [PolicyOption(value=v.value, label=vocabulary.label(v)) for v in values]


@strawberry.type
class PolicyQuery:
    @strawberry.field(description=describe(
        "政策库：按关键字搜索（中文、1–2 个字、拼音或首字母，如 xwqy）并筛选；"
        "有关键字时按相关度排序，否则最新发布的在前。默认不含已废止的政策。"))
    async def policies(self, info: strawberry.Info, q: str | None = None,
                       filter: PolicyFilter | None = None, first: int | None = None,
                       after: str | None = None, last: int | None = None,
                       before: str | None = None) -> Connection[Policy]:
        listing = _listing(filter)
        if not (q and q.strip()):
            return await paginate(read.listed(listing), order=NEWEST, first=first, after=after,
                                  last=last, before=before, to_node=Policy.from_row)
        statuses = [Status.PUBLISHED.value] + ([Status.RETIRED.value]
                                               if listing.include_retired else [])
        hits = await search(q, statuses)
        allowed = {str(i) for i in await read.narrowed(
            Row.filter(id__in=[h.policy_id for h in hits]), listing).values_list("id", flat=True)}

        async def load(keys: list[list]) -> list[Policy]:
            rows = await info.context.loaders["policy"].load_many([k[2] for k in keys])
            return [Policy.from_row(r) for r in rows]

        return await paginate_ranked([h.key() for h in hits if h.policy_id in allowed],
                                     load=load, first=first, after=after, last=last,
                                     before=before)

    @strawberry.field(description=describe(
        "为当前代表的企业匹配政策：适用于企业所在地区（含上级和国家级）、行业和规模，"
        "已发布且在有效期内，最新的在前；每条带可申请的事项。", "企业用户"))
    async def policy_matches(self, info: strawberry.Info, first: int | None = None,
                             after: str | None = None, last: int | None = None,
                             before: str | None = None) -> Connection[Policy]:
        used = await _profile(info)
        qs = read.matching(used.profile, local_day(datetime.now(UTC)))
        return await paginate(qs, order=NEWEST, first=first, after=after, last=last,
                              before=before, to_node=Policy.from_row)

    @strawberry.field(description=describe(
        "当前代表的企业用于政策匹配的画像；未填写时地区取自统一社会信用代码。", "企业用户"))
    async def policy_profile(self, info: strawberry.Info) -> EnterpriseProfile:
        used = await _profile(info)
        profile = used.profile
        return EnterpriseProfile(industry=profile.industry, size=profile.size,
                                 declared=used.declared, region_code=profile.region_code)

    @strawberry.field(description=describe(
        "本地区的政策（含草稿和已废止的），最近新建的在前；系统管理员看全部。", *MAINTAINERS))
    async def managed_policies(self, info: strawberry.Info,
                               status: PolicyStatus | None = None,  # type: ignore[valid-type]
                               first: int | None = None, after: str | None = None
                               ) -> Connection[Policy]:
        viewer = require_roles(info.context.viewer, *MAINTAINERS)
        qs = Row.all() if viewer.has_role("SYSTEM_ADMIN") else Row.filter(
            region_id__in=[viewer.region_code] if viewer.region_code else [])
        if status is not None:
            qs = qs.filter(status=status.value)
        return await paginate(qs, order=["-created_at", "-id"], first=first, after=after,
                              to_node=Policy.from_row)

    @strawberry.field(description=describe("政策库的层级、行业、规模和支持方式可选值。"))
    def policy_vocabulary(self) -> PolicyVocabulary:
        return PolicyVocabulary(
            levels=_options(vocabulary.Level), industries=_options(vocabulary.Industry),
            enterprise_sizes=_options(vocabulary.EnterpriseSize),
            support_types=_options(vocabulary.SupportType))
