"""Handheld mutations: offline sync, the online inspection steps, and publication."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_roles
from auth.viewer import Viewer
from models.errors import Refusal
from models.inspections.rules import ADMIN_ROLES, INSPECTOR_ROLE
from models.inspections.service import handheld
from models.inspections.service.records import Author, SyncAnswer, sync_records
from models.inspections.sync_rules import IncomingRecord, SyncOutcome
from resolvers.inspections.access import scope
from schema.inspections.common import decode_id, inspection_error
from schema.inspections.inputs import (
    InspectionEvidenceAttachInput,
    InspectionFinishInput,
    InspectionFormFillInput,
    InspectionRecordsSyncInput,
    InspectionResultPublishInput,
    InspectionStartInput,
)
from schema.inspections.payloads import (
    InspectionRecordChangePayload,
    InspectionRecordsSyncPayload,
    InspectionRecordSyncResult,
    InspectionResultPublishPayload,
)
from schema.inspections.tasks import InspectionRecord, InspectionTask

# where a problem in the stored record sits in an online step's input
_ONLINE_FIELD = re.compile(r"^payload\.(?:forms\[\d+\]\.|evidence\[\d+\]\.?|finish\.?)?")
# the input field a whole-record outcome is about
_REASON_FIELD = {"HASH_MISMATCH": "contentHash", "BAD_PAYLOAD": "payload",
                 "BAD_BASE_VERSION": "baseVersion", "UNKNOWN_BASE_VERSION": "baseVersion",
                 "BASE_VERSION_AHEAD": "baseVersion", "STALE_BASE": "baseVersion",
                 "TASK_HAS_RECORD": "payload.taskId"}


def _author(viewer: Viewer) -> Author:
    return Author(str(viewer.account_id), viewer.roles, viewer.device_id)


def _errors(answer: SyncAnswer, where: str) -> list:
    errors = [inspection_error(p.code, p.message, where + p.field) for p in answer.problems]
    if answer.outcome is not SyncOutcome.ACCEPTED and answer.reason and not errors:
        field = _REASON_FIELD.get(answer.reason, "clientId")
        errors = [inspection_error(answer.reason, answer.message or "", where + field)]
    return errors


def _result(answer: SyncAnswer, index: int) -> InspectionRecordSyncResult:
    return InspectionRecordSyncResult(
        client_id=answer.client_id, outcome=answer.outcome, version=answer.version,
        reason=answer.reason, message=answer.message,
        errors=_errors(answer, f"records[{index}]."),
        server_record=InspectionRecord.from_row(answer.record) if answer.record else None)


def _change(answer: SyncAnswer) -> InspectionRecordChangePayload:
    errors = [inspection_error(p.code, p.message, _ONLINE_FIELD.sub("", p.field) or None)
              for p in answer.problems] or _errors(answer, "")
    ok = answer.outcome in (SyncOutcome.ACCEPTED, SyncOutcome.DUPLICATE)
    return InspectionRecordChangePayload(
        outcome=answer.outcome, errors=[] if ok else errors,
        record=InspectionRecord.from_row(answer.record) if answer.record else None)


async def _step(info: strawberry.Info, run) -> InspectionRecordChangePayload:
    viewer = require_roles(info.context.viewer, INSPECTOR_ROLE)
    try:
        answer = await run(_author(viewer), datetime.now(UTC))
    except Refusal as r:
        return InspectionRecordChangePayload(errors=[inspection_error(r.code, r.message,
                                                                      r.field)])
    return _change(answer)


@strawberry.type
class InspectionHandheldMutation:
    @strawberry.mutation(description=describe(
        "同步离线检查记录：逐条答复 ACCEPTED / DUPLICATE / CONFLICT（附服务器上的记录）/ "
        "INVALID（附字段错误）。每条记录单独保存，整批可安全重发。", INSPECTOR_ROLE))
    async def inspection_records_sync(self, info: strawberry.Info,
                                      input: InspectionRecordsSyncInput
                                      ) -> InspectionRecordsSyncPayload:
        viewer = require_roles(info.context.viewer, INSPECTOR_ROLE)
        records = [IncomingRecord(r.client_id, r.content_hash, r.base_version, r.payload)
                   for r in input.records]
        answers = await sync_records(records, author=_author(viewer), now=datetime.now(UTC),
                                     decode=decode_id)
        return InspectionRecordsSyncPayload(results=[_result(a, n) for n, a in enumerate(answers)])

    @strawberry.mutation(description=describe(
        "开始检查：为任务创建检查记录（版本 1）；任务已有记录时返回该记录（DUPLICATE）。",
        INSPECTOR_ROLE))
    async def inspection_start(self, info: strawberry.Info,
                               input: InspectionStartInput) -> InspectionRecordChangePayload:
        return await _step(info, lambda author, now: handheld.start(
            input.task_id, input.client_id, author=author, now=now, decode=decode_id))

    @strawberry.mutation(description=describe(
        "填写一个抽查事项的检查表单（记录保留所用的表单版本）。", INSPECTOR_ROLE))
    async def inspection_form_fill(self, info: strawberry.Info,
                                   input: InspectionFormFillInput) -> InspectionRecordChangePayload:
        return await _step(info, lambda author, now: handheld.fill_form(
            input.client_id, input.base_version, input.template_id, input.answers,
            author=author, now=now, decode=decode_id))

    @strawberry.mutation(description=describe(
        "登记证据：照片（按文件哈希，含 GPS 位置与拍摄时间）或被检查对象的签名。", INSPECTOR_ROLE))
    async def inspection_evidence_attach(self, info: strawberry.Info,
                                         input: InspectionEvidenceAttachInput
                                         ) -> InspectionRecordChangePayload:
        evidence = {"sha256": input.sha256, "kind": input.kind.value,
                    "capturedAt": input.captured_at.isoformat()}
        if input.latitude is not None or input.longitude is not None:
            evidence.update(latitude=input.latitude, longitude=input.longitude)
        return await _step(info, lambda author, now: handheld.attach_evidence(
            input.client_id, input.base_version, evidence, author=author, now=now,
            decode=decode_id))

    @strawberry.mutation(description=describe(
        "完成检查：填写结果，须有被检查对象签名；发现问题时可移送案件线索。", INSPECTOR_ROLE))
    async def inspection_finish(self, info: strawberry.Info,
                                input: InspectionFinishInput) -> InspectionRecordChangePayload:
        details = {"finishedAt": input.finished_at.isoformat() if input.finished_at else None,
                   "result": str(input.result), "summary": input.summary,
                   "caseLeadRequested": input.case_lead_requested, "signature": input.signature}
        return await _step(info, lambda author, now: handheld.finish(
            input.client_id, input.base_version, details, author=author, now=now,
            decode=decode_id))

    @strawberry.mutation(description=describe("公示检查结果（检查后 20 个工作日内）。",
                                              *ADMIN_ROLES))
    async def inspection_result_publish(self, info: strawberry.Info,
                                        input: InspectionResultPublishInput
                                        ) -> InspectionResultPublishPayload:
        where = await scope(info.context, *ADMIN_ROLES)
        task = await info.context.loaders["inspection_task"].load(
            decode_id("InspectionTask", input.task_id) or "")
        plan = await info.context.loaders["inspection_plan"].load(str(task.plan_id)) \
            if task else None
        if plan is None or not where.administers(plan.department_id):
            raise NotFound("检查任务不存在")
        try:
            row = await handheld.publish_result(str(task.id), roles=where.viewer.roles,
                                                publisher_id=str(where.viewer.account_id),
                                                now=datetime.now(UTC))
        except Refusal as r:
            return InspectionResultPublishPayload(errors=[inspection_error(r.code, r.message,
                                                                           r.field)])
        return InspectionResultPublishPayload(task=InspectionTask.from_row(row))
