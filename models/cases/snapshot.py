"""Between rows and rules: a ``CaseSnapshot`` from a case row, and the row's columns
from the snapshot ``rules.apply`` returns (the one mapping both directions use)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from models.cases.chain import jsonable
from models.cases.facts import (
    CaseSnapshot,
    DecisionOutcome,
    HearingThresholds,
    NoticeState,
    Officer,
    PartyKind,
    Penalty,
    Procedure,
    ReviewReason,
    ServiceMethod,
    Stage,
)

# Snapshot fields stored in a column of the same name.
_PLAIN = (
    "filed_on", "extension_days", "legal_review_passed_on", "collective_decision_required",
    "notified_on", "hearing_offered", "hearing_request_deadline", "hearing_on",
    "hearing_held_on", "decided_on", "e_service_consent", "served_on", "fine_paid_on",
    "paid_fen", "enforcement_done", "closed_on",
)  # fmt: skip


def penalty_from_json(value: dict[str, Any] | None) -> Penalty | None:
    if value is None:
        return None
    names = {f.name for f in fields(Penalty)}
    return Penalty(**{k: v for k, v in value.items() if k in names})


def officers_from_rows(rows: Iterable[Any]) -> tuple[Officer, ...]:
    """The active team, as the rules see it (recused officers included: they block)."""
    return tuple(Officer(str(r.account_id), credentialed=r.credentialed, recused=r.recused)
                 for r in rows if r.active)


def snapshot_of(case: Any, officers: Iterable[Any],
                thresholds: HearingThresholds = HearingThresholds()) -> CaseSnapshot:
    stage = Stage(case.stage)
    return CaseSnapshot(
        stage=stage,
        party_kind=PartyKind(case.party_kind),
        procedure=Procedure(case.procedure),
        notice_state=NoticeState(case.notice_state) if case.notice_state else None,
        officers=officers_from_rows(officers),
        thresholds=thresholds,
        legal_review_reasons=frozenset(ReviewReason(r) for r in case.legal_review_reasons or ()),
        notified_penalty=penalty_from_json(case.notified_penalty),
        hearing_chair_id=str(case.hearing_chair_id) if case.hearing_chair_id else None,
        outcome=DecisionOutcome(case.outcome) if case.outcome else None,
        decided_penalty=penalty_from_json(case.decided_penalty),
        service_method=ServiceMethod(case.service_method) if case.service_method else None,
        **{name: getattr(case, name) for name in _PLAIN},
    )


def columns_of(snapshot: CaseSnapshot) -> dict[str, Any]:
    """Column values for ``Case.filter(...).update(**columns)``."""
    s = snapshot
    return {
        "stage": s.stage.value,
        "notice_state": s.notice_state.value if s.notice_state else None,
        "procedure": s.procedure.value,
        "notified_penalty": jsonable(s.notified_penalty),
        "hearing_chair_id": s.hearing_chair_id,
        "outcome": s.outcome.value if s.outcome else None,
        "decided_penalty": jsonable(s.decided_penalty),
        "service_method": s.service_method.value if s.service_method else None,
        **{name: getattr(s, name) for name in _PLAIN},
    }
