"""Moves on a 差评 case: the only code that writes a case's status.

Every move is decided by followup.apply() under the case's row lock and recorded
on its timeline. A retried move (the same action by the same person with the
same text, already done) returns the case as it is instead of an error. A step
completed after its deadline is accepted but escalates; so does the sweep
(``escalate_overdue``), which a scheduler or a supervisor runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models.errors import Refusal
from models.ratings import notify
from models.ratings.casefile import case_of, store
from models.ratings.figures import region_range
from models.ratings.followup import COMPLETES_STEP, Action, Role, Status, Step, apply
from models.ratings.tables import Rating, RatingCase, RatingCaseEvent
from models.regions.tables import Department

MAX_TEXT = 1000
# The text each action records on the case.
_TEXT_COLUMNS: Mapping[Action, tuple[str, str]] = {
    Action.CONTACT: ("summary", "contact_summary"),
    Action.START_RECTIFICATION: ("plan", "rectify_plan"),
    Action.FEED_BACK: ("feedback", "feedback"),
    Action.APPEAL: ("reason", "appeal_reason"),
    Action.UPHOLD_APPEAL: ("comment", "appeal_comment"),
    Action.REJECT_APPEAL: ("comment", "appeal_comment"),
}
_OPEN = (Status.OPEN, Status.CONTACTED, Status.RECTIFYING, Status.APPEALED)


@dataclass(frozen=True)
class CaseActor:
    account_id: str | None
    role: Role


SYSTEM = CaseActor(None, Role.SYSTEM)


@dataclass
class CaseChange:
    """What a move did: the rows after it, steps it escalated, whether figures moved."""

    case: RatingCase
    rating: Rating
    escalated: frozenset[Step] = field(default_factory=frozenset)
    replayed: bool = False
    department_name: str = ""


def _detail(payload: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in payload.items()
            if v is not None and v != "" and v != [] and v != ()}


def _check_text(payload: Mapping[str, Any]) -> None:
    for key, value in payload.items():
        if isinstance(value, str) and len(value.strip()) > MAX_TEXT:
            raise Refusal("TEXT_TOO_LONG", f"内容不能超过 {MAX_TEXT} 个字。", field=key)


async def _replay(row: RatingCase, action: Action, actor: CaseActor,
                  detail: Mapping[str, Any]) -> bool:
    last = await RatingCaseEvent.get_or_none(case_id=row.id, position=row.event_count)
    return (last is not None and last.action == action.value
            and str(last.actor_id) == str(actor.account_id) and last.detail == dict(detail))


async def _locked(case_id: str) -> tuple[RatingCase, Rating]:
    row = await RatingCase.filter(id=case_id).select_for_update().first()
    if row is None:
        raise Refusal("CASE_NOT_FOUND", "差评工单不存在。", field="caseId")
    rating = await Rating.filter(id=row.rating_id).select_for_update().get()
    return row, rating


def _late(row: RatingCase, action: Action, now: datetime) -> bool:
    """The step this action completes was due before ``now`` (shown on the timeline)."""
    step = COMPLETES_STEP.get(action)
    if step is None:
        return False
    return now > (row.contact_due if step is Step.CONTACT else row.rectify_due)


async def _record(row: RatingCase, action: Action, before: str, actor: CaseActor,
                  detail: Mapping[str, Any], late: bool, now: datetime) -> None:
    row.event_count += 1
    await RatingCaseEvent.create(
        id=uuid.uuid4(), case_id=row.id, position=row.event_count, action=action.value,
        from_status=before, to_status=row.status, actor_id=actor.account_id,
        actor_role=actor.role.value, occurred_at=now, late=late, detail=dict(detail))


def _apply_effects(row: RatingCase, rating: Rating, action: Action,
                   payload: Mapping[str, Any], now: datetime) -> None:
    if action in _TEXT_COLUMNS:
        key, column = _TEXT_COLUMNS[action]
        setattr(row, column, str(payload[key]).strip())
    if action is Action.APPEAL:
        row.appealed_at = now
    if action in (Action.UPHOLD_APPEAL, Action.REJECT_APPEAL):
        row.appeal_decision = "UPHELD" if action is Action.UPHOLD_APPEAL else "REJECTED"
        row.appeal_decided_at = now
    if action is Action.UPHOLD_APPEAL:
        rating.valid = False  # leaves the statistics and the public list
    if action is Action.FOLLOWUP_RATE:
        rating.followup_level = int(payload["level"])
        rating.followup_tags = list(dict.fromkeys(payload.get("tags") or ()))
        rating.followup_comment = (str(payload.get("reason") or "").strip() or None)
        rating.followup_at = now


async def _tell(change: CaseChange, action: Action, now: datetime) -> None:
    row, rating = change.case, change.rating
    if not (change.escalated or action is Action.APPEAL or action is Action.FEED_BACK):
        return
    department = await Department.get(id=row.department_id)
    change.department_name = department.name
    if change.escalated:
        await notify.escalation(row, rating, sorted(change.escalated), department.name, now)
    if action is Action.APPEAL:
        await notify.appeal_filed(row, rating, department.name, now)
    if action is Action.FEED_BACK:
        await notify.feedback_given(rating, row.followup_wait_days, now)


async def act(case_id: str, action: Action, actor: CaseActor, payload: Mapping[str, Any],
              *, now: datetime) -> CaseChange:
    """Make one move, or raise a Refusal; nothing is written when it is refused."""
    _check_text(payload)
    detail = _detail(payload)
    async with in_transaction():
        row, rating = await _locked(case_id)
        case = case_of(row, rating.followup_level)
        try:
            new = apply(case, action, actor.role, payload, now=now)
        except Refusal:
            if await _replay(row, action, actor, detail):
                return CaseChange(row, rating, replayed=True)
            raise
        before = row.status
        change = CaseChange(row, rating, new.escalated_steps - case.escalated_steps)
        store(row, new, now)
        _apply_effects(row, rating, action, payload, now)
        await _record(row, action, before, actor, detail, _late(row, action, now), now)
        await row.save()
        await rating.save()
        await _tell(change, action, now)
    return change


async def _sweep_one(case_id: str, now: datetime) -> CaseChange | None:
    async with in_transaction():
        row, rating = await _locked(case_id)
        case = case_of(row, rating.followup_level)
        action = Action.CLOSE_WITHOUT_FOLLOWUP if case.status is Status.FED_BACK \
            else Action.ESCALATE
        try:
            new = apply(case, action, Role.SYSTEM, {}, now=now)
        except Refusal:
            return None  # someone moved it meanwhile: nothing left to do
        before = row.status
        change = CaseChange(row, rating, new.escalated_steps - case.escalated_steps)
        store(row, new, now)
        steps = sorted(s.value for s in change.escalated)
        await _record(row, action, before, SYSTEM, {"steps": steps} if steps else {}, False, now)
        await row.save()
        await _tell(change, action, now)
    return change


def overdue_filter(now: datetime) -> Q:
    """Cases with a deadline passed and not yet escalated for it, or a 追评 window over."""
    contact_pending = Q(status=Status.OPEN.value) | Q(
        status=Status.APPEALED.value, status_before_appeal=Status.OPEN.value)
    return (
        (contact_pending & Q(contact_due__lt=now, contact_escalated=False))
        | Q(status__in=[s.value for s in _OPEN], rectify_due__lt=now, rectify_escalated=False)
        | Q(status=Status.FED_BACK.value, next_due__lt=now)
    )


async def escalate_overdue(region_prefix: str, *, now: datetime, limit: int = 500
                           ) -> list[CaseChange]:
    """Escalate every case in the region whose step is overdue and close cases whose
    追评 window has passed. Safe to run again at any time (a cron job may)."""
    ids = await RatingCase.filter(overdue_filter(now), **region_range("region_code", region_prefix)
                                  ).order_by("next_due", "id").limit(limit).values_list(
        "id", flat=True)
    changes = []
    for case_id in ids:
        change = await _sweep_one(str(case_id), now)
        if change is not None:
            changes.append(change)
    return changes
