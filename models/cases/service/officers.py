"""The case team (Art. 42–43): who may be assigned, the team's replacement and 回避."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.accounts.tables import Account
from models.cases.facts import Role, Stage
from models.cases.service.common import Actor, Write, append, check_version, lock_case
from models.cases.tables import Case, CaseOfficer
from models.errors import Refusal

MAX_OFFICERS = 10
# The team may change until the decision; afterwards it is part of the record.
_TEAM_STAGES = {Stage.LEAD, Stage.FILED, Stage.INVESTIGATION, Stage.REVIEW, Stage.NOTIFIED}


def is_credentialed(account: Account) -> bool:
    """执法资格: an active inspector with an enforcement badge (执法证号)."""
    return bool(account.is_active and "INSPECTOR" in (account.roles or ())
                and (account.badge_number or "").strip())


async def eligible_officers(department_id: object, account_ids: list[str]) -> list[Account]:
    """Inspectors of the case's department, in the order given, each once."""
    ids = list(dict.fromkeys(str(uuid.UUID(i)) if _is_uuid(i) else i for i in account_ids))
    if not ids or len(ids) > MAX_OFFICERS:
        raise Refusal("OFFICERS_INVALID", f"请指派1至{MAX_OFFICERS}名执法人员。", "officerIds")
    rows = await Account.filter(id__in=[i for i in ids if _is_uuid(i)])
    found = {str(a.id): a for a in rows}
    for i, raw in enumerate(ids):
        account = found.get(raw)
        if (account is None or account.kind != "STAFF" or "INSPECTOR" not in (account.roles or ())
                or str(account.department_id) != str(department_id)):
            raise Refusal("OFFICERS_INVALID", "执法人员应为本机关的执法人员账户。",
                          f"officerIds[{i}]")
    return [found[raw] for raw in ids]


async def create_team(case: Case, accounts: list[Account], now: datetime,
                      first_position: int = 0) -> list[dict[str, Any]]:
    for i, account in enumerate(accounts):
        await CaseOfficer.create(id=uuid.uuid4(), case_id=case.id, account_id=account.id,
                                 badge_number=account.badge_number or "",
                                 credentialed=is_credentialed(account),
                                 position=first_position + i, assigned_at=now)
    return [{"account": str(a.id), "badge": a.badge_number or "",
             "credentialed": is_credentialed(a)} for a in accounts]


async def assign(case_id: str, account_ids: list[str], actor: Actor, *, expected_version: int,
                 now: datetime) -> Case:
    """Replace the team (the agency head assigns): officers left out are released, a
    recused officer can only be released, never brought back."""
    async with in_transaction():
        case = await lock_case(case_id)
        check_version(case, expected_version)
        role = actor.require(Role.AGENCY_HEAD)
        if Stage(case.stage) not in _TEAM_STAGES:
            raise Refusal("TEAM_CLOSED", "作出决定后不能再变更执法人员。")
        accounts = await eligible_officers(case.department_id, account_ids)
        rows = {str(r.account_id): r for r in await CaseOfficer.filter(case_id=case.id)}
        for i, account in enumerate(accounts):
            row = rows.get(str(account.id))
            if row is not None and row.recused:
                raise Refusal("OFFICER_RECUSED", "已回避的执法人员不能再参与本案。",
                              f"officerIds[{i}]")
        wanted = {str(a.id) for a in accounts}
        for key, row in rows.items():
            if row.active and key not in wanted:
                row.active = False
                await row.save(update_fields=["active"])
        new = [a for a in accounts if str(a.id) not in rows]
        for account in accounts:
            row = rows.get(str(account.id))
            if row is not None and not row.active:
                row.active = True
                await row.save(update_fields=["active"])
        added = await create_team(case, new, now, len(rows))
        await append(case, Write("OFFICERS_ASSIGNED", role, {
            "officers": sorted(wanted), "added": added}), actor, now)
    return case


async def recuse(case_id: str, officer_id: str, reason: str, requested_by_party: bool,
                 actor: Actor, *, expected_version: int, now: datetime) -> Case:
    """回避 decided by the agency head (Art. 43), on the officer's own or the party's
    application; the officer blocks the case until the team is replaced."""
    if not reason.strip():
        raise Refusal("REASON_REQUIRED", "请填写回避理由。", "reason")
    async with in_transaction():
        case = await lock_case(case_id)
        check_version(case, expected_version)
        role = actor.require(Role.AGENCY_HEAD)
        if Stage(case.stage) not in _TEAM_STAGES:
            raise Refusal("TEAM_CLOSED", "作出决定后不能再决定回避。")
        row = await CaseOfficer.filter(case_id=case.id, account_id=officer_id,
                                       active=True).first() if _is_uuid(officer_id) else None
        if row is None or row.recused:
            raise Refusal("OFFICER_NOT_ON_CASE", "该人员不是本案在办执法人员。", "officerId")
        row.recused, row.recusal_reason = True, reason.strip()
        await row.save(update_fields=["recused", "recusal_reason"])
        await append(case, Write("OFFICER_RECUSED", role, {
            "officer": officer_id, "reason": reason.strip(),
            "requestedByParty": requested_by_party}), actor, now)
    return case


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
