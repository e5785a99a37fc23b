"""Moves on a 办件 after submission: the only code that writes an application's status.

Every move is decided by rules.apply() under the row lock, recorded as a
timeline event with its documents, and told to the applicant. A retried move
(the same action by the same person, already done) returns what the first one
did instead of an error, so a clerk's flaky network never shows a false failure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.applications import clock, numbers, record
from models.applications.documents import DELIVERY_LABELS, PROCEDURE_LABELS, issued_by
from models.applications.materials import check_complete, outstanding_materials
from models.applications.record import Actor
from models.applications.rules import Action, ApplicationState, CrossProvinceMode, Status, apply
from models.applications.tables import Application, ApplicationDocument, ApplicationEvent
from models.calendar.rules import HolidayTable
from models.errors import Refusal
from models.identity.pii import PiiCipher

MAX_REASON = 500
MAX_ITEMS = 50
MAX_ITEM = 200
MAX_TRACKING = 64


@dataclass(frozen=True)
class ActResult:
    application: Application
    event: ApplicationEvent | None
    documents: list[ApplicationDocument]
    replayed: bool = False


def state_of(app: Application) -> ApplicationState:
    return ApplicationState(
        status=Status(app.status), mode=CrossProvinceMode(app.mode), handover=app.handover,
        suspended_from=Status(app.suspended_from) if app.suspended_from else None,
        clock_paused=app.clock_paused)


async def lock(application_id: str) -> Application:
    app = await Application.filter(id=application_id).select_for_update().first()
    if app is None:
        raise Refusal("NOT_FOUND", "办件不存在", "applicationId")
    return app


def _check_text(payload: Mapping[str, Any]) -> None:
    reason = payload.get("reason")
    if isinstance(reason, str) and len(reason) > MAX_REASON:
        raise Refusal("INVALID_INPUT", f"理由不能超过{MAX_REASON}字", "reason")
    items = payload.get("missing_items")
    if isinstance(items, list | tuple):
        if len(items) > MAX_ITEMS:
            raise Refusal("INVALID_INPUT", f"补正清单最多{MAX_ITEMS}项", "missingItems")
        for i, item in enumerate(items):
            if isinstance(item, str) and len(item) > MAX_ITEM:
                raise Refusal("INVALID_INPUT", f"每项不超过{MAX_ITEM}字", f"missingItems[{i}]")
    tracking = payload.get("tracking_number")
    if isinstance(tracking, str) and len(tracking) > MAX_TRACKING:
        raise Refusal("INVALID_INPUT", "单号过长", "trackingNumber")


async def _guard(app: Application, action: Action, payload: Mapping[str, Any]) -> None:
    """Guards that need stored data, beyond the transition table's own."""
    _check_text(payload)
    if action in (Action.SUBMIT, Action.RESUBMIT):
        await check_complete(app)
    if action is Action.APPROVE:
        missing = await outstanding_materials(app)
        if missing:
            raise Refusal("DEFERRED_MATERIALS_OUTSTANDING",
                          "容缺受理的材料尚未补齐，不能作出准予决定：" + "、".join(missing))
    if action is Action.DELIVER:
        method = payload.get("delivery_method")
        if method not in DELIVERY_LABELS:
            raise Refusal("INVALID_INPUT", "送达方式无效", "method")
        if method == "POST" and not str(payload.get("tracking_number") or "").strip():
            raise Refusal("MISSING_INPUT", "邮寄送达须填写快递单号", "trackingNumber")
    if action is Action.START_SPECIAL_PROCEDURE and payload.get(
            "procedure_kind") not in PROCEDURE_LABELS:
        raise Refusal("INVALID_INPUT", "特别程序类型无效", "kind")
    if action is Action.FORMAL_CHECK_PASS and payload.get("identity_checked") is not True:
        raise Refusal("IDENTITY_NOT_CHECKED", "须完成申请人身份核验后才能通过形式审查",
                      "identityChecked")


def _clock_updates(app: Application, action: Action, today: date, window_closed: bool,
                   table: HolidayTable) -> dict[str, Any]:
    """The clock facts this move changes (see clock.py for what they mean)."""
    facts = clock.facts_of(app)
    pauses = facts.pauses
    changes: dict[str, Any] = {}
    if action in (Action.SUSPEND, Action.START_SPECIAL_PROCEDURE):
        pauses = clock.open_pause(pauses, today)
    elif action in (Action.RESUME, Action.END_SPECIAL_PROCEDURE):
        pauses = clock.close_pause(pauses, today)
    changes["pauses"] = clock.dump_pauses(pauses)
    if action in (Action.RESUBMIT, Action.RECEIVE_FORWARDED):
        changes["received_on"] = today  # a new receipt: the 5-day window starts again
    if action is Action.ACCEPT:
        changes["deemed_accepted"] = window_closed
        changes["accepted_on"] = app.received_on if window_closed else today
    if action in (Action.APPROVE, Action.DENY):
        start = app.accepted_on or app.received_on or today
        due = clock.decision_deadline(table, start, app.promised_limit,
                                      app.promised_limit_unit, pauses).due
        changes.update(decided_on=today, decision_due=due,
                       on_time=due is None or today <= due)
    if action is Action.DELIVER:
        changes["delivered_on"] = today
    return changes


async def _replay(app: Application, action: Action, actor: Actor) -> ActResult | None:
    last = await ApplicationEvent.get_or_none(application_id=app.id, position=app.event_count)
    if last is None or last.action != action or str(last.actor_id) != str(actor.account_id):
        return None
    docs = list(await ApplicationDocument.filter(event_id=last.id).order_by("number"))
    return ActResult(app, last, docs, replayed=True)


@dataclass(frozen=True)
class Submission:
    """What a first submission needs beyond the move: the cipher for the query
    code and the applicant's phone for the phone-tail factor."""

    pii: PiiCipher
    phone: str | None


async def _number(app: Application, submission: Submission | None, now: datetime,
                  today: date) -> None:
    if submission is None:
        raise RuntimeError("a submission needs its secrets")  # pragma: no cover
    app.number = await numbers.next_number(app.handling_region_code, today)
    app.query_code_enc = numbers.encrypt_query_code(submission.pii, numbers.new_query_code())
    if submission.phone:
        app.phone_tail_index = numbers.phone_tail_index(submission.pii, app.number,
                                                        submission.phone)
    app.submitted_at = now
    if app.mode != CrossProvinceMode.PROXY:
        app.received_on = today  # in 代收代办 the handling authority receives it on hand-over


async def act(application_id: str, action: Action, actor: Actor, payload: Mapping[str, Any],
              *, now: datetime, table: HolidayTable,
              submission: Submission | None = None) -> ActResult:
    """Make one move, or raise a Refusal; nothing is written when it is refused."""
    async with in_transaction():
        app = await lock(application_id)
        today = clock.local_date(now)
        window_closed = clock.correction_window_closed(table, clock.facts_of(app), today)
        try:
            outcome = apply(state_of(app), action, actor.role, payload,
                            correction_window_closed=window_closed)
        except Refusal as refusal:
            if refusal.code == "ILLEGAL_TRANSITION":
                replayed = await _replay(app, action, actor)
                if replayed is not None:
                    return replayed
            raise
        await _guard(app, action, payload)
        before = app.status
        if action is Action.SUBMIT:
            await _number(app, submission, now, today)
        changes = _clock_updates(app, action, today, window_closed, table)
        new = outcome.state
        changes.update(status=new.status.value, handover=new.handover,
                       suspended_from=new.suspended_from.value if new.suspended_from else None,
                       clock_paused=new.clock_paused, updated_at=now)
        for name, value in changes.items():
            setattr(app, name, value)
        app.sort_due = clock.sort_due(table, clock.facts_of(app), today)
        details = {k: (v.isoformat() if isinstance(v, date) else v)
                   for k, v in payload.items() if v not in (None, "", [])}
        event = await record.add_event(app, action=action.value, from_status=before,
                                       actor=actor, label=outcome.event_label_zh, now=now,
                                       detail=details)
        await app.save()
        doc_payload = {**payload, "decision_due": _decision_due(app, table, today)}
        documents = await record.issue(app, event, issued_by(action), doc_payload, now)
        await record.notify_applicant(app, outcome.event_label_zh, now)
    return ActResult(app, event, documents)


def _decision_due(app: Application, table: HolidayTable, today: date) -> date | None:
    facts = replace(clock.facts_of(app), status=Status.ACCEPTED)
    if app.accepted_on is None:
        return None
    return clock.active_deadline(table, facts, today)[1].due  # type: ignore[union-attr]
