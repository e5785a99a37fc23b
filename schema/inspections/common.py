"""Inspection enums, the domain's UserError, and helpers shared by its types."""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import Any

import strawberry

from models.identity.pii import PiiCipher
from models.inspections import rules
from models.inspections.forms import FieldType
from models.inspections.publication import PublicationStatus
from models.inspections.sync_rules import SyncOutcome
from schema.errors import UserError, field_path
from schema.node import from_global_id

CreditGrade = strawberry.enum(rules.CreditGrade, name="SubjectCreditGrade",
                              description="检查对象信用等级（A 守信 … D 失信）")
RiskGrade = strawberry.enum(rules.RiskGrade, name="SubjectRiskGrade",
                            description="检查对象风险等级")
InspectionPlanStatus = strawberry.enum(rules.PlanStatus, name="InspectionPlanStatus",
                                       description="抽查计划状态")
InspectionTaskStatus = strawberry.enum(rules.TaskStatus, name="InspectionTaskStatus",
                                       description="检查任务状态")
InspectionResult = strawberry.enum(rules.InspectionResult, name="InspectionResult",
                                   description="检查结果类别")
InspectionPublicationStatus = strawberry.enum(PublicationStatus,
                                              name="InspectionPublicationStatus",
                                              description="结果公示状态")
InspectionFormFieldType = strawberry.enum(FieldType, name="InspectionFormFieldType",
                                          description="检查表单字段类型")
InspectionSyncOutcome = strawberry.enum(SyncOutcome, name="InspectionSyncOutcome",
                                        description="离线记录同步结果")


@strawberry.enum(description="证据类型")
class InspectionEvidenceKind(Enum):
    PHOTO = "PHOTO"
    SIGNATURE = "SIGNATURE"


@strawberry.enum(description="检查业务错误码")
class InspectionErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    NOT_ALLOWED = "NOT_ALLOWED"
    # directories, items and forms
    INVALID_CODE = "INVALID_CODE"
    ITEM_CODE_TAKEN = "ITEM_CODE_TAKEN"
    INVALID_FORM = "INVALID_FORM"
    INVALID_TEMPLATE = "INVALID_TEMPLATE"
    IMPORT_INVALID = "IMPORT_INVALID"
    IMPORT_CONFLICT = "IMPORT_CONFLICT"
    FILE_NOT_FOUND = "FILE_NOT_FOUND"
    INVALID_ENCODING = "INVALID_ENCODING"
    MISSING_COLUMNS = "MISSING_COLUMNS"
    TOO_MANY_ROWS = "TOO_MANY_ROWS"
    TOO_MANY_FIELDS = "TOO_MANY_FIELDS"
    EMPTY = "EMPTY"
    INVALID_CREDIT_CODE_FORMAT = "INVALID_CREDIT_CODE_FORMAT"
    INVALID_CREDIT_CODE_CHECKSUM = "INVALID_CREDIT_CODE_CHECKSUM"
    INVALID_PHONE = "INVALID_PHONE"
    INVALID_REGION = "INVALID_REGION"
    DUPLICATE_IN_FILE = "DUPLICATE_IN_FILE"
    # plans and the draw
    REGION_OUT_OF_SCOPE = "REGION_OUT_OF_SCOPE"
    INVALID_PERIOD = "INVALID_PERIOD"
    UNKNOWN_ITEM = "UNKNOWN_ITEM"
    INVALID_GRADE = "INVALID_GRADE"
    INVALID_MULTIPLIER = "INVALID_MULTIPLIER"
    INVALID_NUMBER = "INVALID_NUMBER"
    RATIO_OR_COUNT_REQUIRED = "RATIO_OR_COUNT_REQUIRED"
    INVALID_RATIO = "INVALID_RATIO"
    INVALID_COUNT = "INVALID_COUNT"
    COUNT_EXCEEDS_ELIGIBLE = "COUNT_EXCEEDS_ELIGIBLE"
    INVALID_INSPECTORS_PER_SUBJECT = "INVALID_INSPECTORS_PER_SUBJECT"
    INVALID_YEARLY_CAP = "INVALID_YEARLY_CAP"
    UNKNOWN_GRADE = "UNKNOWN_GRADE"
    DUPLICATE_SUBJECT = "DUPLICATE_SUBJECT"
    DUPLICATE_INSPECTOR = "DUPLICATE_INSPECTOR"
    NOT_ENOUGH_INSPECTORS = "NOT_ENOUGH_INSPECTORS"
    NO_SUBJECTS = "NO_SUBJECTS"
    INPUTS_CHANGED = "INPUTS_CHANGED"
    # records and sync
    RECORD_NOT_FOUND = "RECORD_NOT_FOUND"
    TASK_NOT_FOUND = "TASK_NOT_FOUND"
    TASK_CHANGED = "TASK_CHANGED"
    TASK_HAS_RECORD = "TASK_HAS_RECORD"
    CLIENT_ID_TAKEN = "CLIENT_ID_TAKEN"
    BAD_CLIENT_ID = "BAD_CLIENT_ID"
    BAD_BASE_VERSION = "BAD_BASE_VERSION"
    BAD_PAYLOAD = "BAD_PAYLOAD"
    HASH_MISMATCH = "HASH_MISMATCH"
    UNKNOWN_BASE_VERSION = "UNKNOWN_BASE_VERSION"
    BASE_VERSION_AHEAD = "BASE_VERSION_AHEAD"
    STALE_BASE = "STALE_BASE"
    INVALID_CONTENT = "INVALID_CONTENT"
    NOT_AN_OBJECT = "NOT_AN_OBJECT"
    UNKNOWN_FIELD = "UNKNOWN_FIELD"
    WRONG_TYPE = "WRONG_TYPE"
    NOT_AN_OPTION = "NOT_AN_OPTION"
    NOT_A_NUMBER = "NOT_A_NUMBER"
    BELOW_MIN = "BELOW_MIN"
    ABOVE_MAX = "ABOVE_MAX"
    TOO_LONG = "TOO_LONG"
    DUPLICATE_PHOTO = "DUPLICATE_PHOTO"
    TOO_FEW_PHOTOS = "TOO_FEW_PHOTOS"
    INVALID_TIME = "INVALID_TIME"
    TIME_IN_FUTURE = "TIME_IN_FUTURE"
    INVALID_LOCATION = "INVALID_LOCATION"
    INVALID_HASH = "INVALID_HASH"
    INVALID_KIND = "INVALID_KIND"
    DUPLICATE_EVIDENCE = "DUPLICATE_EVIDENCE"
    EVIDENCE_MISSING = "EVIDENCE_MISSING"
    UNKNOWN_TEMPLATE = "UNKNOWN_TEMPLATE"
    DUPLICATE_ITEM = "DUPLICATE_ITEM"
    BEFORE_START = "BEFORE_START"
    INVALID_RESULT = "INVALID_RESULT"
    SIGNATURE_REQUIRED = "SIGNATURE_REQUIRED"
    FORMS_INCOMPLETE = "FORMS_INCOMPLETE"
    CASE_LEAD_NOT_ALLOWED = "CASE_LEAD_NOT_ALLOWED"


@strawberry.type(description="检查业务错误")
class InspectionError(UserError):
    code: InspectionErrorCode


def inspection_error(code: str, message: str, field: str | None) -> InspectionError:
    """An error from any code the domain produces; unknown ones become INVALID_INPUT."""
    try:
        known = InspectionErrorCode(code)
    except ValueError:
        known = InspectionErrorCode.INVALID_INPUT
    return InspectionError(code=known, field=field_path(field), message=message)


@lru_cache(maxsize=4)
def _cipher_for(secret: str) -> PiiCipher:
    return PiiCipher.from_secret(secret)


def pii_cipher(ctx: Any) -> PiiCipher:
    """The app's PII cipher when it provides one, else one from PII_SECRET."""
    return ctx.services.get("pii") or _cipher_for(ctx.settings.pii_secret)


def decode_id(type_name: str, global_id: str) -> str | None:
    """The key inside an opaque id of ``type_name``; None for anything else."""
    decoded = from_global_id(global_id)
    return decoded[1] if decoded is not None and decoded[0] == type_name else None
