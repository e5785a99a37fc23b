"""Credit linkage: a decision lowers the subject's grade in the inspection directory.

The directory (``inspections.InspectionSubject``) belongs to the inspections domain and
was still being built when this was written, so it is looked up by app label at run
time rather than imported: without it, the change is only recorded here
(``CreditChange.applied_to_directory`` False) and can be replayed later.
"""

from __future__ import annotations

import uuid
from typing import Any

from models.cases.credit import grade_after_decision
from models.cases.facts import HearingThresholds, PartyKind, Penalty, Procedure
from models.cases.service.common import other_domain_model
from models.cases.tables import Case, CreditChange

_RESTORED = "处罚决定被撤销，恢复信用等级"


def _directory() -> Any | None:
    return other_domain_model("inspections", "InspectionSubject")


async def current_grade(credit_code: str) -> tuple[str | None, Any | None]:
    """(grade, directory row): the directory's grade, else the last one recorded here."""
    model = _directory()
    row = await model.filter(credit_code=credit_code).first() if model else None
    if row is not None:
        return row.credit_grade, row
    last = await CreditChange.filter(credit_code=credit_code).order_by("-created_at").first()
    return (last.new_grade if last else None), None


async def _set(credit_code: str, row: Any | None, grade: str) -> bool:
    if row is None:
        return False
    await type(row).filter(credit_code=credit_code).update(credit_grade=grade)
    return True


async def apply_decision(case: Case, penalty: Penalty, thresholds: HearingThresholds
                         ) -> dict[str, Any] | None:
    """Record (and apply) the grade change a penalty decision causes; None if none."""
    if not case.party_credit_code:
        return None
    grade, row = await current_grade(case.party_credit_code)
    change = grade_after_decision(grade, penalty, Procedure(case.procedure),
                                  PartyKind(case.party_kind), thresholds)
    if change is None:
        return None
    applied = await _set(case.party_credit_code, row, change.new)
    await CreditChange.create(id=uuid.uuid4(), case_id=case.id,
                              credit_code=case.party_credit_code, previous_grade=change.previous,
                              new_grade=change.new, reason=change.reason,
                              applied_to_directory=applied)
    return {"from": change.previous, "to": change.new, "reason": change.reason}


async def revert(case: Case) -> dict[str, Any] | None:
    """A revoked decision gives the grade back, unless something changed it since."""
    caused = await CreditChange.filter(case_id=case.id).order_by("-created_at").first()
    if caused is None or caused.previous_grade is None or not case.party_credit_code:
        return None
    grade, row = await current_grade(case.party_credit_code)
    if grade != caused.new_grade:
        return None
    applied = await _set(case.party_credit_code, row, caused.previous_grade)
    await CreditChange.create(id=uuid.uuid4(), case_id=case.id,
                              credit_code=case.party_credit_code, previous_grade=grade,
                              new_grade=caused.previous_grade, reason=_RESTORED,
                              applied_to_directory=applied)
    return {"from": grade, "to": caused.previous_grade, "reason": "处罚决定被撤销"}
