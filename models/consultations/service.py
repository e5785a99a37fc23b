"""Consultation handling: the only code that writes a status. Each call is one transaction.

``act`` applies one move of the state machine for an actor (staff or the
sender) and, after an evaluation, the system's follow-up (reopen or close).
A retried request that already took effect returns the consultation as it
is, so phones may resend freely.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.consultations import deadlines, rules
from models.consultations.drafts import (
    COMMENT_MAX,
    REPLY_MAX,
    REPLY_MIN,
    SYSTEM_ACTOR,
    Actor,
    check_text,
    roles_on,
)
from models.consultations.rules import Action, AnswerSource, Role, Status
from models.consultations.tables import (
    Consultation,
    ConsultationEvaluation,
    ConsultationEvent,
)
from models.errors import Refusal
from models.regions.tables import Department


class NotVisible(Exception):
    """The consultation does not exist or is not the actor's to see (the same to the caller)."""


@dataclass
class Change:
    """What one call changed: the row, and the departments whose queues moved."""

    row: Consultation
    departments: set[str] = field(default_factory=set)
    changed: bool = True


def state_of(row: Consultation) -> rules.ConsultationState:
    return rules.ConsultationState(
        status=Status(row.status), has_department=row.department_id is not None,
        reopen_count=row.reopen_count, last_rating=row.rating,
        escalated=row.escalated_at is not None)


def facts_of(row: Consultation, now: datetime) -> rules.Facts:
    today = deadlines.local_day(now)
    window = (row.replied_at is not None and deadlines.evaluation_window_closed(
        deadlines.local_day(row.replied_at), today, rules.EVALUATION_WINDOW_DAYS))
    return rules.Facts(overdue=rules.is_open(Status(row.status)) and today > row.due_on,
                       evaluation_window_closed=window)


async def record(row: Consultation, outcome: rules.Outcome, role: Role, actor: Actor,
                 now: datetime, *, note: str = "", department_id: Any = None,
                 from_department_id: Any = None) -> None:
    """Write the outcome's status and its timeline event (the row is saved by the caller)."""
    before = None if outcome.transition is rules.SUBMISSION else row.status
    row.status = outcome.state.status.value
    row.revision += 1
    await ConsultationEvent.create(
        id=uuid.uuid4(), consultation_id=row.id, sequence=row.revision,
        action=outcome.transition.action.value, label=outcome.label_zh,
        from_status=before, to_status=row.status, actor_role=role.value,
        actor_id=actor.account_id, department_id=department_id,
        from_department_id=from_department_id, note=note, occurred_at=now)


def set_reply(row: Consultation, text: str, source: AnswerSource, now: datetime) -> None:
    today = deadlines.local_day(now)
    row.reply, row.answer_source, row.replied_at = text, source.value, now
    row.first_replied_at = row.first_replied_at or now
    row.handling_days = deadlines.working_days_taken(deadlines.local_day(row.submitted_at), today)
    row.on_time = today <= row.due_on


def restart_clock(row: Consultation, now: datetime) -> None:
    """A reopened consultation gets its kind's full time limit again from today."""
    today = deadlines.local_day(now)
    due = deadlines.due_after(today, row.time_limit_days)
    row.clock_started_on, row.due_on, row.due_provisional = today, due.on, due.provisional
    row.escalated_at = None


async def _department(department_id: str, field_name: str = "departmentId") -> Department:
    department = await Department.get_or_none(id=department_id)
    if department is None:
        raise Refusal("DEPARTMENT_NOT_FOUND", "部门不存在", field_name)
    return department


async def _already_done(row: Consultation, action: Action, payload: dict[str, Any]) -> bool:
    """A retry of a move that already took effect (so it returns the row as it is)."""
    status = Status(row.status)
    if action is Action.ASSIGN:
        return status is Status.ASSIGNED and str(row.department_id) == payload.get("department")
    if action is Action.TRANSFER:
        # Only the transfer just made: a transfer to the current department is refused.
        last_event = await ConsultationEvent.filter(consultation_id=row.id).order_by(
            "-sequence").first()
        return (status is Status.ASSIGNED and last_event is not None
                and last_event.action == Action.TRANSFER.value
                and str(last_event.department_id) == payload.get("department")
                and last_event.note == str(payload.get("reason") or "").strip())
    if action is Action.REPLY:
        return status is Status.REPLIED and row.reply == payload.get("reply")
    if action is Action.EVALUATE and status is not Status.REPLIED:
        last = await ConsultationEvaluation.filter(consultation_id=row.id).order_by(
            "-round").first()
        return (last is not None and last.rating == payload.get("rating")
                and last.comment == str(payload.get("comment") or "").strip())
    return action is Action.CLOSE and status is Status.CLOSED


async def act(consultation_id: str, actor: Actor, action: Action, payload: dict[str, Any],
              *, now: datetime) -> Change:
    """One move by ``actor``; raises NotVisible or a Refusal (nothing written then)."""
    async with in_transaction():
        row = await Consultation.filter(id=consultation_id).select_for_update().first()
        if row is None:
            raise NotVisible()
        roles = roles_on(actor, row.sender_account_id, row.department_id, row.region_id)
        if not roles:
            raise NotVisible()
        if await _already_done(row, action, payload):
            return Change(row, changed=False)
        change = Change(row, {str(row.department_id)} if row.department_id else set())
        outcome = rules.apply_as_any(state_of(row), action, roles, payload, facts_of(row, now))
        role = next(r for r in roles if r in outcome.transition.roles)
        await _effects(change, outcome, role, actor, payload, now)
        await row.save()
        return change


async def _effects(change: Change, outcome: rules.Outcome, role: Role, actor: Actor,
                   payload: dict[str, Any], now: datetime) -> None:
    row, action = change.row, outcome.transition.action
    if action in (Action.ASSIGN, Action.TRANSFER):
        department = await _department(str(payload["department"]))
        if action is Action.TRANSFER and str(department.id) == str(row.department_id):
            raise Refusal("SAME_DEPARTMENT", "已由该部门承办，无需转办", "departmentId")
        previous = row.department_id
        row.department_id, row.region_id = department.id, department.region_id
        change.departments.add(str(department.id))
        await record(row, outcome, role, actor, now,
                     note=str(payload.get("reason") or "").strip(),
                     department_id=department.id, from_department_id=previous)
    elif action is Action.REPLY:
        text = check_text(payload["reply"], REPLY_MIN, REPLY_MAX, "INVALID_REPLY", "答复内容",
                          "reply")
        set_reply(row, text, AnswerSource.STAFF, now)
        await record(row, outcome, role, actor, now, note=text, department_id=row.department_id)
    elif action is Action.EVALUATE:
        await _evaluate(change, outcome, role, actor, payload, now)
    else:  # CLOSE, ESCALATE
        if action is Action.CLOSE:
            row.closed_at = now
        if action is Action.ESCALATE:
            row.escalated_at = now
        await record(row, outcome, role, actor, now)


async def _evaluate(change: Change, outcome: rules.Outcome, role: Role, actor: Actor,
                    payload: dict[str, Any], now: datetime) -> None:
    row = change.row
    comment = (payload.get("comment") or "").strip()
    if len(comment) > COMMENT_MAX:
        raise Refusal("INVALID_COMMENT", f"评价内容不超过 {COMMENT_MAX} 个字", "comment")
    rating = int(payload["rating"])
    await ConsultationEvaluation.create(
        id=uuid.uuid4(), consultation_id=row.id, round=row.reopen_count, rating=rating,
        comment=comment, department_id=row.department_id,
        answer_source=row.answer_source or AnswerSource.STAFF.value, created_at=now)
    row.rating = rating
    await record(row, outcome, role, actor, now, note=comment)
    follow = rules.follow_up(outcome.state)
    if follow is None:
        return
    system = rules.apply(outcome.state, follow, Role.SYSTEM)
    if follow is Action.REOPEN:
        row.reopen_count += 1
        restart_clock(row, now)
    else:
        row.closed_at = now
    await record(row, system, Role.SYSTEM, SYSTEM_ACTOR, now, department_id=row.department_id)


async def escalate_overdue(region_prefix: str, *, now: datetime, limit: int = 500
                           ) -> list[Change]:
    """超期督办: mark every open consultation under ``region_prefix`` that is past
    its due date and not yet escalated. Safe to run again (a cron job may)."""
    today = deadlines.local_day(now)
    ids = await Consultation.filter(
        status__in=[s.value for s in rules.OPEN_STATUSES], due_on__lt=today,
        escalated_at__isnull=True, region_id__startswith=region_prefix,
    ).order_by("due_on", "id").limit(limit).values_list("id", flat=True)
    changes = []
    for ident in ids:
        async with in_transaction():
            row = await Consultation.filter(id=ident).select_for_update().first()
            if row is None or row.escalated_at is not None:
                continue
            try:
                outcome = rules.apply(state_of(row), Action.ESCALATE, Role.SYSTEM, {},
                                      facts_of(row, now))
            except Refusal:
                continue  # replied or closed meanwhile
            row.escalated_at = now
            await record(row, outcome, Role.SYSTEM, SYSTEM_ACTOR, now,
                         department_id=row.department_id)
            await row.save()
            changes.append(Change(row, {str(row.department_id)} if row.department_id else set()))
    return changes
