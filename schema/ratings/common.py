"""好差评 enums, the domain's UserError, and helpers shared by its types."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum

import strawberry

from models.errors import Refusal
from models.ratings import followup
from schema.errors import UserError, field_path
from schema.node import from_global_id

RatingCaseStatus = strawberry.enum(
    followup.Status, name="RatingCaseStatus",
    description="差评工单状态：OPEN 待回访，CONTACTED 已回访核实，RECTIFYING 整改中，"
                "FED_BACK 已反馈待追评，APPEALED 申诉复核中，CLOSED 已办结")
RatingCaseAction = strawberry.enum(followup.Action, name="RatingCaseAction",
                                   description="差评工单操作（与状态机转换表一致）")
RatingCaseStep = strawberry.enum(followup.Step, name="RatingCaseStep",
                                 description="有期限的环节：CONTACT 回访核实，RECTIFY 整改反馈")
RatingCaseCloseReason = strawberry.enum(
    followup.CloseReason, name="RatingCaseCloseReason",
    description="办结原因：FOLLOWUP_RATED 已追评，NO_FOLLOWUP 追评期满，APPEAL_UPHELD 申诉成立")


@strawberry.enum(description="评价渠道：ONLINE 网上（一事一评），ON_SITE 窗口现场（一次一评）")
class RatingChannel(Enum):
    ONLINE = "ONLINE"
    ON_SITE = "ON_SITE"


@strawberry.enum(description="排名单位：REGION 下级区划，DEPARTMENT 部门")
class RatingRankingUnit(Enum):
    REGION = "REGION"
    DEPARTMENT = "DEPARTMENT"


@strawberry.enum(description="好差评业务错误码")
class RatingErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    MISSING_INPUT = "MISSING_INPUT"
    INVALID_LEVEL = "INVALID_LEVEL"
    UNKNOWN_TAG = "UNKNOWN_TAG"
    REASON_TOO_LONG = "REASON_TOO_LONG"
    TEXT_TOO_LONG = "TEXT_TOO_LONG"
    BAD_RATING_NEEDS_REASON = "BAD_RATING_NEEDS_REASON"
    NOT_APPLICANT = "NOT_APPLICANT"
    NOT_CONCLUDED = "NOT_CONCLUDED"
    ALREADY_RATED = "ALREADY_RATED"
    INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY"
    CODE_INVALID = "CODE_INVALID"
    CODE_USED = "CODE_USED"
    CODE_EXPIRED = "CODE_EXPIRED"
    MATTER_NOT_FOUND = "MATTER_NOT_FOUND"
    CASE_NOT_FOUND = "CASE_NOT_FOUND"
    ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION"
    ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED"
    CONTACT_REQUIRED_FIRST = "CONTACT_REQUIRED_FIRST"
    APPEAL_ALREADY_USED = "APPEAL_ALREADY_USED"
    FOLLOWUP_RATING_ALREADY_USED = "FOLLOWUP_RATING_ALREADY_USED"
    FOLLOWUP_WINDOW_CLOSED = "FOLLOWUP_WINDOW_CLOSED"
    INVALID_POLICY = "INVALID_POLICY"
    INVALID_REGION = "INVALID_REGION"


@strawberry.type(description="好差评业务错误")
class RatingError(UserError):
    code: RatingErrorCode


# The rules call a rating's text "reason"; the rating inputs call it "comment".
CONTENT_FIELDS = {"reason": "comment"}


def rating_error(refusal: Refusal, renames: dict[str, str] | None = None) -> RatingError:
    """The payload error for a refusal; ``renames`` maps the rules' field names to the
    input's."""
    try:
        code = RatingErrorCode(refusal.code)
    except ValueError:
        code = RatingErrorCode.INVALID_INPUT
    names = renames or {}
    dotted = refusal.field
    if dotted:
        head, sep, rest = dotted.partition("[")
        dotted = names.get(head, head) + sep + rest
    return RatingError(code=code, field=field_path(dotted), message=refusal.message)


def uuid_of(raw: str | None, *type_names: str) -> str | None:
    """The UUID behind a global ID of one of ``type_names``; None for anything else."""
    decoded = from_global_id(raw) if raw else None
    if decoded is None or decoded[0] not in type_names:
        return None
    try:
        return str(uuid.UUID(decoded[1]))
    except ValueError:
        return None


CLOCK_SERVICE = "ratings.clock"


def now_of(services: dict) -> datetime:
    """The current instant; tests put a fixed clock in the services to move time."""
    source: Callable[[], datetime] | None = services.get(CLOCK_SERVICE)
    return source() if source is not None else datetime.now(UTC)
