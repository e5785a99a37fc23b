"""公示 of penalty decisions: scheduled at the decision (due in 7 working days),
published by the agency, withdrawn within 3 working days once the decision is revoked."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.cases.deadline_view import publication_due, withdrawal_due
from models.cases.documents import describe_penalty
from models.cases.facts import PartyKind, Role
from models.cases.service.common import (
    Actor,
    Write,
    append,
    check_version,
    holiday_table,
    lock_case,
)
from models.cases.snapshot import penalty_from_json
from models.cases.tables import Case, Publication
from models.errors import Refusal
from models.regions.tables import Department


def public_name(case: Case) -> str:
    """Organisations by name; a person's name masked (个人信息保护)."""
    if case.party_kind == PartyKind.ORGANISATION.value:
        return case.party_name
    return case.party_name[:1] + "*" * max(1, len(case.party_name) - 1)


async def schedule(case: Case, decision_number: str, decided_on: date) -> dict[str, Any]:
    department = await Department.get(id=case.department_id)
    penalty = describe_penalty(penalty_from_json(case.decided_penalty))
    due = publication_due(decided_on, holiday_table())
    await Publication.create(
        id=uuid.uuid4(), case_id=case.id, credit_code=case.party_credit_code,
        party_name=public_name(case), decision_number=decision_number,
        department_name=department.name, decided_on=decided_on, publish_due=due,
        content=f"违法事实：{case.summary}；处罚依据：{case.legal_basis}；处罚内容：{penalty}")
    return {"publishDue": due.isoformat()}


async def on_revocation(case: Case, revoked_on: date) -> dict[str, Any] | None:
    """A published entry must come down within 3 working days; an unpublished one is
    simply never published."""
    entry = await Publication.get_or_none(case_id=case.id)
    if entry is None or entry.withdrawn_on is not None:
        return None
    if entry.published_on is None:
        entry.withdraw_due = entry.withdrawn_on = revoked_on
        await entry.save()
        return {"cancelled": True}
    entry.withdraw_due = withdrawal_due(revoked_on, holiday_table())
    await entry.save()
    return {"withdrawDue": entry.withdraw_due.isoformat()}


async def _step(case_id: str, actor: Actor, expected_version: int, now: datetime, today: date,
                kind: str, change) -> Case:
    async with in_transaction():
        case = await lock_case(case_id)
        check_version(case, expected_version)
        role = actor.require(Role.AGENCY_HEAD)
        entry = await Publication.get_or_none(case_id=case.id)
        if entry is None:
            raise Refusal("NOT_PUBLISHABLE", "本案没有需要公示的处罚决定。")
        data = change(entry, today)
        await entry.save()
        await append(case, Write(kind, role, data), actor, now)
    return case


def _publish(entry: Publication, today: date) -> dict[str, Any]:
    if entry.published_on is not None or entry.withdrawn_on is not None:
        raise Refusal("ALREADY_PUBLISHED", "该处罚决定已公示或已撤下。")
    entry.published_on = today
    return {"decisionNumber": entry.decision_number, "due": entry.publish_due.isoformat()}


def _withdraw(entry: Publication, today: date) -> dict[str, Any]:
    if entry.withdraw_due is None or entry.withdrawn_on is not None:
        raise Refusal("NOT_WITHDRAWABLE", "只有已公示且处罚决定已被撤销的信息才能撤下。")
    entry.withdrawn_on = today
    return {"decisionNumber": entry.decision_number, "due": entry.withdraw_due.isoformat()}


async def publish(case_id: str, actor: Actor, *, expected_version: int, now: datetime,
                  today: date) -> Case:
    return await _step(case_id, actor, expected_version, now, today, "PUBLISHED", _publish)


async def withdraw(case_id: str, actor: Actor, *, expected_version: int, now: datetime,
                   today: date) -> Case:
    return await _step(case_id, actor, expected_version, now, today, "WITHDRAWN", _withdraw)


async def public_entries(credit_code: str) -> list[Publication]:
    return list(await Publication.filter(
        credit_code=credit_code, published_on__isnull=False, withdrawn_on__isnull=True,
    ).order_by("-decided_on", "id").limit(100))
