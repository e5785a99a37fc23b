"""Online handheld steps (start, fill a form, attach evidence, finish) and publication.

Each online step edits the server's copy of the record and stores it through
the same path as an offline sync, so both give the same versions, hashes and
answers. A repeated step whose change is already there answers DUPLICATE,
which makes every step safe to retry.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.errors import Refusal
from models.inspections.rules import apply_task
from models.inspections.service.records import (
    Author,
    Decode,
    SyncAnswer,
    as_uuid,
    is_assigned,
    sync_one,
)
from models.inspections.sync_rules import IncomingRecord, SyncOutcome, content_hash
from models.inspections.tables import InspectionFormTemplate, InspectionRecord, InspectionTask

Payload = dict[str, Any]


async def start(task_key: str, client_id: str, *, author: Author, now: datetime,
                decode: Decode) -> SyncAnswer:
    """Open the task's record (version 1). A task that already has a record
    answers DUPLICATE with it: the inspection was started already."""
    task_id = as_uuid(decode("InspectionTask", task_key))
    if task_id is not None and await is_assigned(task_id, author.account_id):
        current = await InspectionRecord.filter(task_id=task_id).first()
        if current is not None:
            return SyncAnswer(str(current.id), SyncOutcome.DUPLICATE, current.version,
                              record=current)
    payload: Payload = {"taskId": task_key, "startedAt": now.isoformat(), "forms": [],
                        "evidence": [], "finish": None}
    return await sync_one(IncomingRecord(client_id, content_hash(payload), None, payload),
                          author=author, now=now, decode=decode)


async def _patch(client_id: str, base_version: int, change: Callable[[Payload], None], *,
                 author: Author, now: datetime, decode: Decode) -> SyncAnswer:
    key = as_uuid(client_id)
    record = await InspectionRecord.get_or_none(id=key) if key else None
    if record is None or not await is_assigned(record.task_id, author.account_id):
        raise Refusal("RECORD_NOT_FOUND", "检查记录不存在，请先开始检查", "clientId")
    payload = copy.deepcopy(record.payload)
    change(payload)
    digest = content_hash(payload)
    if digest == record.content_hash:  # already applied: a retry
        return SyncAnswer(client_id, SyncOutcome.DUPLICATE, record.version, record=record)
    if base_version != record.version:
        return SyncAnswer(client_id, SyncOutcome.CONFLICT, record.version, "STALE_BASE",
                          "该记录已在其他地方被修改，请核对后再提交", record=record)
    return await sync_one(IncomingRecord(client_id, digest, base_version, payload),
                          author=author, now=now, decode=decode)


async def fill_form(client_id: str, base_version: int, template_key: str, answers: Any, *,
                    author: Author, now: datetime, decode: Decode) -> SyncAnswer:
    """Set the answers of one item's form (replacing that item's earlier form)."""
    raw = as_uuid(decode("InspectionFormTemplate", template_key))
    template = await InspectionFormTemplate.get_or_none(id=raw) if raw else None
    if template is None:
        raise Refusal("UNKNOWN_TEMPLATE", "表单模板不存在", "templateId")
    same_item = {str(t) for t in await InspectionFormTemplate.filter(
        item_id=template.item_id).values_list("id", flat=True)}

    def change(payload: Payload) -> None:
        forms = [f for f in payload.get("forms", [])
                 if decode("InspectionFormTemplate", f.get("templateId", "")) not in same_item]
        payload["forms"] = [*forms, {"templateId": template_key, "answers": answers}]

    return await _patch(client_id, base_version, change, author=author, now=now, decode=decode)


async def attach_evidence(client_id: str, base_version: int, evidence: Payload, *,
                          author: Author, now: datetime, decode: Decode) -> SyncAnswer:
    """Register a photo (with GPS and capture time) or a signature by its file hash."""

    def change(payload: Payload) -> None:
        kept = [e for e in payload.get("evidence", []) if e.get("sha256") != evidence["sha256"]]
        payload["evidence"] = [*kept, evidence]

    return await _patch(client_id, base_version, change, author=author, now=now, decode=decode)


async def finish(client_id: str, base_version: int, details: Payload, *, author: Author,
                 now: datetime, decode: Decode) -> SyncAnswer:
    """Set the result. Without ``finishedAt`` a repeated finish keeps the first time,
    so a retry changes nothing."""

    def change(payload: Payload) -> None:
        earlier = (payload.get("finish") or {}).get("finishedAt")
        payload["finish"] = {**details,
                             "finishedAt": details.get("finishedAt") or earlier or now.isoformat()}

    return await _patch(client_id, base_version, change, author=author, now=now, decode=decode)


async def publish_result(task_id: str, *, roles: Iterable[str], publisher_id: str,
                         now: datetime) -> InspectionTask:
    """公示 a finished inspection's result."""
    async with in_transaction():
        task = await InspectionTask.filter(id=task_id).select_for_update().first()
        if task is None:
            raise Refusal("NOT_FOUND", "检查任务不存在", "taskId")
        task.status = apply_task(task.status, "PUBLISH", roles)
        task.published_at, task.published_by_id = now, publisher_id
        await task.save()
    return task
