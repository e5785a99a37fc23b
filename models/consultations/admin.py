"""Maintaining what routing and clocks read: FAQ entries and per-region time limits."""

from __future__ import annotations

import uuid

from tortoise.transactions import in_transaction

from models.consultations import rules
from models.consultations.drafts import check_text
from models.consultations.routing import region_chain
from models.consultations.rules import Kind
from models.consultations.tables import ConsultationFaq, ConsultationTimeLimit
from models.errors import Refusal
from models.regions.tables import Region

MAX_KEYWORDS = 5
KEYWORD_MAX = 16


def check_keywords(keywords: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(k.strip() for k in keywords if k.strip()))
    if not 1 <= len(cleaned) <= MAX_KEYWORDS:
        raise Refusal("INVALID_FAQ", f"触发关键词应为 1–{MAX_KEYWORDS} 个", "keywords")
    for index, keyword in enumerate(cleaned):
        if len(keyword) > KEYWORD_MAX:
            raise Refusal("INVALID_FAQ", f"关键词不超过 {KEYWORD_MAX} 个字", f"keywords[{index}]")
    return cleaned


async def create_faq(*, question: str, answer: str, keywords: list[str], kind: Kind | None,
                     region_code: str | None, department_id: str | None,
                     created_by: str | None) -> ConsultationFaq:
    return await ConsultationFaq.create(
        id=uuid.uuid4(), question=check_text(question, 4, 200, "INVALID_FAQ", "问题", "question"),
        answer=check_text(answer, 10, 4000, "INVALID_FAQ", "答案", "answer"),
        keywords=check_keywords(keywords), kind=kind.value if kind else None,
        region_id=region_code, department_id=department_id, created_by_id=created_by)


async def retire_faq(faq: ConsultationFaq) -> ConsultationFaq:
    if faq.active:
        faq.active = False
        await faq.save(update_fields=["active"])
    return faq


async def effective_limits(region_code: str) -> list[tuple[Kind, int, bool]]:
    """(kind, working days, is the default) for each kind in a region."""
    chain = region_chain(region_code)
    overrides = {(r.region_id, Kind(r.kind)): r.working_days
                 for r in await ConsultationTimeLimit.filter(region_id__in=chain)}
    result = []
    for kind in Kind:
        days = rules.time_limit(kind, chain, overrides)
        is_default = not any((code, kind) in overrides for code in chain)
        result.append((kind, days, is_default))
    return result


async def set_time_limit(region_code: str, kind: Kind, working_days: int
                         ) -> list[tuple[Kind, int, bool]]:
    rules.check_time_limit(working_days)
    if not await Region.exists(code=region_code, valid_to__isnull=True):
        raise Refusal("REGION_NOT_FOUND", "地区不存在或已撤销", "regionCode")
    async with in_transaction():
        row = await ConsultationTimeLimit.filter(region_id=region_code, kind=kind.value
                                                 ).select_for_update().first()
        if row is None:
            row = ConsultationTimeLimit(region_id=region_code, kind=kind.value)
        row.working_days = working_days
        await row.save()
    return await effective_limits(region_code)
