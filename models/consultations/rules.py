"""咨询投诉 handling as data: kinds, the transition table, its guards, apply() and time limits.

accepted → assigned → replied → evaluated → closed. A consultation the system
can answer from the catalogue's guide or an FAQ goes straight from accepted to
replied; one nobody could route waits in accepted for a dispatcher. A bad
evaluation (差评, levels 1–2) sends it back to the department once. This
module never reads a clock or the database: the service passes in what the
guards need (``overdue``, ``evaluation_window_closed``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from models.errors import Refusal
from models.ratings.rules import Level, is_bad


class Kind(StrEnum):
    """诉求类型."""

    CONSULTATION = "CONSULTATION"  # 咨询
    COMPLAINT = "COMPLAINT"  # 投诉
    SUGGESTION = "SUGGESTION"  # 建议
    HELP = "HELP"  # 求助


class Status(StrEnum):
    """诉求状态."""

    ACCEPTED = "ACCEPTED"
    ASSIGNED = "ASSIGNED"
    REPLIED = "REPLIED"
    EVALUATED = "EVALUATED"
    CLOSED = "CLOSED"


class Action(StrEnum):
    SUBMIT = "SUBMIT"
    AUTO_REPLY = "AUTO_REPLY"
    ASSIGN = "ASSIGN"
    TRANSFER = "TRANSFER"
    REPLY = "REPLY"
    EVALUATE = "EVALUATE"
    REOPEN = "REOPEN"
    CLOSE = "CLOSE"
    ESCALATE = "ESCALATE"


class Role(StrEnum):
    """Who acts on one consultation (derived per consultation from the viewer)."""

    SENDER = "SENDER"  # 诉求人
    HANDLER = "HANDLER"  # 承办部门 (CLERK / DEPT_ADMIN of the responsible department)
    DISPATCHER = "DISPATCHER"  # 督办/分派 (SUPERVISOR over the region, SYSTEM_ADMIN)
    SYSTEM = "SYSTEM"


class AnswerSource(StrEnum):
    GUIDE = "GUIDE"  # 办事指南自动答复
    FAQ = "FAQ"  # 常见问题自动答复
    STAFF = "STAFF"  # 部门答复


# fmt: off
KIND_LABELS: Mapping[Kind, str] = {
    Kind.CONSULTATION: "咨询", Kind.COMPLAINT: "投诉", Kind.SUGGESTION: "建议", Kind.HELP: "求助",
}
STATUS_LABELS: Mapping[Status, str] = {
    Status.ACCEPTED: "已受理", Status.ASSIGNED: "办理中", Status.REPLIED: "已答复",
    Status.EVALUATED: "已评价", Status.CLOSED: "已办结",
}
ACTION_LABELS: Mapping[Action, str] = {
    Action.SUBMIT: "提交诉求", Action.AUTO_REPLY: "智能答复", Action.ASSIGN: "交办",
    Action.TRANSFER: "转办", Action.REPLY: "答复", Action.EVALUATE: "评价",
    Action.REOPEN: "差评重办", Action.CLOSE: "办结", Action.ESCALATE: "超期督办",
}
ROLE_LABELS: Mapping[Role, str] = {
    Role.SENDER: "诉求人", Role.HANDLER: "承办部门", Role.DISPATCHER: "督办人员",
    Role.SYSTEM: "系统",
}
# Working days to reply, per kind (configurable per region; these are the defaults).
DEFAULT_TIME_LIMITS: Mapping[Kind, int] = {
    Kind.CONSULTATION: 1, Kind.COMPLAINT: 5, Kind.SUGGESTION: 5, Kind.HELP: 2,
}
# fmt: on
MAX_TIME_LIMIT = 60
MAX_REOPENS = 1
# Staff may close a replied consultation the sender left unrated after this many working days.
EVALUATION_WINDOW_DAYS = 5
OPEN_STATUSES = frozenset({Status.ACCEPTED, Status.ASSIGNED})


@dataclass(frozen=True)
class ConsultationState:
    """What the rules need of one consultation; the service stores it."""

    status: Status
    has_department: bool = False
    reopen_count: int = 0
    last_rating: int | None = None
    escalated: bool = False


@dataclass(frozen=True)
class Facts:
    """Clock-derived facts the service computes for the guards."""

    overdue: bool = False
    evaluation_window_closed: bool = False


@dataclass(frozen=True)
class Transition:
    source: Status
    action: Action
    target: Status
    roles: frozenset[Role]
    requires: frozenset[str]
    guard: str | None  # a key of GUARDS; rows sharing (source, action) are tried in order


@dataclass(frozen=True)
class Outcome:
    state: ConsultationState
    transition: Transition
    label_zh: str


def _reopenable(state: ConsultationState) -> bool:
    return (state.last_rating is not None and is_bad(state.last_rating)
            and state.reopen_count < MAX_REOPENS)


# name -> (check, the refusal's message when it fails)
GUARDS = {
    "reopen_to_department": (lambda s, f: _reopenable(s) and s.has_department, "不满足重办条件"),
    "reopen_to_dispatch": (lambda s, f: _reopenable(s) and not s.has_department, "不满足重办条件"),
    "not_reopenable": (lambda s, f: not _reopenable(s), "差评将转回部门重新办理，不能直接办结"),
    "overdue_once": (lambda s, f: f.overdue and not s.escalated, "仅对尚未督办的超期诉求督办"),
    "evaluation_window_closed": (
        lambda s, f: f.evaluation_window_closed,
        f"答复后 {EVALUATION_WINDOW_DAYS} 个工作日内诉求人未评价的，方可由部门办结"),
}

# fmt: off
_S, _A, _R = Status, Action, Role
_STAFF = (_R.HANDLER, _R.DISPATCHER)


def _t(source: Status, action: Action, target: Status, roles: Iterable[Role],
       requires: Iterable[str] = (), guard: str | None = None) -> Transition:
    return Transition(source, action, target, frozenset(roles), frozenset(requires), guard)


TRANSITIONS: tuple[Transition, ...] = (
    _t(_S.ACCEPTED, _A.AUTO_REPLY, _S.REPLIED, [_R.SYSTEM], ["reply"]),
    _t(_S.ACCEPTED, _A.ASSIGN, _S.ASSIGNED, [_R.SYSTEM, _R.DISPATCHER], ["department"]),
    _t(_S.ASSIGNED, _A.TRANSFER, _S.ASSIGNED, _STAFF, ["department", "reason"]),
    _t(_S.ASSIGNED, _A.REPLY, _S.REPLIED, [_R.HANDLER], ["reply"]),
    _t(_S.REPLIED, _A.EVALUATE, _S.EVALUATED, [_R.SENDER], ["rating"]),
    _t(_S.EVALUATED, _A.REOPEN, _S.ASSIGNED, [_R.SYSTEM], guard="reopen_to_department"),
    _t(_S.EVALUATED, _A.REOPEN, _S.ACCEPTED, [_R.SYSTEM], guard="reopen_to_dispatch"),
    _t(_S.EVALUATED, _A.CLOSE, _S.CLOSED, [_R.SYSTEM], guard="not_reopenable"),
    # The sender may end it without rating; staff only once the window to rate has passed.
    _t(_S.REPLIED, _A.CLOSE, _S.CLOSED, [_R.SENDER]),
    _t(_S.REPLIED, _A.CLOSE, _S.CLOSED, _STAFF, guard="evaluation_window_closed"),
    _t(_S.ACCEPTED, _A.ESCALATE, _S.ACCEPTED, [_R.SYSTEM, _R.DISPATCHER], guard="overdue_once"),
    _t(_S.ASSIGNED, _A.ESCALATE, _S.ASSIGNED, [_R.SYSTEM, _R.DISPATCHER], guard="overdue_once"),
)
# fmt: on

_INDEX: dict[tuple[Status, Action], list[Transition]] = {}
for _row in TRANSITIONS:
    _INDEX.setdefault((_row.source, _row.action), []).append(_row)


def _illegal(state: ConsultationState, action: Action, why: str = "") -> Refusal:
    return Refusal("ILLEGAL_TRANSITION", f"诉求当前状态为「{STATUS_LABELS[state.status]}」，"
                   f"不能{ACTION_LABELS[action]}{why}")


def _find(state: ConsultationState, action: Action, role: Role, facts: Facts) -> Transition:
    rows = _INDEX.get((state.status, action), [])
    if not rows:
        raise _illegal(state, action)
    mine = [row for row in rows if role in row.roles]
    if not mine:
        raise Refusal("ROLE_NOT_ALLOWED",
                      f"「{ROLE_LABELS[role]}」无权{ACTION_LABELS[action]}此诉求")
    failed = ""
    for row in mine:
        if row.guard is None:
            return row
        check, message = GUARDS[row.guard]
        if check(state, facts):
            return row
        failed = failed or message
    raise _illegal(state, action, f"（{failed}）")


def _check_payload(transition: Transition, payload: Mapping[str, object]) -> None:
    for key in sorted(transition.requires):
        value = payload.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise Refusal("MISSING_INPUT",
                          f"「{ACTION_LABELS[transition.action]}」缺少必填项", field=key)
    if "rating" in transition.requires:
        check_rating(payload["rating"])


def check_rating(value: object, field: str = "rating") -> int:
    """满意度 1–5, the 好差评 levels."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in set(Level):
        raise Refusal("INVALID_RATING", "评价等级应为 1–5", field)
    return value


def _next_state(state: ConsultationState, transition: Transition,
                payload: Mapping[str, object]) -> ConsultationState:
    action = transition.action
    return ConsultationState(
        status=transition.target,
        has_department=state.has_department or action in (Action.ASSIGN, Action.TRANSFER),
        reopen_count=state.reopen_count + (1 if action is Action.REOPEN else 0),
        last_rating=(int(payload["rating"])  # type: ignore[call-overload]
                     if action is Action.EVALUATE else state.last_rating),
        # A reopened consultation runs on a new time limit, so it may be escalated again.
        escalated=(state.escalated or action is Action.ESCALATE) and action is not Action.REOPEN,
    )


def apply(state: ConsultationState, action: Action, role: Role,
          payload: Mapping[str, object] | None = None, facts: Facts = Facts()) -> Outcome:
    """Decide one move or raise a Refusal; never writes anything."""
    payload = payload or {}
    transition = _find(state, action, role, facts)
    _check_payload(transition, payload)
    label = ACTION_LABELS[action]
    if action is Action.EVALUATE:
        label = f"{label}：{Level(int(payload['rating'])).label}"  # type: ignore[call-overload]
    return Outcome(_next_state(state, transition, payload), transition, label)


def apply_as_any(state: ConsultationState, action: Action, roles: Sequence[Role],
                 payload: Mapping[str, object] | None = None, facts: Facts = Facts()) -> Outcome:
    """apply() for a viewer holding several roles: the first role allowed wins;
    with none, the refusal of the last one tried."""
    if not roles:
        raise Refusal("ROLE_NOT_ALLOWED", f"无权{ACTION_LABELS[action]}此诉求")
    last: Refusal | None = None
    for role in roles:
        try:
            return apply(state, action, role, payload, facts)
        except Refusal as refusal:
            if refusal.code != "ROLE_NOT_ALLOWED":
                raise
            last = refusal
    assert last is not None
    raise last


# Creation is not a move between states: it has a row of its own for the timeline.
SUBMISSION = Transition(Status.ACCEPTED, Action.SUBMIT, Status.ACCEPTED, frozenset({Role.SENDER}),
                        frozenset(), None)


def submitted() -> Outcome:
    return Outcome(ConsultationState(Status.ACCEPTED), SUBMISSION, ACTION_LABELS[Action.SUBMIT])


def follow_up(state: ConsultationState) -> Action | None:
    """What the system does right after an evaluation: reopen or close."""
    if state.status is not Status.EVALUATED:
        return None
    return Action.REOPEN if _reopenable(state) else Action.CLOSE


def available_actions(state: ConsultationState, roles: Iterable[Role],
                      facts: Facts = Facts()) -> list[Action]:
    """What these roles may do now (client buttons); never the system's own moves."""
    allowed = []
    for action in Action:
        for role in roles:
            if role is Role.SYSTEM:
                continue
            try:
                _find(state, action, role, facts)
            except Refusal:
                continue
            allowed.append(action)
            break
    return allowed


def is_open(status: Status) -> bool:
    """Waiting for the government side: the time limit runs."""
    return status in OPEN_STATUSES


# ---------------------------------------------------------------- time limits

def check_time_limit(days: int, field: str = "workingDays") -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_TIME_LIMIT:
        raise Refusal("INVALID_TIME_LIMIT", f"办理时限应为 1–{MAX_TIME_LIMIT} 个工作日", field)
    return days


def time_limit(kind: Kind, region_chain: Sequence[str],
               overrides: Mapping[tuple[str, Kind], int]) -> int:
    """Working days for ``kind``: the override of the most specific region in
    ``region_chain`` (the region first, then its ancestors), else the default."""
    for code in region_chain:
        if (code, kind) in overrides:
            return overrides[(code, kind)]
    return DEFAULT_TIME_LIMITS[kind]


def due_soon_days(limit: int) -> int:
    """Working days before the due date from which a consultation shows as due
    soon: one, except for one-day limits, which would otherwise be due soon
    from the moment they arrive."""
    return 0 if limit <= 1 else 1
