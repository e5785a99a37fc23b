"""Demo data: FAQ entries, routing rules and a few consultations in different states.

The consultations go through the real service with fixed clocks, so their
timelines, due dates and statistics are what the API would have produced.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from models.accounts.tables import Account
from models.consultations import service, submission
from models.consultations.drafts import Actor, Draft
from models.consultations.rules import Action, Kind
from models.consultations.seed_data import FAQS, ROUTES
from models.consultations.tables import ConsultationFaq, ConsultationRoute
from models.identity.pii import PiiCipher
from models.regions.seed import department_id

_NAMESPACE = uuid.UUID("3a9e5c1d-7b24-4f6a-8c0e-1d2b3c4d5e6f")
QUERY_CODE_CONTEXT = "consultation.query_code"


async def _faqs() -> None:
    await ConsultationFaq.bulk_create([
        ConsultationFaq(
            id=uuid.uuid5(_NAMESPACE, f"faq:{question}"), question=question, answer=answer,
            keywords=list(keywords), region_id=region,
            department_id=department_id(region or "330000", kind) if kind else None)
        for question, answer, keywords, region, kind in FAQS])


async def _routes() -> None:
    await ConsultationRoute.bulk_create([
        ConsultationRoute(keyword=keyword, department_kind=kind, kind=for_kind,
                          region_prefix=prefix, priority=priority)
        for keyword, kind, for_kind, prefix, priority in ROUTES])


async def _citizen(name: str) -> Account | None:
    return await Account.filter(kind="CITIZEN", display_name=name).first()


async def _staff(username: str) -> Actor:
    account = await Account.get(username=username).select_related("department")
    return Actor(account_id=str(account.id), is_staff=True, staff_roles=frozenset(account.roles),
                 department_id=str(account.department_id),
                 region_code=account.department.region_id)


# (sender, kind, region, content, moves after submission as (days later, staff, action, payload))
_DEMO = [
    ("张伟", Kind.CONSULTATION, "330106", "请问办理食品经营许可需要哪些材料？多久能办好？", []),
    ("李娜", Kind.COMPLAINT, "330106",
     "小区门口新开的饭店油烟直排，晚上味道很大，希望尽快处理。", []),
    ("王强", Kind.CONSULTATION, "330212", "我在鄞州刚换了工作，社保关系怎么转过来？",
     [(0, "clerk.yinzhou", Action.REPLY,
       {"reply": "您好，新单位为您办理参保登记后，原参保关系将自动接续，无需个人申请。"}),
      (1, None, Action.EVALUATE, {"rating": 5, "comment": "回复很快"})]),
    ("陈静", Kind.HELP, "330106", "我的食品经营许可证快到期了，网上延续一直提交失败，请帮忙看看。",
     [(0, "clerk.xihu", Action.REPLY, {"reply": "您好，请更换浏览器后重试。"}),
      (1, None, Action.EVALUATE, {"rating": 2, "comment": "还是提交不了"})]),
    ("张伟", Kind.SUGGESTION, "330106",
     "建议在西湖景区游客中心增设自助服务终端，方便外地游客办事。", []),
]


async def seed_consultations(pii: PiiCipher, now: datetime | None = None) -> str:
    await _faqs()
    await _routes()
    now = now or datetime.now(UTC)
    rng = random.Random(20251001)  # noqa: S311 - demo numbers, not secrets
    made = 0

    def encrypt(code: str) -> str:
        return pii.encrypt(code, context=QUERY_CODE_CONTEXT)

    def decrypt(enc: str) -> str:
        return pii.decrypt(enc, context=QUERY_CODE_CONTEXT)

    for index, (name, kind, region, content, moves) in enumerate(_DEMO):
        sender = await _citizen(name)
        if sender is None:
            continue
        at = now - timedelta(days=3)
        draft = Draft(client_key=f"demo-{index:04d}", kind=kind, content=content,
                      region_code=region)
        result = await submission.submit(submission.Sender(str(sender.id)), draft, now=at,
                                         encrypt=encrypt, decrypt=decrypt, rng=rng)
        for days, username, action, payload in moves:
            actor = await _staff(username) if username else Actor(account_id=str(sender.id))
            await service.act(str(result.row.id), actor, action, dict(payload),
                              now=at + timedelta(days=days, hours=1))
        made += 1
    # One complaint filed the day before National Day 2025, past due and escalated.
    sender = await _citizen("李娜")
    if sender is not None:
        draft = Draft(client_key="demo-national-day", kind=Kind.COMPLAINT, region_code="330106",
                      content="节前在景区商店买到的纪念品明码标价与结账价格不一致，要求退款。")
        filed = datetime(2025, 9, 30, 2, 0, tzinfo=UTC)
        await submission.submit(submission.Sender(str(sender.id)), draft, now=filed,
                                encrypt=encrypt, decrypt=decrypt, rng=rng)
        await service.escalate_overdue("33", now=datetime(2025, 10, 20, 2, 0, tzinfo=UTC))
        made += 1
    return f"{len(FAQS)} FAQ entries, {len(ROUTES)} routing rules, {made} consultations"
