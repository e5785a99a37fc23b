"""Reading policies: list filters, enterprise matching as one queryset, batch lookups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from models.accounts.tables import Enterprise
from models.policies import rules
from models.policies.rules import ANY, Facet, Profile, Status
from models.policies.tables import EnterpriseProfile, Policy, PolicyFacet, PolicyMatter
from models.policies.vocabulary import EnterpriseSize, Industry


@dataclass(frozen=True)
class ListingFilter:
    """Public filters. ``region_code`` means "in force there": national policies
    and those of the region and its ancestors."""

    region_code: str | None = None
    level: str | None = None
    support_type: str | None = None
    industry: str | None = None
    size: str | None = None
    include_retired: bool = False


def _with_facet(qs: QuerySet[Policy], facet: Facet, values: list[str]) -> QuerySet[Policy]:
    ids = PolicyFacet.filter(facet=facet.value, value__in=values).values("policy_id")
    return qs.filter(id__in=Subquery(ids))


def in_region(qs: QuerySet[Policy], region_code: str) -> QuerySet[Policy]:
    return qs.filter(Q(region_id__isnull=True) | Q(region_id__in=rules.region_chain(region_code)))


def listed(listing: ListingFilter) -> QuerySet[Policy]:
    statuses = [Status.PUBLISHED.value] + ([Status.RETIRED.value] if listing.include_retired
                                           else [])
    return narrowed(Policy.filter(status__in=statuses), listing)


def narrowed(qs: QuerySet[Policy], listing: ListingFilter) -> QuerySet[Policy]:
    if listing.region_code:
        qs = in_region(qs, listing.region_code)
    if listing.level:
        qs = qs.filter(level=listing.level)
    if listing.support_type:
        qs = _with_facet(qs, Facet.SUPPORT, [listing.support_type])
    if listing.industry:
        qs = _with_facet(qs, Facet.INDUSTRY, [ANY, listing.industry])
    if listing.size:
        qs = _with_facet(qs, Facet.SIZE, [ANY, listing.size])
    return qs


def matching(profile: Profile, today: date) -> QuerySet[Policy]:
    """Published policies in force that fit the enterprise (rules.fits, in SQL)."""
    qs = in_region(Policy.filter(status=Status.PUBLISHED.value), profile.region_code)
    qs = qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
    qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    if profile.industry is not None:
        qs = _with_facet(qs, Facet.INDUSTRY, [ANY, profile.industry.value])
    if profile.size is not None:
        qs = _with_facet(qs, Facet.SIZE, [ANY, profile.size.value])
    return qs


@dataclass(frozen=True)
class ProfileUsed:
    profile: Profile
    declared: bool  # False: derived from the credit code, industry and size unknown


async def profile_for(enterprise_id: str) -> ProfileUsed | None:
    row = await EnterpriseProfile.get_or_none(enterprise_id=enterprise_id)
    if row is not None:
        return ProfileUsed(Profile(row.region_id, Industry(row.industry),
                                   EnterpriseSize(row.size)), True)
    enterprise = await Enterprise.get_or_none(id=enterprise_id)
    region = rules.region_from_credit_code(enterprise.credit_code) if enterprise else None
    if region is None:
        return None
    return ProfileUsed(Profile(region, None, None), False)


async def facets_of(policy_ids: Iterable[str]) -> dict[str, dict[Facet, list[str]]]:
    grouped: dict[str, dict[Facet, list[str]]] = defaultdict(lambda: defaultdict(list))
    ids = list(policy_ids)
    if ids:
        for row in await PolicyFacet.filter(policy_id__in=ids).order_by("id"):
            grouped[str(row.policy_id)][Facet(row.facet)].append(row.value)
    return grouped


async def matter_codes_of(policy_ids: Iterable[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    ids = list(policy_ids)
    if ids:
        for row in await PolicyMatter.filter(policy_id__in=ids).order_by("position"):
            grouped[str(row.policy_id)].append(row.basic_code)
    return grouped
