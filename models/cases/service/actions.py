"""The one code path that moves a case's stage: ``rules.apply`` on a snapshot built from
the rows, then the new columns, the issued document and the chained event, written in
one transaction under the case's row lock and version check."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.cases import rules
from models.cases.documents import kind_for
from models.cases.facts import Action, CaseSnapshot, DecisionOutcome, HearingThresholds, Procedure
from models.cases.service import credit, publication
from models.cases.service.common import (
    Actor,
    Write,
    already_done,
    append,
    check_version,
    holiday_table,
    lock_case,
    thresholds_for,
)
from models.cases.service.documents import department_of, issue
from models.cases.snapshot import columns_of, penalty_from_json, snapshot_of
from models.cases.tables import Case, CaseOfficer

# Builds a payload that needs the case or the database (a chair to check, a reviewer's
# qualification); called under the lock with the case, its snapshot, the day and the actor.
PayloadBuilder = Callable[[Case, CaseSnapshot, date, Actor], Awaitable[object]]


@dataclass
class Step:
    """One requested move. ``payload`` is the rules' typed payload (or None); ``note`` is
    recorded on the event (a statement, an opinion); ``columns`` are extra case columns
    the move sets (the reviewer, the collective-decision flag)."""

    action: Action
    payload: object | None = None
    build: PayloadBuilder | None = None
    note: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, Any] = field(default_factory=dict)
    social_impact: bool | None = None  # 公示 a penalty decision (None: the default rule)


def _publish_by_default(case: Case) -> bool:
    # organisations' penalties have social impact; a person's only when the agency says so
    return case.party_kind == "ORGANISATION"


async def _effects(case: Case, step: Step, thresholds: HearingThresholds, seq: int,
                   today: date) -> dict[str, Any]:
    """Documents, credit and 公示 that follow from the move (recorded on its event)."""
    out: dict[str, Any] = {}
    outcome = DecisionOutcome(case.outcome) if case.outcome else None
    kind = kind_for(step.action, outcome)
    if kind is not None:
        out["document"] = await issue(case, kind, seq=seq, today=today)
    if step.action in (Action.DECIDE, Action.DECIDE_ON_SPOT) and outcome is DecisionOutcome.PENALTY:
        decided = penalty_from_json(case.decided_penalty)
        assert decided is not None
        change = await credit.apply_decision(case, decided, thresholds)
        if change:
            out["credit"] = change
        wanted = step.social_impact if step.social_impact is not None else (
            _publish_by_default(case))
        if wanted and case.procedure == Procedure.GENERAL.value:
            out["publication"] = await publication.schedule(
                case, out["document"]["number"], today)
    return out


async def act(case_id: str, step: Step, actor: Actor, *, expected_version: int, today: date,
              now: datetime, key: str | None = None) -> Case:
    """Apply one action or raise a Refusal (nothing written)."""
    table = holiday_table()
    async with in_transaction():
        case = await lock_case(case_id)
        if await already_done(case, key, step.action.value):
            return case
        check_version(case, expected_version)
        officers = await CaseOfficer.filter(case_id=case.id)
        department = await department_of(case)
        thresholds = await thresholds_for(department.region_id)
        snapshot = snapshot_of(case, officers, thresholds)
        role = actor.role_for(snapshot.stage, step.action)
        payload = step.payload
        if step.build is not None:
            payload = await step.build(case, snapshot, today, actor)
        outcome = rules.apply(snapshot, step.action, role, payload, today=today,
                              is_working_day=table.is_working_day)
        columns = {**columns_of(outcome.snapshot), **step.columns}
        for name, value in columns.items():  # documents render the case after the move
            setattr(case, name, value)
        effects = await _effects(case, step, thresholds, case.event_count + 1, today)
        data = {**outcome.event, **step.note, **effects}
        await append(case, Write(step.action.value, role, data, columns), actor, now, key)
    return case
