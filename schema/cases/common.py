"""Penalty-case enums, the money scalar, the domain's UserError and shared helpers."""

from __future__ import annotations

import uuid
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry

from models.cases import facts
from models.cases.clock import SYSTEM_CLOCK
from models.cases.deadline_view import DeadlineKind
from models.cases.documents import DocumentKind
from models.cases.service.opening import SourceKind
from models.errors import Refusal
from schema.errors import UserError, field_path
from schema.node import from_global_id

CaseStage = strawberry.enum(facts.Stage, name="CaseStage", description="案件环节")
CaseNoticeState = strawberry.enum(facts.NoticeState, name="CaseNoticeState",
                                  description="告知后陈述申辩、听证进度（环节为 NOTIFIED 时）")
CasePartyKind = strawberry.enum(facts.PartyKind, name="CasePartyKind", description="当事人类型")
CaseProcedure = strawberry.enum(facts.Procedure, name="CaseProcedure",
                                description="程序：GENERAL 普通程序，SIMPLE 简易程序（当场处罚）")
CaseDecisionOutcome = strawberry.enum(facts.DecisionOutcome, name="CaseDecisionOutcome",
                                      description="处理决定：给予处罚、不予处罚、违法事实不能成立、移送司法机关")
CaseServiceMethod = strawberry.enum(facts.ServiceMethod, name="CaseServiceMethod",
                                    description="送达方式（电子送达需当事人签署同意）")
CaseReviewReason = strawberry.enum(facts.ReviewReason, name="CaseReviewReason",
                                   description="须法制审核的情形（行政处罚法第五十八条）")
CaseSourceKind = strawberry.enum(SourceKind, name="CaseSourceKind",
                                 description="线索来源：检查发现、投诉举报、移送、现场发现")
CaseDocumentKind = strawberry.enum(DocumentKind, name="CaseDocumentKind",
                                   description="执法文书种类")
CaseDeadlineKind = strawberry.enum(DeadlineKind, name="CaseDeadlineKind",
                                   description="办案期限种类")
CaseAction = strawberry.enum(
    facts.Action, name="CaseAction",
    description="案件操作；每个操作对应一个 mutation：FILE_CASE→caseFile，DROP_LEAD→caseLeadDrop，"
    "DECIDE_ON_SPOT→caseDecideOnSpot，START_INVESTIGATION→caseInvestigationStart，"
    "APPROVE_EXTENSION→caseExtensionApprove，SUBMIT_FOR_REVIEW→caseReviewSubmit，"
    "PASS_LEGAL_REVIEW→caseLegalReviewPass，RETURN_FOR_INVESTIGATION→caseReturnForInvestigation，"
    "NOTIFY→caseNotify，SUBMIT_DEFENCE→caseDefenceSubmit，WAIVE_IN_WRITING→caseDefenceWaive，"
    "REQUEST_HEARING→caseHearingRequest，SCHEDULE_HEARING→caseHearingSchedule，"
    "HOLD_HEARING→caseHearingHold，DECIDE→caseDecide，SERVE→caseServe，"
    "START_EXECUTION→caseExecutionStart，RECORD_PAYMENT→casePaymentRecord，"
    "COLLECT_ON_SPOT→caseCollectOnSpot，RECORD_EXECUTION→caseExecutionRecord，"
    "CLOSE_CASE→caseClose，ARCHIVE→caseArchive。")


@strawberry.enum(description="期限状态")
class CaseDeadlineStatus(Enum):
    ON_TRACK = "ON_TRACK"
    DUE_SOON = "DUE_SOON"
    OVERDUE = "OVERDUE"
    MET = "MET"


@strawberry.enum(description="证据种类（行政处罚法第四十六条）")
class EvidenceKind(Enum):
    DOCUMENTARY = "DOCUMENTARY"  # 书证
    PHYSICAL = "PHYSICAL"  # 物证
    AUDIO_VISUAL = "AUDIO_VISUAL"  # 视听资料
    ELECTRONIC = "ELECTRONIC"  # 电子数据
    WITNESS = "WITNESS"  # 证人证言
    STATEMENT = "STATEMENT"  # 当事人的陈述
    EXPERT_OPINION = "EXPERT_OPINION"  # 鉴定意见
    ON_SITE_RECORD = "ON_SITE_RECORD"  # 勘验笔录、现场笔录


@strawberry.enum(description="处罚案件业务错误码")
class CaseErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_AMOUNT = "INVALID_AMOUNT"
    CONFLICT = "CONFLICT"
    CASE_NOT_FOUND = "CASE_NOT_FOUND"
    ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION"
    ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    CASE_ID_TAKEN = "CASE_ID_TAKEN"
    LEAD_NOT_FOUND = "LEAD_NOT_FOUND"
    LEAD_TAKEN = "LEAD_TAKEN"
    PARTY_REQUIRED = "PARTY_REQUIRED"
    INVALID_CREDIT_CODE_FORMAT = "INVALID_CREDIT_CODE_FORMAT"
    INVALID_CREDIT_CODE_CHECKSUM = "INVALID_CREDIT_CODE_CHECKSUM"
    INVALID_ID_NUMBER_FORMAT = "INVALID_ID_NUMBER_FORMAT"
    INVALID_ID_NUMBER_CHECKSUM = "INVALID_ID_NUMBER_CHECKSUM"
    INVALID_ID_NUMBER_BIRTHDATE = "INVALID_ID_NUMBER_BIRTHDATE"
    # officers (Art. 42–43)
    OFFICERS_INVALID = "OFFICERS_INVALID"
    TOO_FEW_OFFICERS = "TOO_FEW_OFFICERS"
    OFFICER_RECUSED = "OFFICER_RECUSED"
    OFFICER_NOT_ON_CASE = "OFFICER_NOT_ON_CASE"
    TEAM_CLOSED = "TEAM_CLOSED"
    REASON_REQUIRED = "REASON_REQUIRED"
    # evidence
    EVIDENCE_ID_TAKEN = "EVIDENCE_ID_TAKEN"
    FILE_NOT_FOUND = "FILE_NOT_FOUND"
    # review, notice, defence and hearing
    EXTENSION_INVALID = "EXTENSION_INVALID"
    DECISION_DEADLINE_PASSED = "DECISION_DEADLINE_PASSED"
    REVIEWER_NOT_QUALIFIED = "REVIEWER_NOT_QUALIFIED"
    LEGAL_REVIEW_REQUIRED = "LEGAL_REVIEW_REQUIRED"
    COLLECTIVE_DECISION_REQUIRED = "COLLECTIVE_DECISION_REQUIRED"
    PENALTY_REQUIRED = "PENALTY_REQUIRED"
    PENALTY_NOT_ALLOWED = "PENALTY_NOT_ALLOWED"
    DECISION_BEFORE_NOTICE = "DECISION_BEFORE_NOTICE"
    DEFENCE_NOT_HEARD = "DEFENCE_NOT_HEARD"
    PENALTY_INCREASED_AFTER_DEFENCE = "PENALTY_INCREASED_AFTER_DEFENCE"
    HEARING_NOT_OFFERED = "HEARING_NOT_OFFERED"
    HEARING_NOT_AVAILABLE = "HEARING_NOT_AVAILABLE"
    HEARING_REQUEST_WINDOW_CLOSED = "HEARING_REQUEST_WINDOW_CLOSED"
    HEARING_WINDOW_OPEN = "HEARING_WINDOW_OPEN"
    HEARING_NOT_HELD = "HEARING_NOT_HELD"
    HEARING_NOT_YET_DUE = "HEARING_NOT_YET_DUE"
    HEARING_NOTICE_TOO_SHORT = "HEARING_NOTICE_TOO_SHORT"
    HEARING_CHAIR_IS_INVESTIGATOR = "HEARING_CHAIR_IS_INVESTIGATOR"
    HEARING_CHAIR_INVALID = "HEARING_CHAIR_INVALID"
    SIMPLE_PROCEDURE_CAP_EXCEEDED = "SIMPLE_PROCEDURE_CAP_EXCEEDED"
    # service and execution
    E_SERVICE_WITHOUT_CONSENT = "E_SERVICE_WITHOUT_CONSENT"
    ON_SPOT_SERVICE_REQUIRED = "ON_SPOT_SERVICE_REQUIRED"
    NOTHING_TO_EXECUTE = "NOTHING_TO_EXECUTE"
    NO_FINE_OUTSTANDING = "NO_FINE_OUTSTANDING"
    PAYMENT_SHORT = "PAYMENT_SHORT"
    ON_SPOT_COLLECTION_NOT_ALLOWED = "ON_SPOT_COLLECTION_NOT_ALLOWED"
    EXECUTION_INCOMPLETE = "EXECUTION_INCOMPLETE"
    # 公示 and revocation
    NOT_PUBLISHABLE = "NOT_PUBLISHABLE"
    ALREADY_PUBLISHED = "ALREADY_PUBLISHED"
    NOT_WITHDRAWABLE = "NOT_WITHDRAWABLE"
    NOT_REVOCABLE = "NOT_REVOCABLE"


@strawberry.type(description="处罚案件业务错误")
class CaseError(UserError):
    code: CaseErrorCode
    current_version: int | None = strawberry.field(
        default=None, description="CONFLICT 时案件的当前版本：刷新后用它重试")


def case_error(refusal: Refusal) -> CaseError:
    try:
        code = CaseErrorCode(refusal.code)
    except ValueError:
        code = CaseErrorCode.INVALID_INPUT
    return CaseError(code=code, field=field_path(refusal.field), message=refusal.message,
                     current_version=getattr(refusal, "current_version", None))


def fen(amount: Decimal, field: str) -> int:
    """Yuan (at most two decimals, not negative) → int fen, or a refusal naming the field."""
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise Refusal("INVALID_AMOUNT", "金额应为不小于 0、最多两位小数的人民币元数。", field)
    return int(amount * 100)


def yuan(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(Decimal("0.01"))


def clock(info: strawberry.Info) -> Any:
    """The request's clock (tests install a fixed one as services["case_clock"])."""
    return info.context.services.get("case_clock") or SYSTEM_CLOCK


def decode_key(global_id: str, type_name: str) -> str | None:
    """The UUID inside one of our global ids of ``type_name``, else None."""
    decoded = from_global_id(global_id)
    if decoded is None or decoded[0] != type_name:
        return None
    try:
        return str(uuid.UUID(decoded[1]))
    except ValueError:
        return None
