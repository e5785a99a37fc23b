"""Writing the timeline: one event per move, its documents and the applicant's message.

Called only inside a service transaction that holds the application's row lock,
so ``event_count`` gives each event its position without a race.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from models.accounts.tables import Account
from models.applications.clock import local_date
from models.applications.documents import DocumentFacts, DocumentKind, render
from models.applications.rules import STATUS_LABELS, Action, Role, Status
from models.applications.tables import Application, ApplicationDocument, ApplicationEvent, Message
from models.regions.tables import Department


class Side(StrEnum):
    """Which authority's part of a 跨省通办 file an event belongs to."""

    HANDLING = "HANDLING"
    RECEIVING = "RECEIVING"
    ALL = "ALL"


# The receiving window's own work, and the steps both sides follow.
RECEIVING_ACTIONS = frozenset({Action.FORMAL_CHECK_PASS, Action.FORWARD})
SHARED_ACTIONS = frozenset({Action.SUBMIT, Action.RECEIVE_FORWARDED, Action.WITHDRAW,
                            Action.DELIVER})
MATERIALS_SUPPLIED = "MATERIALS_SUPPLIED"  # 容缺 materials handed in after acceptance


def side_of(action: str) -> Side:
    if action in RECEIVING_ACTIONS:
        return Side.RECEIVING
    if action in SHARED_ACTIONS:
        return Side.ALL
    return Side.HANDLING


@dataclass(frozen=True)
class Actor:
    """Who makes a move, in which role of the rules, for which department."""

    account_id: str | None
    role: Role
    department_id: str | None = None


async def add_event(app: Application, *, action: str, from_status: str | None,
                    actor: Actor, label: str, now: datetime,
                    detail: Mapping[str, Any] | None = None) -> ApplicationEvent:
    app.event_count += 1
    return await ApplicationEvent.create(
        id=uuid.uuid4(), application_id=app.id, position=app.event_count, occurred_at=now,
        action=action, from_status=from_status, to_status=app.status,
        actor_id=actor.account_id, actor_role=actor.role.value,
        actor_department_id=actor.department_id, side=side_of(action).value, label=label,
        detail=dict(detail or {}))


async def issue(app: Application, event: ApplicationEvent, kinds: tuple[DocumentKind, ...],
                payload: Mapping[str, Any], now: datetime) -> list[ApplicationDocument]:
    if not kinds:
        return []
    applicant = await Account.get(id=app.applicant_id)
    department = await Department.get(id=app.department_id)
    issuer = department
    if event.action == Action.FORWARD and app.receiving_department_id:
        issuer = await Department.get(id=app.receiving_department_id)
    facts = DocumentFacts(
        application_number=app.number or "", matter_name=app.matter_name,
        applicant_name=applicant.display_name, department_name=issuer.name,
        issued_on=local_date(now), position=event.position, received_on=app.received_on,
        deemed_accepted=app.deemed_accepted, decision_due=payload.get("decision_due"),
        promised_limit=app.promised_limit, reason=str(payload.get("reason") or ""),
        missing_items=tuple(payload.get("missing_items") or ()),
        procedure_kind=str(payload.get("procedure_kind") or ""),
        delivery_method=str(payload.get("delivery_method") or ""),
        tracking_number=str(payload.get("tracking_number") or ""),
        pick_up_location=str(payload.get("pick_up_location") or ""),
        licence_valid_until=payload.get("licence_valid_until"),
        handling_department_name=department.name)
    documents = []
    for kind in kinds:
        rendered = render(kind, facts)
        documents.append(await ApplicationDocument.create(
            id=uuid.uuid4(), application_id=app.id, event_id=event.id, kind=kind.value,
            number=rendered.number, title=rendered.title, body=rendered.body,
            data={k: str(v) for k, v in payload.items() if v is not None}, issued_at=now))
    return documents


async def notify_applicant(app: Application, label: str, now: datetime) -> None:
    """站内信 to the applicant on every step they should know about."""
    number = f"（{app.number}）" if app.number else ""
    status = STATUS_LABELS[Status(app.status)]
    await Message.create(
        id=uuid.uuid4(), recipient_id=app.applicant_id, application_id=app.id,
        kind="APPLICATION_STATUS", title=f"办件{status}：{app.matter_name}"[:128],
        body=f"您申请的「{app.matter_name}」{number}：{label}。当前状态：{status}。",
        created_at=now)
