"""Case records that do not move the stage but belong in the 全过程记录: the Art. 58/57
assessment, the party's consent to e-service, the party's recusal request, evidence,
and the revocation of a decision."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.cases.facts import DecisionOutcome, ReviewReason, Role, Stage
from models.cases.service import credit, publication
from models.cases.service.common import (
    Actor,
    Write,
    already_done,
    append,
    check_version,
    lock_case,
)
from models.cases.tables import Case, Evidence
from models.errors import Refusal
from models.files.tables import StoredFile

_BEFORE_DECISION = {Stage.LEAD, Stage.FILED, Stage.INVESTIGATION, Stage.REVIEW, Stage.NOTIFIED}
_DECIDED = {Stage.DECIDED, Stage.SERVED, Stage.EXECUTION, Stage.CLOSED, Stage.ARCHIVED}

Change = Callable[[Case, Role], Awaitable[Write]]


async def _record(case_id: str, actor: Actor, roles: tuple[Role, ...], stages: set[Stage],
                  change: Change, *, expected_version: int | None, now: datetime,
                  kind: str, key: str | None = None) -> Case:
    async with in_transaction():
        case = await lock_case(case_id)
        if await already_done(case, key, kind):
            return case
        check_version(case, expected_version)
        role = actor.require(*roles)
        if Stage(case.stage) not in stages:
            raise Refusal("ILLEGAL_TRANSITION", "案件当前环节不能进行此项登记。")
        await append(case, await change(case, role), actor, now, key)
    return case


async def assess(case_id: str, reasons: list[ReviewReason], collective: bool, actor: Actor,
                 *, expected_version: int, now: datetime) -> Case:
    """审查认定: which Art. 58 reasons make 法制审核 required, and whether Art. 57 wants
    a collective decision. Set by the legal office or the head before the decision."""

    async def change(case: Case, role: Role) -> Write:
        values = sorted({r.value for r in reasons})
        return Write("REVIEW_ASSESSED", role, {"reasons": values, "collective": collective},
                     {"legal_review_reasons": values, "collective_decision_required": collective})

    return await _record(case_id, actor, (Role.LEGAL_REVIEWER, Role.AGENCY_HEAD),
                         _BEFORE_DECISION - {Stage.LEAD}, change,
                         expected_version=expected_version, now=now, kind="REVIEW_ASSESSED")


async def consent_to_e_service(case_id: str, actor: Actor, *, expected_version: int,
                               now: datetime) -> Case:
    """Art. 61: the party's signed consent makes electronic service lawful."""

    async def change(case: Case, role: Role) -> Write:
        return Write("E_SERVICE_CONSENTED", role, {}, {"e_service_consent": True})

    return await _record(case_id, actor, (Role.PARTY,), _BEFORE_DECISION | {Stage.DECIDED},
                         change, expected_version=expected_version, now=now,
                         kind="E_SERVICE_CONSENTED")


async def request_recusal(case_id: str, officer_id: str, reason: str, actor: Actor, *,
                          expected_version: int, now: datetime) -> Case:
    """Art. 43: the party may ask for an officer's recusal; the head decides."""
    if not reason.strip():
        raise Refusal("REASON_REQUIRED", "请填写申请回避的理由。", "reason")

    async def change(case: Case, role: Role) -> Write:
        return Write("RECUSAL_REQUESTED", role, {"officer": officer_id, "reason": reason.strip()})

    return await _record(case_id, actor, (Role.PARTY,), _BEFORE_DECISION, change,
                         expected_version=expected_version, now=now, kind="RECUSAL_REQUESTED")


async def add_evidence(case_id: str, evidence_id: str, *, kind: str, title: str,
                       description: str, file_sha256: str | None, collected_on: date,
                       today: date, actor: Actor, expected_version: int | None,
                       now: datetime) -> Case:
    """证据: append-only, so ``expected_version`` may be omitted; the client's evidence id
    makes a retried upload a no-op. The file hash goes into the chain."""
    if not title.strip():
        raise Refusal("INVALID_INPUT", "请填写证据名称。", "title")
    if collected_on > today:
        raise Refusal("INVALID_INPUT", "取证日期不能晚于今天。", "collectedOn")

    async def change(case: Case, role: Role) -> Write:
        if await Evidence.exists(id=evidence_id):
            raise Refusal("EVIDENCE_ID_TAKEN", "该证据编号已被使用。", "evidenceId")
        if file_sha256 and not await StoredFile.exists(sha256=file_sha256):
            raise Refusal("FILE_NOT_FOUND", "找不到该文件，请先通过 fileUpload 上传。",
                          "fileSha256")
        seq = case.event_count + 1
        await Evidence.create(id=evidence_id, case_id=case.id, kind=kind, title=title.strip(),
                              description=description, file_id=file_sha256,
                              collected_on=collected_on, collected_by_id=actor.account_id,
                              event_seq=seq)
        return Write("EVIDENCE_ADDED", role, {
            "evidence": evidence_id, "type": kind, "title": title.strip(),
            "sha256": file_sha256, "collectedOn": collected_on})

    return await _record(case_id, actor, (Role.INSPECTOR,), _BEFORE_DECISION, change,
                         expected_version=expected_version, now=now, kind="EVIDENCE_ADDED",
                         key=f"evidence:{evidence_id}")


async def revoke(case_id: str, reason: str, actor: Actor, *, expected_version: int,
                 today: date, now: datetime) -> Case:
    """撤销 a penalty decision (on 复议, a court judgment or self-correction): the 公示 must
    come down within 3 working days and the credit grade it caused is restored."""
    if not reason.strip():
        raise Refusal("REASON_REQUIRED", "请填写撤销理由。", "reason")

    async def change(case: Case, role: Role) -> Write:
        if case.outcome != DecisionOutcome.PENALTY.value or case.revoked_on is not None:
            raise Refusal("NOT_REVOCABLE", "只有尚未撤销的行政处罚决定可以撤销。")
        data: dict[str, Any] = {"reason": reason.strip()}
        published = await publication.on_revocation(case, today)
        if published:
            data["publication"] = published
        restored = await credit.revert(case)
        if restored:
            data["credit"] = restored
        return Write("DECISION_REVOKED", role, data,
                     {"revoked_on": today, "revocation_reason": reason.strip()})

    return await _record(case_id, actor, (Role.AGENCY_HEAD,), _DECIDED, change,
                         expected_version=expected_version, now=now, kind="DECISION_REVOKED")
