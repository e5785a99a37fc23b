"""Offline sync of inspection records: each record alone in one transaction.

A batch is processed record by record, each in its own transaction, so a
record is either stored whole or not at all and an interrupted batch can be
sent again: what was stored answers DUPLICATE, the rest is stored then. The
task row is locked first (SELECT … FOR UPDATE on PostgreSQL; SQLite runs one
transaction at a time), so two devices syncing records for the same task are
serialised and the later one gets CONFLICT with the server's record; the
primary key on the client id and the unique task id are the backstop.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.errors import Refusal
from models.inspections.publication import publication_due
from models.inspections.record_rules import Problem, RecordContent, check_record, referenced_ids
from models.inspections.rules import apply_task
from models.inspections.service.directory import template_from_row
from models.inspections.sync_rules import IncomingRecord, SyncOutcome, classify, content_hash
from models.inspections.tables import (
    InspectionCaseLead,
    InspectionFormTemplate,
    InspectionPlan,
    InspectionRecord,
    InspectionTask,
    InspectionTaskInspector,
)

# (type name, opaque id) -> key, or None when the id is not of that type
Decode = Callable[[str, str], str | None]


@dataclass(frozen=True)
class Author:
    """The inspector syncing, and the device the records come from."""

    account_id: str
    roles: frozenset[str]
    device_id: str | None = None


@dataclass
class SyncAnswer:
    client_id: str
    outcome: SyncOutcome
    version: int | None = None
    reason: str | None = None
    message: str | None = None
    problems: list[Problem] = field(default_factory=list)
    record: InspectionRecord | None = None  # the server's copy (not for INVALID)


def _invalid(client_id: str, reason: str, message: str, problems: list[Problem]) -> SyncAnswer:
    return SyncAnswer(client_id, SyncOutcome.INVALID, reason=reason, message=message,
                      problems=problems)


def as_uuid(text: object) -> uuid.UUID | None:
    try:
        value = uuid.UUID(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return value if value is not None and str(value) == text.lower() else None  # type: ignore[union-attr]


async def is_assigned(task_id: object, account_id: str) -> bool:
    return await InspectionTaskInspector.exists(task_id=task_id, inspector_id=account_id)


async def sync_records(records: list[IncomingRecord], *, author: Author, now: datetime,
                       decode: Decode) -> list[SyncAnswer]:
    """Records already stored with the same content (a batch sent again after a lost
    reply) are answered from two reads for the whole batch; the others go one by
    one, each in its own transaction, reading each plan and its forms once."""
    stored = await _already_stored(records, author)
    plans: dict[str, Any] = {}
    return [stored.get(r.client_id) or await sync_one(r, author=author, now=now,
                                                        decode=decode, plans=plans)
            for r in records]


async def _already_stored(records: list[IncomingRecord], author: Author
                          ) -> dict[str, SyncAnswer]:
    ids = {r.client_id: key for r in records if (key := as_uuid(r.client_id)) is not None}
    rows = {str(row.id): row for row in await InspectionRecord.filter(
        id__in=list(set(ids.values())))} if ids else {}
    if not rows:
        return {}
    mine = {str(t) for t in await InspectionTaskInspector.filter(
        task_id__in=list({row.task_id for row in rows.values()}),
        inspector_id=author.account_id).values_list("task_id", flat=True)}
    answers = {}
    for incoming in records:
        row = rows.get(str(ids.get(incoming.client_id)))
        if row is None or str(row.task_id) not in mine:
            continue  # new, or someone else's: the full path answers
        decision = classify(incoming, (row.content_hash, row.version))
        if decision.outcome is SyncOutcome.DUPLICATE:
            answers[incoming.client_id] = SyncAnswer(
                incoming.client_id, SyncOutcome.DUPLICATE, decision.version, record=row)
    return answers


async def sync_one(incoming: IncomingRecord, *, author: Author, now: datetime,
                   decode: Decode, plans: dict[str, Any] | None = None) -> SyncAnswer:
    plans = {} if plans is None else plans
    for attempt in (1, 2):
        try:
            async with in_transaction():
                return await _sync_locked(incoming, author, now, decode, plans)
        except IntegrityError:
            # a concurrent insert won a unique constraint: classify again against it
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


async def _sync_locked(incoming: IncomingRecord, author: Author, now: datetime,
                       decode: Decode, plans: dict[str, Any]) -> SyncAnswer:
    cid = incoming.client_id
    task_key, template_keys = referenced_ids(incoming.payload)
    task_id = as_uuid(decode("InspectionTask", task_key)) if task_key else None
    task = (await InspectionTask.filter(id=task_id).select_for_update().first()
            if task_id else None)
    client_uuid = as_uuid(cid)
    existing = (await InspectionRecord.filter(id=client_uuid).select_for_update().first()
                if client_uuid else None)
    decision = classify(incoming, (existing.content_hash, existing.version) if existing else None)
    if decision.outcome is SyncOutcome.INVALID:
        return _invalid(cid, decision.reason or "", decision.message_zh or "", [])
    if existing is not None and not await is_assigned(existing.task_id, author.account_id):
        # someone else's record: say nothing about it
        return _invalid(cid, "CLIENT_ID_TAKEN", "记录标识已被使用，请重新生成", [])
    if decision.outcome is not SyncOutcome.ACCEPTED:
        return SyncAnswer(cid, decision.outcome, decision.version, decision.reason,
                          decision.message_zh, record=existing)
    if task is None or not await is_assigned(task.id, author.account_id):
        return _invalid(cid, "TASK_NOT_FOUND", "检查任务不存在或未分派给您",
                        [Problem("payload.taskId", "TASK_NOT_FOUND", "检查任务不存在或未分派给您")])
    if existing is None:
        other = await InspectionRecord.filter(task_id=task.id).first()
        if other is not None:
            return SyncAnswer(cid, SyncOutcome.CONFLICT, other.version, "TASK_HAS_RECORD",
                              "该检查任务已有其他设备提交的记录，请在其基础上修改", record=other)
    elif existing.task_id != task.id:
        return _invalid(cid, "TASK_CHANGED", "记录不能改为另一个检查任务的记录",
                        [Problem("payload.taskId", "TASK_CHANGED", "记录不能改为另一个检查任务")])
    plan, rows = await _plan_forms(task.plan_id, plans)
    content, problems = _check(incoming, rows, template_keys, now, decode)
    status = task.status
    if content is not None:
        try:
            status = apply_task(task.status, "FINISH" if content.finish else "START",
                                author.roles)
        except Refusal as refusal:
            problems = [Problem("payload.finish", refusal.code, refusal.message)]
    if problems or content is None:
        return _invalid(cid, "INVALID_CONTENT", "记录内容有误，请按提示修改", problems)
    record = await _store(incoming, existing, task, plan, status, content, author,
                          decision.version)
    return SyncAnswer(cid, SyncOutcome.ACCEPTED, record.version, record=record)


async def _plan_forms(plan_id: Any, plans: dict[str, Any]
                      ) -> tuple[InspectionPlan, dict[str, InspectionFormTemplate]]:
    """A plan and the form templates of its items, read once per batch."""
    found = plans.get(str(plan_id))
    if found is None:
        plan = await InspectionPlan.get(id=plan_id)
        rows = {str(t.id): t for t in await InspectionFormTemplate.filter(
            item_id__in=plan.item_ids)}
        found = plans[str(plan_id)] = (plan, rows)
    return found


def _check(incoming: IncomingRecord, rows: dict[str, InspectionFormTemplate],
           template_keys: list[str], now: datetime, decode: Decode
           ) -> tuple[RecordContent | None, list[Problem]]:
    templates = {key: template_from_row(rows[raw]) for key in template_keys
                 if (raw := decode("InspectionFormTemplate", key)) in rows}
    required = frozenset(str(t.item_id) for t in rows.values())
    return check_record(incoming.payload, templates=templates, required_items=required, now=now)


async def _store(incoming: IncomingRecord, existing: InspectionRecord | None,
                 task: InspectionTask, plan: InspectionPlan, status: str,
                 content: RecordContent, author: Author, version: int | None
                 ) -> InspectionRecord:
    payload = dict(incoming.payload)
    digest = content_hash(payload)
    if existing is None:
        record = await InspectionRecord.create(
            id=uuid.UUID(incoming.client_id), task_id=task.id, author_id=author.account_id,
            device_id=author.device_id, version=1, content_hash=digest, payload=payload)
    else:
        record = existing
        record.payload, record.content_hash, record.version = payload, digest, version or 1
        record.device_id = author.device_id
        await record.save()
    task.status = status
    task.started_at = task.started_at or content.started_at
    finish = content.finish
    if finish is not None:
        task.finished_at, task.result, task.result_summary = (
            finish.finished_at, str(finish.result), finish.summary)
        task.publish_due, task.publish_due_provisional = publication_due(finish.finished_at)
        task.case_lead_requested = task.case_lead_requested or finish.case_lead_requested
    await task.save()
    if finish is not None and finish.case_lead_requested:
        await InspectionCaseLead.get_or_create(task_id=task.id, defaults={
            "id": uuid.uuid4(), "subject_id": task.subject_id,
            "department_id": plan.department_id, "summary": finish.summary or "检查发现问题",
            "requested_by_id": author.account_id, "requested_at": finish.finished_at})
    return record
