"""Demo data: a few hundred policies across Zhejiang's levels, and profiles of the demo enterprises.

National and provincial documents are listed once; every city fills in all
local templates and every county two of them (rotated). Documents whose
validity ended are retired, so the library shows both. Ids are uuid5 of the
document so links survive a re-seed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from tortoise.transactions import in_transaction

from models.accounts.seed import DEMO_ENTERPRISES, demo_credit_code
from models.accounts.tables import Enterprise
from models.policies import rules
from models.policies.rules import PolicyTerms, Status
from models.policies.search import index_policies, title_pinyin
from models.policies.seed_data import (
    COUNTY_TEMPLATES_PER_REGION,
    LOCAL,
    NATIONAL,
    PROVINCIAL,
    PolicySeed,
)
from models.policies.tables import EnterpriseProfile, Policy, PolicyFacet, PolicyMatter
from models.policies.vocabulary import EnterpriseSize, Industry, Level
from models.regions.tables import Region

_NAMESPACE = uuid.UUID("8c2f4a6e-1b3d-4e5f-9a7b-0c1d2e3f4a5b")
BATCH = 1000
# Demo enterprises: credit-code stem -> (region, industry, size)
PROFILES = {
    "91330106MA2H00017": ("330106", Industry.INFORMATION_TECHNOLOGY, EnterpriseSize.SMALL),
    "92330212MA2K00025": ("330212", Industry.ACCOMMODATION_CATERING, EnterpriseSize.MICRO),
}


def policy_id(key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"policy:{key}")


def _issued(n: int, today: date) -> date:
    """Spread over the four years before ``today``, deterministically per document."""
    return today - timedelta(days=30 + (n * 37) % 1460)


def _abbr(region: Region | None) -> str:
    if region is None:
        return ""
    return region.name[:1] if region.level != "county" else region.name[:2]


def _build(seed: PolicySeed, region: Region | None, n: int, today: date
           ) -> tuple[Policy, PolicyTerms]:
    name = region.name if region else ""
    issued = _issued(n, today)
    valid_to = issued + timedelta(days=365 * seed.years_valid) if seed.years_valid else None
    terms = PolicyTerms(
        title=seed.title.format(region=name), issuing_body=seed.body.format(region=name),
        issued_on=issued, document_number=seed.number.format(
            abbr=_abbr(region), year=issued.year, n=10 + n % 90),
        valid_from=issued, valid_to=valid_to, industries=seed.industries, sizes=seed.sizes,
        support_types=seed.support,
        summary=seed.summary or f"{seed.title.format(region=name)}的支持内容、申报条件和流程。",
        full_text=_full_text(seed),
        matter_codes=seed.matters)
    rules.validate(terms)
    expired = valid_to is not None and valid_to < today
    level = Level.NATIONAL if region is None else {
        "province": Level.PROVINCIAL, "city": Level.CITY, "county": Level.COUNTY}[region.level]
    published = datetime(issued.year, issued.month, issued.day, 2, tzinfo=UTC)
    policy = Policy(
        id=policy_id(f"{region.code if region else 'national'}:{seed.title}"),
        title=terms.title, title_pinyin=title_pinyin(terms.title),
        document_number=terms.document_number, issuing_body=terms.issuing_body,
        level=level.value, region_id=region.code if region else None, issued_on=issued,
        valid_from=issued, valid_to=valid_to, summary=terms.summary, full_text=terms.full_text,
        attachments=[], status=(Status.RETIRED if expired else Status.PUBLISHED).value,
        published_at=published, retired_at=(
            datetime(valid_to.year, valid_to.month, valid_to.day, 2, tzinfo=UTC)
            if expired and valid_to else None),
        retired_reason="有效期届满" if expired else None)
    return policy, terms


def _full_text(seed: PolicySeed) -> str:
    kind = _kind(seed.title)
    return "\n".join([
        f"第一条 为贯彻落实党中央、国务院和省委、省政府决策部署，制定本{kind}。",
        f"第二条 {seed.summary or '符合条件的企业可按规定申请享受。'}",
        f"第三条 本{kind}自发布之日起施行。"])


def _kind(title: str) -> str:
    for word in ("办法", "细则", "措施", "意见", "政策", "通知", "公告", "计划"):
        if title.endswith(word) or word in title[-6:]:
            return word
    return "文件"


async def seed_policies(today: date | None = None) -> str:
    """Dates are relative to ``today``: documents whose validity has run out by
    then are retired, the rest are in force (and expire over time, as real ones do)."""
    today = today or date.today()
    regions = list(await Region.filter(valid_to__isnull=True).order_by("code"))
    built: list[tuple[Policy, PolicyTerms]] = []
    n = 0
    for seed in NATIONAL:
        built.append(_build(seed, None, n, today))
        n += 1
    for region in regions:
        if region.level == "province":
            templates = PROVINCIAL
        elif region.level == "city":
            templates = LOCAL
        else:
            start = (int(region.code) // 3) % len(LOCAL)
            templates = [LOCAL[(start + k) % len(LOCAL)]
                         for k in range(COUNTY_TEMPLATES_PER_REGION)]
        for seed in templates:
            built.append(_build(seed, region, n, today))
            n += 1
    facets = [PolicyFacet(policy_id=p.id, facet=f.value, value=v)
              for p, terms in built for f, v in rules.facets(terms)]
    matters = [PolicyMatter(policy_id=p.id, basic_code=code, position=i)
               for p, terms in built for i, code in enumerate(terms.matter_codes)]
    policies = [p for p, _ in built]
    async with in_transaction():
        await Policy.bulk_create(policies, batch_size=BATCH)
        await PolicyFacet.bulk_create(facets, batch_size=BATCH)
        await PolicyMatter.bulk_create(matters, batch_size=BATCH)
    keywords = await index_policies(policies)
    profiles = await _profiles()
    retired = sum(1 for p in policies if p.status == Status.RETIRED)
    return (f"{len(policies)} policies ({retired} retired), {keywords} keywords, "
            f"{profiles} enterprise profiles")


async def _profiles() -> int:
    made = 0
    for _name, stem, _links in DEMO_ENTERPRISES:
        if stem not in PROFILES:
            continue
        enterprise = await Enterprise.get_or_none(credit_code=demo_credit_code(stem))
        if enterprise is None:
            continue
        region, industry, size = PROFILES[stem]
        await EnterpriseProfile.create(id=uuid.uuid5(_NAMESPACE, f"profile:{stem}"),
                                       enterprise_id=enterprise.id, region_id=region,
                                       industry=industry.value, size=size.value)
        made += 1
    return made
