"""Issuing a numbered document from the case as it stands after an action."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from models.accounts.tables import Account
from models.cases.documents import (
    DOCUMENTS,
    SERVICE_METHOD_LABELS,
    DocumentFacts,
    DocumentKind,
    render,
)
from models.cases.facts import DecisionOutcome, ServiceMethod
from models.cases.service.numbers import format_number, next_number
from models.cases.snapshot import penalty_from_json
from models.cases.tables import Case, CaseDocument, CaseOfficer
from models.regions.tables import Department


async def department_of(case: Case) -> Department:
    return await Department.get(id=case.department_id)


async def _officer_names(case: Case) -> tuple[str, ...]:
    rows = await CaseOfficer.filter(case_id=case.id, active=True).order_by("position")
    names = {str(a.id): a.display_name for a in await Account.filter(
        id__in=[r.account_id for r in rows])}
    return tuple(f"{names.get(str(r.account_id), '')}（{r.badge_number or '无执法证'}）"
                 for r in rows)


def party_identifier(case: Case) -> str:
    return case.party_credit_code or case.party_id_number_masked or ""


async def issue(case: Case, kind: DocumentKind, *, seq: int, today: date) -> dict[str, Any]:
    """Create the document (numbered in its series) and return what the event records."""
    department = await department_of(case)
    title, label = DOCUMENTS[kind]
    n = await next_number(str(case.department_id), today.year, kind.value)
    number = format_number(department.region_id, department.short_name, label, today.year, n)
    method = case.service_method
    facts = DocumentFacts(
        number=number, case_number=case.number, department=department.name,
        party_name=case.party_name, party_identifier=party_identifier(case),
        summary=case.summary, legal_basis=case.legal_basis, issued_on=today,
        penalty=penalty_from_json(case.decided_penalty or case.notified_penalty),
        outcome=DecisionOutcome(case.outcome) if case.outcome else None,
        hearing_offered=case.hearing_offered,
        hearing_request_deadline=case.hearing_request_deadline, hearing_on=case.hearing_on,
        service_method=SERVICE_METHOD_LABELS[ServiceMethod(method)] if method else "",
        officers=await _officer_names(case))
    title, content, digest = render(kind, facts)
    await CaseDocument.create(id=uuid.uuid4(), case_id=case.id, kind=kind.value, number=number,
                              title=title, content=content, sha256=digest, event_seq=seq,
                              issued_on=today)
    return {"kind": kind.value, "number": number, "sha256": digest}
