"""办件 enums, the domain's UserError, and helpers shared by its types."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum

import strawberry

from models.applications import clock, rules
from models.applications.documents import DocumentKind
from models.applications.record import Side
from models.errors import Refusal
from schema.errors import UserError, field_path
from schema.node import from_global_id

ApplicationStatus = strawberry.enum(rules.Status, name="ApplicationStatus",
                                    description="办件状态")
ApplicationAction = strawberry.enum(rules.Action, name="ApplicationAction",
                                    description="办件操作（与状态机转换表一致）")
ApplicationCrossProvinceMode = strawberry.enum(
    rules.CrossProvinceMode, name="ApplicationCrossProvinceMode",
    description="跨省通办模式：NONE 属地办理，FULLY_ONLINE 全程网办，PROXY 异地代收代办，"
                "MULTI_SITE 多地联办")
ApplicationDeadlineKind = strawberry.enum(clock.DeadlineKind, name="ApplicationDeadlineKind",
                                          description="正在计算的期限")
ApplicationDeadlineFlag = strawberry.enum(clock.Flag, name="ApplicationDeadlineFlag",
                                          description="时效状态")
ApplicationDocumentKind = strawberry.enum(DocumentKind, name="ApplicationDocumentKind",
                                          description="文书类型")
ApplicationSide = strawberry.enum(Side, name="ApplicationSide",
                                  description="跨省通办中的一方：HANDLING 办理地，RECEIVING 收件地")


@strawberry.enum(name="ApplicationDeliveryMethod", description="结果送达方式")
class DeliveryMethod(Enum):
    ONLINE = "ONLINE"
    POST = "POST"
    PICK_UP = "PICK_UP"


@strawberry.enum(name="ApplicationSpecialProcedureKind",
                 description="特别程序类型（时间不计入期限）")
class SpecialProcedureKind(Enum):
    HEARING = "HEARING"
    INSPECTION = "INSPECTION"
    TEST = "TEST"
    EXPERT_REVIEW = "EXPERT_REVIEW"
    OTHER = "OTHER"


@strawberry.enum(name="ApplicationMaterialState", description="申请材料状态")
class MaterialState(Enum):
    PROVIDED = "PROVIDED"
    MISSING = "MISSING"
    DEFERRED = "DEFERRED"  # 容缺：受理后补交
    OPTIONAL = "OPTIONAL"


@strawberry.enum(description="办件业务错误码")
class ApplicationErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    MISSING_INPUT = "MISSING_INPUT"
    NOT_FOUND = "NOT_FOUND"
    ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION"
    ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED"
    EMPTY_CORRECTION_LIST = "EMPTY_CORRECTION_LIST"
    CORRECTION_WINDOW_CLOSED = "CORRECTION_WINDOW_CLOSED"
    HANDOVER_INCOMPLETE = "HANDOVER_INCOMPLETE"
    IDENTITY_NOT_CHECKED = "IDENTITY_NOT_CHECKED"
    NOT_PUBLISHED = "NOT_PUBLISHED"
    MODE_NOT_OFFERED = "MODE_NOT_OFFERED"
    INVALID_RECEIVING_DEPARTMENT = "INVALID_RECEIVING_DEPARTMENT"
    INVALID_REGION = "INVALID_REGION"
    NOTHING_TO_APPLY = "NOTHING_TO_APPLY"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    MATERIALS_MISSING = "MATERIALS_MISSING"
    UNKNOWN_MATERIAL = "UNKNOWN_MATERIAL"
    NOT_EDITABLE = "NOT_EDITABLE"
    FILE_NOT_FOUND = "FILE_NOT_FOUND"
    FILE_TYPE_NOT_ALLOWED = "FILE_TYPE_NOT_ALLOWED"
    DEFERRED_MATERIALS_OUTSTANDING = "DEFERRED_MATERIALS_OUTSTANDING"


@strawberry.type(description="办件业务错误")
class ApplicationError(UserError):
    code: ApplicationErrorCode


def application_error(refusal: Refusal, prefix: str | None = None) -> ApplicationError:
    try:
        code = ApplicationErrorCode(refusal.code)
    except ValueError:
        code = ApplicationErrorCode.INVALID_INPUT
    dotted = f"{prefix}.{refusal.field}" if prefix and refusal.field else (
        refusal.field or prefix)
    return ApplicationError(code=code, field=field_path(dotted), message=refusal.message)


def uuid_of(raw: str | None, *type_names: str) -> str | None:
    """The UUID behind a global ID of one of ``type_names`` (any type when none is
    given, for other domains' IDs), or a bare UUID; None for anything else."""
    if not raw:
        return None
    decoded = from_global_id(raw)
    candidates = []
    if decoded is not None and (not type_names or decoded[0] in type_names):
        candidates.append(decoded[1])
    candidates.append(raw)
    for candidate in candidates:
        try:
            return str(uuid.UUID(candidate))
        except ValueError:
            continue
    return None


CLOCK_SERVICE = "applications.clock"


def now_of(services: dict) -> datetime:
    """The current instant; tests put a fixed clock in the services to move time."""
    source: Callable[[], datetime] | None = services.get(CLOCK_SERVICE)
    return source() if source is not None else datetime.now(UTC)


def today_of(services: dict) -> date:
    return clock.local_date(now_of(services))
