"""办件 lifecycle as data: the transition table, its guards, apply() and numbering.

The legal clock here is the Art. 42 decision clock (行政许可法): it starts at the
handling authority's acceptance, pauses for special procedures and suspensions,
and stops at the decision. The Art. 32 intake window (5 working days from
receipt) is computed by the service from the working-day calendar and passed
in as ``correction_window_closed``; this module never reads a clock.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal, cast

from models.errors import Refusal


class Status(StrEnum):
    """办件状态."""

    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    PRE_REVIEW = "PRE_REVIEW"
    ACCEPTED = "ACCEPTED"
    REJECTED_AT_INTAKE = "REJECTED_AT_INTAKE"
    NEEDS_CORRECTION = "NEEDS_CORRECTION"
    UNDER_REVIEW = "UNDER_REVIEW"
    SPECIAL_PROCEDURE = "SPECIAL_PROCEDURE"
    APPROVED = "APPROVED"
    DENIED = "DENIED"
    DELIVERED = "DELIVERED"
    WITHDRAWN = "WITHDRAWN"
    SUSPENDED = "SUSPENDED"


class Action(StrEnum):
    """办件操作."""

    SUBMIT = "SUBMIT"
    START_PRE_REVIEW = "START_PRE_REVIEW"
    ACCEPT = "ACCEPT"
    REJECT_AT_INTAKE = "REJECT_AT_INTAKE"
    REQUEST_CORRECTION = "REQUEST_CORRECTION"
    RESUBMIT = "RESUBMIT"
    START_REVIEW = "START_REVIEW"
    START_SPECIAL_PROCEDURE = "START_SPECIAL_PROCEDURE"
    END_SPECIAL_PROCEDURE = "END_SPECIAL_PROCEDURE"
    APPROVE = "APPROVE"
    DENY = "DENY"
    DELIVER = "DELIVER"
    WITHDRAW = "WITHDRAW"
    SUSPEND = "SUSPEND"
    RESUME = "RESUME"
    FORMAL_CHECK_PASS = "FORMAL_CHECK_PASS"  # noqa: S105 - an action name, not a password
    FORWARD = "FORWARD"
    RECEIVE_FORWARDED = "RECEIVE_FORWARDED"


class Role(StrEnum):
    """办件参与角色."""

    APPLICANT = "APPLICANT"
    CLERK = "CLERK"
    APPROVER = "APPROVER"
    RECEIVING_CLERK = "RECEIVING_CLERK"
    SYSTEM = "SYSTEM"


class CrossProvinceMode(StrEnum):
    """跨省通办模式 (国办发〔2020〕35号)."""

    NONE = "NONE"
    FULLY_ONLINE = "FULLY_ONLINE"
    PROXY = "PROXY"
    MULTI_SITE = "MULTI_SITE"


# The tables below are kept packed and aligned by hand: they are read as tables.
# fmt: off
STATUS_LABELS: Mapping[Status, str] = {
    Status.DRAFT: "草稿", Status.SUBMITTED: "已提交", Status.PRE_REVIEW: "预审中",
    Status.ACCEPTED: "已受理", Status.REJECTED_AT_INTAKE: "不予受理",
    Status.NEEDS_CORRECTION: "待补正", Status.UNDER_REVIEW: "审查中",
    Status.SPECIAL_PROCEDURE: "特别程序中", Status.APPROVED: "已批准", Status.DENIED: "不予批准",
    Status.DELIVERED: "已送达", Status.WITHDRAWN: "已撤回", Status.SUSPENDED: "已挂起",
}
ACTION_LABELS: Mapping[Action, str] = {
    Action.SUBMIT: "提交申请", Action.START_PRE_REVIEW: "开始预审", Action.ACCEPT: "受理",
    Action.REJECT_AT_INTAKE: "不予受理", Action.REQUEST_CORRECTION: "一次性告知补正",
    Action.RESUBMIT: "补正后重新提交", Action.START_REVIEW: "开始审查",
    Action.START_SPECIAL_PROCEDURE: "启动特别程序", Action.END_SPECIAL_PROCEDURE: "结束特别程序",
    Action.APPROVE: "批准", Action.DENY: "不予批准", Action.DELIVER: "送达结果",
    Action.WITHDRAW: "撤回申请", Action.SUSPEND: "挂起", Action.RESUME: "恢复办理",
    Action.FORMAL_CHECK_PASS: "形式审查及身份核验通过", Action.FORWARD: "转递材料",
    Action.RECEIVE_FORWARDED: "办理地签收",
}
ROLE_LABELS: Mapping[Role, str] = {
    Role.APPLICANT: "申请人", Role.CLERK: "受理人员", Role.APPROVER: "审批人员",
    Role.RECEIVING_CLERK: "异地收件窗口", Role.SYSTEM: "系统",
}

# An applicant may withdraw, and staff may suspend, only these. A draft is not yet
# in the authority's hands; after a decision there is nothing left to withdraw.
OPEN_STATUSES: frozenset[Status] = frozenset({
    Status.SUBMITTED, Status.PRE_REVIEW, Status.ACCEPTED, Status.NEEDS_CORRECTION,
    Status.UNDER_REVIEW, Status.SPECIAL_PROCEDURE, Status.SUSPENDED,
})
# 办结: a decision exists; ratings (好差评) may be given only from here on.
CONCLUDED_STATUSES: frozenset[Status] = frozenset({
    Status.APPROVED, Status.DENIED, Status.DELIVERED,
})
_SUSPENDABLE = [s for s in Status if s in OPEN_STATUSES and s is not Status.SUSPENDED]
# The Art. 42 clock has started (at ACCEPT) and not stopped; it ticks only in the first two.
_CLOCK_TICKING = frozenset({Status.ACCEPTED, Status.UNDER_REVIEW})
_CLOCK_STARTED = _CLOCK_TICKING | {Status.SPECIAL_PROCEDURE}

# 异地代收代办 hand-over, in order: 收件 → 形式审查 → 转递 → 办理地签收.
HANDOVER_STEPS: tuple[str, ...] = ("RECEIVED", "FORMAL_CHECKED", "FORWARDED", "HANDLER_RECEIVED")
HANDOVER_LABELS: Mapping[str, str] = {
    "RECEIVED": "收件", "FORMAL_CHECKED": "形式审查及身份核验",
    "FORWARDED": "转递", "HANDLER_RECEIVED": "办理地签收",
}
# In PROXY mode each action completes one step and needs the step before it done.
HANDOVER_MOVES: Mapping[Action, str] = {
    Action.SUBMIT: "RECEIVED", Action.FORMAL_CHECK_PASS: "FORMAL_CHECKED",
    Action.FORWARD: "FORWARDED", Action.RECEIVE_FORWARDED: "HANDLER_RECEIVED",
}
# In PROXY mode the handling authority works on the file only once it holds it.
HANDOVER_GATES: Mapping[Action, str] = {
    Action.START_PRE_REVIEW: "HANDLER_RECEIVED", Action.ACCEPT: "HANDLER_RECEIVED",
}
PROXY_ONLY_ACTIONS: frozenset[Action] = frozenset(HANDOVER_MOVES) - {Action.SUBMIT}
# fmt: on

ClockEffect = Literal["START", "PAUSE", "RESUME", "STOP", None]


@dataclass(frozen=True)
class Transition:
    """One legal move: who may make it, which inputs it needs, what it does to the clock."""

    source: Status
    action: Action
    target: Status
    roles: frozenset[Role]
    requires: frozenset[str]
    pauses_clock: bool
    resumes_clock: bool
    label_zh: str


@dataclass(frozen=True)
class ApplicationState:
    """The snapshot of a 办件 that the rules need; the service stores it."""

    status: Status
    mode: CrossProvinceMode = CrossProvinceMode.NONE
    handover: str | None = None
    suspended_from: Status | None = None
    clock_paused: bool = False

    def __post_init__(self) -> None:
        # A corrupt snapshot must fail loudly rather than unlock odd moves.
        proxy = self.mode is CrossProvinceMode.PROXY
        if self.handover is not None and (not proxy or self.handover not in HANDOVER_STEPS):
            raise ValueError(f"invalid hand-over {self.handover!r} for mode {self.mode}")
        if (self.status is Status.SUSPENDED) != (self.suspended_from is not None):
            raise ValueError("suspended_from is set exactly when the status is SUSPENDED")
        if self.suspended_from is not None and self.suspended_from not in _SUSPENDABLE:
            raise ValueError(f"cannot be suspended from {self.suspended_from}")


@dataclass(frozen=True)
class Outcome:
    """What apply() decided: the next snapshot and the event for the timeline."""

    state: ApplicationState
    transition: Transition
    event_label_zh: str
    clock: ClockEffect


# fmt: off
def _t(source: Status, action: Action, target: Status, roles: Iterable[Role],
       requires: Iterable[str] = (), *, pauses: bool = False, resumes: bool = False,
       label: str | None = None) -> Transition:
    return Transition(source, action, target, frozenset(roles), frozenset(requires),
                      pauses, resumes, label or ACTION_LABELS[action])


_S, _A, _R = Status, Action, Role
_STAFF = (_R.CLERK, _R.APPROVER)
TRANSITIONS: tuple[Transition, ...] = (
    _t(_S.DRAFT, _A.SUBMIT, _S.SUBMITTED, [_R.APPLICANT]),
    _t(_S.SUBMITTED, _A.START_PRE_REVIEW, _S.PRE_REVIEW, [_R.CLERK, _R.SYSTEM]),
    _t(_S.SUBMITTED, _A.FORMAL_CHECK_PASS, _S.SUBMITTED, [_R.RECEIVING_CLERK]),
    # tracking_number: the post waybill, or the push receipt number when sent online.
    _t(_S.SUBMITTED, _A.FORWARD, _S.SUBMITTED, [_R.RECEIVING_CLERK], ["tracking_number"]),
    _t(_S.SUBMITTED, _A.RECEIVE_FORWARDED, _S.PRE_REVIEW, [_R.CLERK]),
    _t(_S.PRE_REVIEW, _A.ACCEPT, _S.ACCEPTED, [_R.CLERK]),
    _t(_S.PRE_REVIEW, _A.REJECT_AT_INTAKE, _S.REJECTED_AT_INTAKE, [_R.CLERK], ["reason"]),
    _t(_S.PRE_REVIEW, _A.REQUEST_CORRECTION, _S.NEEDS_CORRECTION, [_R.CLERK], ["missing_items"]),
    _t(_S.NEEDS_CORRECTION, _A.RESUBMIT, _S.SUBMITTED, [_R.APPLICANT]),
    _t(_S.ACCEPTED, _A.START_REVIEW, _S.UNDER_REVIEW, [_R.APPROVER]),
    # Hearings, tests, expert review etc. are not counted and the applicant is told (Art. 45).
    _t(_S.UNDER_REVIEW, _A.START_SPECIAL_PROCEDURE, _S.SPECIAL_PROCEDURE, [_R.APPROVER],
       ["reason"], pauses=True),
    _t(_S.SPECIAL_PROCEDURE, _A.END_SPECIAL_PROCEDURE, _S.UNDER_REVIEW, [_R.APPROVER],
       resumes=True),
    _t(_S.UNDER_REVIEW, _A.APPROVE, _S.APPROVED, [_R.APPROVER]),
    # A denial must state its reasons (Art. 38).
    _t(_S.UNDER_REVIEW, _A.DENY, _S.DENIED, [_R.APPROVER], ["reason"]),
    _t(_S.APPROVED, _A.DELIVER, _S.DELIVERED, [_R.CLERK, _R.SYSTEM], ["delivery_method"]),
    _t(_S.DENIED, _A.DELIVER, _S.DELIVERED, [_R.CLERK, _R.SYSTEM], ["delivery_method"]),
    *(_t(s, _A.WITHDRAW, _S.WITHDRAWN, [_R.APPLICANT]) for s in Status if s in OPEN_STATUSES),
    *(_t(s, _A.SUSPEND, _S.SUSPENDED, _STAFF, ["reason"], pauses=s in _CLOCK_TICKING)
      for s in _SUSPENDABLE),
    # One RESUME row per state it can return to; apply() takes the one named by suspended_from.
    *(_t(_S.SUSPENDED, _A.RESUME, s, _STAFF, resumes=s in _CLOCK_TICKING,
         label=f"恢复办理（回到{STATUS_LABELS[s]}）") for s in _SUSPENDABLE),
)
# fmt: on

_INDEX: dict[tuple[Status, Action], list[Transition]] = {}
for _row in TRANSITIONS:
    _INDEX.setdefault((_row.source, _row.action), []).append(_row)


def is_open(status: Status) -> bool:
    """True while the authority still has work to do and the applicant may withdraw."""
    return status in OPEN_STATUSES


def is_concluded(status: Status) -> bool:
    """True once a decision exists (办结); ratings may be given only then."""
    return status in CONCLUDED_STATUSES


def _illegal(state: ApplicationState, action: Action, why: str = "") -> Refusal:
    return Refusal(
        "ILLEGAL_TRANSITION",
        f"办件当前状态为「{STATUS_LABELS[state.status]}」，不能执行「{ACTION_LABELS[action]}」{why}",
    )


def _find(state: ApplicationState, action: Action) -> Transition:
    if action in PROXY_ONLY_ACTIONS and state.mode is not CrossProvinceMode.PROXY:
        raise _illegal(state, action, "（仅适用于异地代收代办）")
    rows = _INDEX.get((state.status, action), [])
    if action is Action.RESUME:
        rows = [row for row in rows if row.target == state.suspended_from]
    if not rows:
        raise _illegal(state, action)
    return rows[0]


def _check_handover(state: ApplicationState, action: Action) -> None:
    if state.mode is not CrossProvinceMode.PROXY:
        return
    if action in HANDOVER_MOVES:
        needed = HANDOVER_STEPS.index(HANDOVER_MOVES[action]) - 1
    elif action in HANDOVER_GATES:
        needed = HANDOVER_STEPS.index(HANDOVER_GATES[action])
    else:
        return
    done = -1 if state.handover is None else HANDOVER_STEPS.index(state.handover)
    if done < needed:
        step = HANDOVER_LABELS[HANDOVER_STEPS[done + 1]]
        raise Refusal(
            "HANDOVER_INCOMPLETE",
            f"异地代收代办尚未完成「{step}」，不能执行「{ACTION_LABELS[action]}」",
        )
    if done > needed:
        raise _illegal(state, action, "（该交接环节已完成）")


def _authorise(
    state: ApplicationState, action: Action, role: Role, correction_window_closed: bool
) -> Transition:
    # Every guard but the payload's, shared with available_actions() so buttons never lie.
    transition = _find(state, action)
    if role not in transition.roles:
        raise Refusal(
            "ROLE_NOT_ALLOWED", f"「{ROLE_LABELS[role]}」无权执行「{ACTION_LABELS[action]}」"
        )
    _check_handover(state, action)
    if action is Action.REQUEST_CORRECTION and correction_window_closed:
        # Art. 32: not told within 5 working days of receipt → accepted as of the day of receipt.
        raise Refusal(
            "CORRECTION_WINDOW_CLOSED",
            "已超过收到申请之日起5个工作日的补正告知期限，依法自收到申请之日起即为受理，不能再要求补正",
        )
    return transition


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _check_missing_items(value: object) -> None:
    if value is None:
        raise Refusal("MISSING_INPUT", "请填写需补正的材料清单", field="missing_items")
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise Refusal("MISSING_INPUT", "需补正的材料须以清单形式逐项列明", field="missing_items")
    if not value:
        # 一次告知: an empty notice would let the clerk restart the window without telling anything.
        raise Refusal(
            "EMPTY_CORRECTION_LIST",
            "须一次性告知需补正的全部材料，清单不能为空",
            field="missing_items",
        )
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise Refusal("MISSING_INPUT", f"第{i + 1}项补正材料为空", field=f"missing_items.{i}")


def _check_payload(transition: Transition, payload: Mapping[str, object]) -> None:
    for key in sorted(transition.requires):
        if key == "missing_items":
            _check_missing_items(payload.get(key))
        elif not _present(payload.get(key)):
            raise Refusal("MISSING_INPUT", f"「{transition.label_zh}」缺少必填项：{key}", field=key)


def _clock_started(status: Status, suspended_from: Status | None) -> bool:
    return status in _CLOCK_STARTED or suspended_from in _CLOCK_STARTED


def _next_state(state: ApplicationState, transition: Transition) -> ApplicationState:
    target = transition.target
    suspended_from = state.status if target is Status.SUSPENDED else None
    handover = state.handover
    if state.mode is CrossProvinceMode.PROXY and transition.action in HANDOVER_MOVES:
        handover = HANDOVER_MOVES[transition.action]
    paused = (state.clock_paused or transition.pauses_clock) and not transition.resumes_clock
    return ApplicationState(
        status=target,
        mode=state.mode,
        handover=handover,
        suspended_from=suspended_from,
        clock_paused=paused and _clock_started(target, suspended_from),
    )


def _clock_effect(
    before: ApplicationState, after: ApplicationState, transition: Transition
) -> ClockEffect:
    was = _clock_started(before.status, before.suspended_from)
    now = _clock_started(after.status, after.suspended_from)
    if now and not was:
        return "START"
    if was and not now:
        return "STOP"
    if transition.pauses_clock:
        return "PAUSE"
    if transition.resumes_clock:
        return "RESUME"
    return None


def apply(
    state: ApplicationState,
    action: Action,
    role: Role,
    payload: Mapping[str, object],
    *,
    correction_window_closed: bool = False,
) -> Outcome:
    """Decide one move or raise a Refusal; never writes anything."""
    transition = _authorise(state, action, role, correction_window_closed)
    _check_payload(transition, payload)
    after = _next_state(state, transition)
    label = transition.label_zh
    if action is Action.REQUEST_CORRECTION:
        label = f"{label}（共{len(cast(Sequence[str], payload['missing_items']))}项材料）"
    return Outcome(after, transition, label, _clock_effect(state, after, transition))


def available_actions(
    state: ApplicationState, role: Role, *, correction_window_closed: bool = False
) -> list[Action]:
    """What ``role`` may do now (client buttons); apply() accepts each given a full payload."""
    allowed = []
    for action in Action:
        try:
            _authorise(state, action, role, correction_window_closed)
        except Refusal:
            continue
        allowed.append(action)
    return allowed


# No 0/O or 1/I/L: citizens read the code aloud and type it on phones.
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 8


def application_number(region_code: str, day: date, sequence: int) -> str:
    """办件编号: 6-digit region code + yyyyMMdd + 6-digit daily sequence."""
    if len(region_code) != 6 or not region_code.isascii() or not region_code.isdigit():
        raise ValueError(f"region code must be 6 digits: {region_code!r}")
    if not 1 <= sequence <= 999_999:
        raise ValueError(f"sequence out of range: {sequence}")
    return f"{region_code}{day:%Y%m%d}{sequence:06d}"


def query_code(rng: random.Random) -> str:
    """查询码 issued at submission: the second factor for anonymous progress lookup."""
    return "".join(rng.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
