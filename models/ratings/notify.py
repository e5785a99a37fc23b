"""站内信 about 差评 cases: escalations and appeals to supervisors, feedback to the rater.

Messages go into the applications domain's message centre (its Message table),
so supervisors and citizens read them where they read every other message.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from models.accounts.tables import Account
from models.applications.tables import Message
from models.ratings.followup import Step
from models.ratings.policy import lineage
from models.ratings.tables import Rating, RatingCase

SUPERVISOR = "SUPERVISOR"
STEP_LABELS = {Step.CONTACT: "回访核实", Step.RECTIFY: "整改反馈"}


async def supervisors_over(region_code: str) -> list[str]:
    """Account ids of the active supervisors whose region covers ``region_code``."""
    rows = await Account.filter(kind="STAFF", is_active=True,
                                department__region_id__in=lineage(region_code)).only(
        "id", "roles")
    return [str(r.id) for r in rows if SUPERVISOR in (r.roles or [])]


async def _send(recipients: Iterable[str], *, kind: str, title: str, body: str,
                now: datetime, application_id: object | None = None) -> None:
    for recipient in dict.fromkeys(recipients):
        await Message.create(id=uuid.uuid4(), recipient_id=recipient, kind=kind,
                             application_id=application_id, title=title[:128], body=body,
                             created_at=now)


def _what(rating: Rating) -> str:
    return f"「{rating.matter_name}」" if rating.matter_name else "窗口服务"


async def escalation(case: RatingCase, rating: Rating, steps: Iterable[Step],
                     department_name: str, now: datetime) -> None:
    labels = "、".join(STEP_LABELS[s] for s in steps)
    await _send(await supervisors_over(case.region_code), kind="RATING_ESCALATION",
                title=f"差评超期预警：{department_name}",
                body=f"{department_name}关于{_what(rating)}的差评{labels}已超期，请督办。",
                now=now)


async def appeal_filed(case: RatingCase, rating: Rating, department_name: str,
                       now: datetime) -> None:
    await _send(await supervisors_over(case.region_code), kind="RATING_APPEAL",
                title=f"差评申诉待复核：{department_name}",
                body=f"{department_name}对{_what(rating)}的一条差评提出申诉，请复核。", now=now)


async def feedback_given(rating: Rating, wait_days: int, now: datetime) -> None:
    if rating.rater_id is None:
        return  # an anonymous on-site rater cannot be reached
    await _send([str(rating.rater_id)], kind="RATING_FEEDBACK",
                title="您的评价已收到整改反馈",
                body=f"您对{_what(rating)}的评价，部门已整改并反馈。"
                     f"您可在 {wait_days} 天内追评一次。",
                now=now, application_id=rating.application_id)
