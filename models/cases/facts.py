"""Penalty-case (行政处罚案件) vocabulary and the snapshot of facts the rules read.

Money is always an ``int`` of fen (分): ¥1 = 100. Dates are plain ``date``s the
caller supplies; nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum


class Stage(StrEnum):
    """案件环节."""

    LEAD = "LEAD"
    FILED = "FILED"
    INVESTIGATION = "INVESTIGATION"
    REVIEW = "REVIEW"
    NOTIFIED = "NOTIFIED"
    DECIDED = "DECIDED"
    SERVED = "SERVED"
    EXECUTION = "EXECUTION"
    CLOSED = "CLOSED"
    ARCHIVED = "ARCHIVED"
    DROPPED = "DROPPED"


class NoticeState(StrEnum):
    """告知后的陈述申辩 / 听证进度 (sub-state of ``Stage.NOTIFIED``)."""

    AWAITING_RESPONSE = "AWAITING_RESPONSE"
    DEFENCE_HEARD = "DEFENCE_HEARD"
    WAIVED_IN_WRITING = "WAIVED_IN_WRITING"
    HEARING_REQUESTED = "HEARING_REQUESTED"
    HEARING_SCHEDULED = "HEARING_SCHEDULED"
    HEARING_HELD = "HEARING_HELD"


class Role(StrEnum):
    """案件参与角色."""

    INSPECTOR = "INSPECTOR"
    LEGAL_REVIEWER = "LEGAL_REVIEWER"
    AGENCY_HEAD = "AGENCY_HEAD"
    PARTY = "PARTY"
    SYSTEM = "SYSTEM"


class Action(StrEnum):
    """案件操作."""

    FILE_CASE = "FILE_CASE"
    DROP_LEAD = "DROP_LEAD"
    DECIDE_ON_SPOT = "DECIDE_ON_SPOT"
    START_INVESTIGATION = "START_INVESTIGATION"
    APPROVE_EXTENSION = "APPROVE_EXTENSION"
    SUBMIT_FOR_REVIEW = "SUBMIT_FOR_REVIEW"
    PASS_LEGAL_REVIEW = "PASS_LEGAL_REVIEW"  # noqa: S105 - an action name, not a password
    RETURN_FOR_INVESTIGATION = "RETURN_FOR_INVESTIGATION"
    NOTIFY = "NOTIFY"
    SUBMIT_DEFENCE = "SUBMIT_DEFENCE"
    WAIVE_IN_WRITING = "WAIVE_IN_WRITING"
    REQUEST_HEARING = "REQUEST_HEARING"
    SCHEDULE_HEARING = "SCHEDULE_HEARING"
    HOLD_HEARING = "HOLD_HEARING"
    DECIDE = "DECIDE"
    SERVE = "SERVE"
    START_EXECUTION = "START_EXECUTION"
    RECORD_PAYMENT = "RECORD_PAYMENT"
    COLLECT_ON_SPOT = "COLLECT_ON_SPOT"
    RECORD_EXECUTION = "RECORD_EXECUTION"
    CLOSE_CASE = "CLOSE_CASE"
    ARCHIVE = "ARCHIVE"


class PartyKind(StrEnum):
    """当事人类型: the Art. 51 caps and hearing thresholds differ by kind."""

    CITIZEN = "CITIZEN"
    ORGANISATION = "ORGANISATION"


class Procedure(StrEnum):
    """程序: 简易程序 (on the spot, Art. 51) or 普通程序."""

    GENERAL = "GENERAL"
    SIMPLE = "SIMPLE"


class DecisionOutcome(StrEnum):
    """处理决定 (Art. 57)."""

    PENALTY = "PENALTY"
    NO_PENALTY = "NO_PENALTY"
    NOT_ESTABLISHED = "NOT_ESTABLISHED"
    TRANSFERRED = "TRANSFERRED"


class ServiceMethod(StrEnum):
    """送达方式 (Art. 61 and 民事诉讼法)."""

    ON_SPOT = "ON_SPOT"
    DIRECT = "DIRECT"
    POST = "POST"
    LEFT_AT_ADDRESS = "LEFT_AT_ADDRESS"
    ELECTRONIC = "ELECTRONIC"
    PUBLIC_NOTICE = "PUBLIC_NOTICE"


class ReviewReason(StrEnum):
    """法制审核的法定情形 (Art. 58); the hearing trigger is derived, not stored."""

    MAJOR_PUBLIC_INTEREST = "MAJOR_PUBLIC_INTEREST"
    COMPLEX_CASE = "COMPLEX_CASE"
    REQUIRED_BY_LAW = "REQUIRED_BY_LAW"


# fmt: off
STAGE_LABELS: Mapping[Stage, str] = {
    Stage.LEAD: "线索", Stage.FILED: "立案", Stage.INVESTIGATION: "调查取证",
    Stage.REVIEW: "审查", Stage.NOTIFIED: "告知", Stage.DECIDED: "决定", Stage.SERVED: "送达",
    Stage.EXECUTION: "执行", Stage.CLOSED: "结案", Stage.ARCHIVED: "归档",
    Stage.DROPPED: "不予立案",
}
NOTICE_STATE_LABELS: Mapping[NoticeState, str] = {
    NoticeState.AWAITING_RESPONSE: "等待陈述申辩", NoticeState.DEFENCE_HEARD: "已听取陈述申辩",
    NoticeState.WAIVED_IN_WRITING: "已书面放弃", NoticeState.HEARING_REQUESTED: "已申请听证",
    NoticeState.HEARING_SCHEDULED: "已通知听证", NoticeState.HEARING_HELD: "已举行听证",
}
ROLE_LABELS: Mapping[Role, str] = {
    Role.INSPECTOR: "执法人员", Role.LEGAL_REVIEWER: "法制审核人员",
    Role.AGENCY_HEAD: "行政机关负责人", Role.PARTY: "当事人", Role.SYSTEM: "系统",
}
ACTION_LABELS: Mapping[Action, str] = {
    Action.FILE_CASE: "立案", Action.DROP_LEAD: "不予立案", Action.DECIDE_ON_SPOT: "当场处罚",
    Action.START_INVESTIGATION: "开始调查取证", Action.APPROVE_EXTENSION: "批准延长办案期限",
    Action.SUBMIT_FOR_REVIEW: "调查终结提请审查", Action.PASS_LEGAL_REVIEW: "法制审核通过",
    Action.RETURN_FOR_INVESTIGATION: "退回补充调查", Action.NOTIFY: "送达告知书",
    Action.SUBMIT_DEFENCE: "陈述申辩", Action.WAIVE_IN_WRITING: "书面放弃陈述申辩和听证",
    Action.REQUEST_HEARING: "申请听证", Action.SCHEDULE_HEARING: "通知听证",
    Action.HOLD_HEARING: "举行听证", Action.DECIDE: "作出决定", Action.SERVE: "送达决定书",
    Action.START_EXECUTION: "进入执行", Action.RECORD_PAYMENT: "登记缴款",
    Action.COLLECT_ON_SPOT: "当场收缴罚款", Action.RECORD_EXECUTION: "登记执行完毕",
    Action.CLOSE_CASE: "结案", Action.ARCHIVE: "归档",
}
# fmt: on

# Art. 51 and Art. 68 are national law, not provincial settings.
SIMPLE_FINE_CAP_FEN: Mapping[PartyKind, int] = {
    PartyKind.CITIZEN: 200_00,
    PartyKind.ORGANISATION: 3_000_00,
}
ON_SPOT_COLLECTION_CAP_FEN = 100_00


@dataclass(frozen=True)
class Officer:
    """执法人员 assigned to the case; ``recused`` once a recusal (回避) is granted."""

    officer_id: str
    credentialed: bool
    recused: bool = False


@dataclass(frozen=True)
class Penalty:
    """行政处罚内容 as notified or decided; compared item by item (Art. 45)."""

    fine_fen: int = 0
    warning: bool = False
    confiscation_fen: int = 0  # 没收违法所得、非法财物的价值
    licence_revocation: bool = False  # 降低资质等级、吊销许可证件
    closure: bool = False  # 责令停产停业、责令关闭
    restriction: bool = False  # 限制开展生产经营活动、限制从业

    def __post_init__(self) -> None:
        for name in ("fine_fen", "confiscation_fen"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative int of fen, got {value!r}")

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    @property
    def needs_enforcement(self) -> bool:
        """Measures beyond the fine that someone must carry out (a warning is done by service)."""
        return bool(
            self.confiscation_fen or self.licence_revocation or self.closure or self.restriction
        )

    def heavier_items(self, notified: Penalty) -> list[str]:
        """Items where this penalty goes beyond ``notified``; any new kind counts, even a
        warning, because a changed penalty must be notified again before it is decided."""
        return [f.name for f in fields(self) if getattr(self, f.name) > getattr(notified, f.name)]


@dataclass(frozen=True)
class HearingThresholds:
    """听证 thresholds for "较大数额" (Art. 63). Each province sets its own; the defaults
    (citizen ¥10,000, organisation ¥100,000, for fines and confiscations alike) apply
    until an administrator configures the region. A value at the threshold qualifies."""

    citizen_fine_fen: int = 10_000_00
    organisation_fine_fen: int = 100_000_00
    citizen_confiscation_fen: int = 10_000_00
    organisation_confiscation_fen: int = 100_000_00

    def fine_threshold(self, kind: PartyKind) -> int:
        if kind is PartyKind.CITIZEN:
            return self.citizen_fine_fen
        return self.organisation_fine_fen

    def confiscation_threshold(self, kind: PartyKind) -> int:
        if kind is PartyKind.CITIZEN:
            return self.citizen_confiscation_fen
        return self.organisation_confiscation_fen


@dataclass(frozen=True)
class CaseSnapshot:
    """The facts of one 行政处罚案件 that the rules read; the service loads and stores it."""

    stage: Stage
    party_kind: PartyKind
    procedure: Procedure = Procedure.GENERAL
    notice_state: NoticeState | None = None
    officers: tuple[Officer, ...] = ()
    thresholds: HearingThresholds = HearingThresholds()
    # 立案 starts the Art. 60 clock; approved extensions add calendar days to it.
    filed_on: date | None = None
    extension_days: int = 0
    # 审查: Art. 58 and Art. 57 requirements, set when the case is assessed.
    legal_review_reasons: frozenset[ReviewReason] = frozenset()
    legal_review_passed_on: date | None = None
    collective_decision_required: bool = False
    # 告知 and 听证
    notified_on: date | None = None
    notified_penalty: Penalty | None = None
    hearing_offered: bool = False
    hearing_request_deadline: date | None = None
    hearing_on: date | None = None
    hearing_chair_id: str | None = None
    hearing_held_on: date | None = None
    # 决定, 送达, 执行
    decided_on: date | None = None
    outcome: DecisionOutcome | None = None
    decided_penalty: Penalty | None = None
    e_service_consent: bool = False
    served_on: date | None = None
    service_method: ServiceMethod | None = None
    fine_paid_on: date | None = None
    paid_fen: int = 0  # received: the fine plus any late fee (Art. 72)
    enforcement_done: bool = False
    closed_on: date | None = None

    def __post_init__(self) -> None:
        # A corrupt snapshot must fail loudly rather than unlock odd moves.
        if (self.stage is Stage.NOTIFIED) != (self.notice_state is not None):
            raise ValueError("notice_state is set exactly when the stage is NOTIFIED")
        if self.extension_days < 0:
            raise ValueError("extension_days must be >= 0")

    @property
    def investigator_ids(self) -> frozenset[str]:
        return frozenset(o.officer_id for o in self.officers)
