"""线索 → case: open a case (stage LEAD) from an inspection finding, a complaint, a
transfer or an on-site discovery, with its party and its first officers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.cases.facts import PartyKind, Role, Stage
from models.cases.service.common import Actor, Write, append, other_domain_model
from models.cases.service.documents import department_of
from models.cases.service.numbers import format_number, next_number
from models.cases.service.officers import create_team, eligible_officers
from models.cases.tables import Case
from models.errors import Refusal
from models.identity.rules import mask_resident_id, validate_credit_code, validate_resident_id

# Blind index with the accounts' context, so a citizen's own account finds their cases.
ID_NUMBER_INDEX_CONTEXT = "account.id_number"
ID_NUMBER_CONTEXT = "penalty_case.party_id_number"


class SourceKind(StrEnum):
    INSPECTION_FINDING = "INSPECTION_FINDING"  # 检查发现 (inspections' case lead)
    COMPLAINT = "COMPLAINT"  # 投诉举报
    TRANSFER = "TRANSFER"  # 移送 from another body
    ON_SITE = "ON_SITE"  # 现场发现 (e.g. a 简易程序 case on a handheld)


@dataclass(frozen=True)
class Lead:
    source: SourceKind
    source_ref: str
    summary: str
    legal_basis: str
    party_kind: PartyKind | None
    party_name: str
    party_credit_code: str | None
    party_id_number: str | None
    officer_ids: list[str]


def _inspection_leads() -> Any | None:
    # Another domain's table, looked up by label so this domain runs without it.
    return other_domain_model("inspections", "InspectionCaseLead")


async def _from_inspection(lead: Lead, department_id: str) -> tuple[Lead, Any | None]:
    """Fill the party from the inspection subject; ``source_ref`` is the task id."""
    model = _inspection_leads()
    if model is None:
        return lead, None
    try:
        task_id = uuid.UUID(lead.source_ref)
    except ValueError:
        raise Refusal("LEAD_NOT_FOUND", "找不到该检查任务的案件线索。", "sourceId") from None
    row = await model.filter(task_id=task_id).select_related("subject").first()
    if row is None or str(row.department_id) != department_id:
        raise Refusal("LEAD_NOT_FOUND", "找不到该检查任务的案件线索。", "sourceId")
    if row.status != "PENDING":
        raise Refusal("LEAD_TAKEN", "该线索已立案处理。", "sourceId")
    filled = Lead(lead.source, lead.source_ref, lead.summary or row.summary, lead.legal_basis,
                  PartyKind.ORGANISATION, lead.party_name or row.subject.name,
                  lead.party_credit_code or row.subject.credit_code, None, lead.officer_ids)
    return filled, row


def _party(lead: Lead, pii: Any | None, today: date) -> dict[str, Any]:
    if lead.party_kind is None or not lead.party_name.strip():
        raise Refusal("PARTY_REQUIRED", "请填写当事人。", "party")
    if lead.party_kind is PartyKind.ORGANISATION:
        code = validate_credit_code(lead.party_credit_code or "", "party.creditCode")
        return {"party_credit_code": code}
    number = validate_resident_id(lead.party_id_number or "", today=today,
                                  field="party.idNumber")
    values: dict[str, Any] = {"party_id_number_masked": mask_resident_id(number)}
    if pii is not None:  # without a cipher only the masked number is kept
        values["party_id_number_enc"] = pii.encrypt(number, context=ID_NUMBER_CONTEXT)
        values["party_id_number_index"] = pii.blind_index(number,
                                                          context=ID_NUMBER_INDEX_CONTEXT)
    return values


async def open_case(case_id: str, department_id: str, lead: Lead, actor: Actor, *,
                    pii: Any | None, today: date, now: datetime) -> tuple[Case, bool]:
    """(case, created). The client chooses ``case_id``, so a retry returns the same case."""
    existing = await _existing(case_id, department_id)
    if existing is not None:
        return existing, False
    role = actor.require(Role.INSPECTOR, Role.AGENCY_HEAD)
    if not lead.summary.strip() and lead.source is not SourceKind.INSPECTION_FINDING:
        raise Refusal("INVALID_INPUT", "请填写案由或线索摘要。", "summary")
    try:
        return await _create(case_id, department_id, lead, actor, role, pii, today, now), True
    except IntegrityError:
        # the same request arrived twice at once: the other one created it
        existing = await _existing(case_id, department_id)
        if existing is None:
            raise
        return existing, False


async def _existing(case_id: str, department_id: str) -> Case | None:
    existing = await Case.get_or_none(id=case_id)
    if existing is not None and str(existing.department_id) != department_id:
        raise Refusal("CASE_ID_TAKEN", "该案件编号已被使用。", "clientCaseId")
    return existing


async def _create(case_id: str, department_id: str, lead: Lead, actor: Actor, role: Role,
                  pii: Any | None, today: date, now: datetime) -> Case:
    async with in_transaction():
        inspection_lead = None
        if lead.source is SourceKind.INSPECTION_FINDING:
            lead, inspection_lead = await _from_inspection(lead, department_id)
        party = _party(lead, pii, today)
        accounts = await eligible_officers(department_id, lead.officer_ids)
        case = Case(id=case_id, department_id=department_id, source_kind=lead.source.value,
                    source_ref=lead.source_ref, summary=lead.summary.strip(),
                    legal_basis=lead.legal_basis.strip(), stage=Stage.LEAD.value,
                    party_kind=lead.party_kind.value, party_name=lead.party_name.strip(),
                    **party)
        department = await department_of(case)
        n = await next_number(department_id, today.year, "CASE")
        case.number = format_number(department.region_id, department.short_name, "案",
                                    today.year, n)
        await case.save()
        team = await create_team(case, accounts, now)
        if inspection_lead is not None:
            await type(inspection_lead).filter(id=inspection_lead.id).update(status="OPENED")
        await append(case, Write("OPENED", role, {
            "number": case.number, "source": lead.source.value, "sourceRef": lead.source_ref,
            "summary": case.summary, "partyKind": case.party_kind, "party": case.party_name,
            "partyIdentifier": case.party_credit_code or case.party_id_number_masked,
            "officers": team}), actor, now)
    return case
