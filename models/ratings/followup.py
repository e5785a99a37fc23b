"""差评 follow-up case (回访 → 整改 → 反馈 → 追评, with 申诉复核) as a transition table.

Zhejiang's rule (DOMAIN.md §3): call back and verify within 1 day, rectify and
report back to the rater within 15 days (configurable per region), then the rater
may add one 追评. The department may appeal a 差评 once; a supervisor decides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from types import MappingProxyType

from models.errors import Refusal
from models.ratings.rules import Level, validate_rating

# China has had no daylight saving since 1991, so a fixed offset is exact and
# needs no tz database. Day-based deadlines end at local midnight.
CHINA_TZ = timezone(timedelta(hours=8), "CST")

# Bounds the search for the Nth working day, so a calendar that never says "yes" fails.
_MAX_SCAN_DAYS = 366 * 2


class Status(StrEnum):
    OPEN = "OPEN"  # 待回访
    CONTACTED = "CONTACTED"  # 已回访核实
    RECTIFYING = "RECTIFYING"  # 整改中
    FED_BACK = "FED_BACK"  # 已反馈，等待追评
    APPEALED = "APPEALED"  # 申诉复核中
    CLOSED = "CLOSED"  # 已办结


class Action(StrEnum):
    CONTACT = "CONTACT"  # 回访核实
    START_RECTIFICATION = "START_RECTIFICATION"  # 开始整改
    FEED_BACK = "FEED_BACK"  # 整改反馈
    FOLLOWUP_RATE = "FOLLOWUP_RATE"  # 追评
    CLOSE_WITHOUT_FOLLOWUP = "CLOSE_WITHOUT_FOLLOWUP"  # 追评期满自动办结
    APPEAL = "APPEAL"  # 申诉
    UPHOLD_APPEAL = "UPHOLD_APPEAL"  # 复核：申诉成立
    REJECT_APPEAL = "REJECT_APPEAL"  # 复核：申诉不成立
    ESCALATE = "ESCALATE"  # 超期预警


class Role(StrEnum):
    DEPARTMENT_STAFF = "DEPARTMENT_STAFF"
    SUPERVISOR = "SUPERVISOR"
    RATER = "RATER"
    SYSTEM = "SYSTEM"


class Step(StrEnum):
    """A department step with a deadline."""

    CONTACT = "CONTACT"
    RECTIFY = "RECTIFY"


class CloseReason(StrEnum):
    FOLLOWUP_RATED = "FOLLOWUP_RATED"
    NO_FOLLOWUP = "NO_FOLLOWUP"
    APPEAL_UPHELD = "APPEAL_UPHELD"  # the rating is invalidated and leaves the statistics


@dataclass(frozen=True)
class FollowupPolicy:
    """Per-region settings. The last three defaults are ours, not from a published rule."""

    contact_hours: int = 24
    rectify_days: int = 15
    rectify_in_working_days: bool = False
    followup_wait_days: int = 7  # how long the rater may add a 追评 after the feedback
    contact_warn_hours: int = 4  # "due soon" window for 回访
    rectify_warn_days: int = 3  # "due soon" window for 整改反馈

    def __post_init__(self) -> None:
        for name in ("contact_hours", "rectify_days", "followup_wait_days"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.contact_warn_hours < 0 or self.rectify_warn_days < 0:
            raise ValueError("warning windows must not be negative")


@dataclass(frozen=True)
class FollowupCase:
    """差评回访整改工单. Deadlines are fixed when the case opens, so a later policy
    change does not move them."""

    status: Status
    rated_at: datetime
    contact_due: datetime
    rectify_due: datetime
    followup_wait: timedelta
    contacted_at: datetime | None = None
    fed_back_at: datetime | None = None
    escalated_steps: frozenset[Step] = field(default_factory=frozenset)
    appeal_used: bool = False
    status_before_appeal: Status | None = None
    invalidated: bool = False
    followup_level: Level | None = None
    closed_at: datetime | None = None

    @property
    def close_reason(self) -> CloseReason | None:
        if self.status is not Status.CLOSED:
            return None
        if self.invalidated:
            return CloseReason.APPEAL_UPHELD
        return (
            CloseReason.NO_FOLLOWUP if self.followup_level is None else CloseReason.FOLLOWUP_RATED
        )

    @property
    def escalated(self) -> bool:
        return bool(self.escalated_steps)

    @property
    def contact_late(self) -> bool:
        return self.contacted_at is not None and self.contacted_at > self.contact_due

    @property
    def late(self) -> bool:
        """整改反馈 given after its deadline."""
        return self.fed_back_at is not None and self.fed_back_at > self.rectify_due

    @property
    def followup_closes_at(self) -> datetime | None:
        """End of the 追评 window (the rater may rate up to and including it)."""
        return None if self.fed_back_at is None else self.fed_back_at + self.followup_wait


@dataclass(frozen=True)
class Transition:
    """``to`` None means: back to the status the case had before the appeal."""

    to: Status | None
    roles: frozenset[Role]


_STAFF = frozenset({Role.DEPARTMENT_STAFF})
_SUPERVISOR = frozenset({Role.SUPERVISOR})
_RATER = frozenset({Role.RATER})
_SYSTEM = frozenset({Role.SYSTEM})
# A 差评 may be appealed until the department has reported back to the rater.
_APPEALABLE = (Status.OPEN, Status.CONTACTED, Status.RECTIFYING)
# Deadlines keep running during an appeal: a rejected appeal must not buy time.
_ESCALATABLE = (*_APPEALABLE, Status.APPEALED)

TRANSITIONS: Mapping[tuple[Status, Action], Transition] = MappingProxyType(
    {
        (Status.OPEN, Action.CONTACT): Transition(Status.CONTACTED, _STAFF),
        (Status.CONTACTED, Action.START_RECTIFICATION): Transition(Status.RECTIFYING, _STAFF),
        (Status.RECTIFYING, Action.FEED_BACK): Transition(Status.FED_BACK, _STAFF),
        (Status.FED_BACK, Action.FOLLOWUP_RATE): Transition(Status.CLOSED, _RATER),
        (Status.FED_BACK, Action.CLOSE_WITHOUT_FOLLOWUP): Transition(Status.CLOSED, _SYSTEM),
        **{(s, Action.APPEAL): Transition(Status.APPEALED, _STAFF) for s in _APPEALABLE},
        (Status.APPEALED, Action.UPHOLD_APPEAL): Transition(Status.CLOSED, _SUPERVISOR),
        (Status.APPEALED, Action.REJECT_APPEAL): Transition(None, _SUPERVISOR),
        **{(s, Action.ESCALATE): Transition(s, _SYSTEM) for s in _ESCALATABLE},
    }
)

# Specific refusals for moves that skip a step, checked before the table says "illegal".
SKIPPED_STEP: Mapping[tuple[Status, Action], tuple[str, str]] = MappingProxyType(
    {
        (Status.OPEN, Action.START_RECTIFICATION): ("CONTACT_REQUIRED_FIRST", "请先完成回访核实。"),
        (Status.OPEN, Action.FEED_BACK): ("CONTACT_REQUIRED_FIRST", "请先完成回访核实。"),
    }
)

# Inputs each action needs (key, label for the message).
REQUIRED_INPUT: Mapping[Action, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        Action.CONTACT: (("summary", "回访核实情况"),),
        Action.START_RECTIFICATION: (("plan", "整改措施"),),
        Action.FEED_BACK: (("feedback", "整改反馈"),),
        Action.FOLLOWUP_RATE: (("level", "追评等级"),),
        Action.APPEAL: (("reason", "申诉理由"),),
        Action.UPHOLD_APPEAL: (("comment", "复核意见"),),
        Action.REJECT_APPEAL: (("comment", "复核意见"),),
    }
)

# The deadline step an action completes: done late, it is accepted but escalated.
COMPLETES_STEP: Mapping[Action, Step] = MappingProxyType(
    {Action.CONTACT: Step.CONTACT, Action.FEED_BACK: Step.RECTIFY}
)

_ROLES_BY_ACTION: Mapping[Action, frozenset[Role]] = MappingProxyType(
    {
        a: frozenset().union(*(t.roles for (_, act), t in TRANSITIONS.items() if act == a))
        for a in Action
    }
)


def open_case(
    rated_at: datetime,
    policy: FollowupPolicy,
    *,
    is_working_day: Callable[[date], bool] | None = None,
) -> FollowupCase:
    """Open the case for a 差评 rated at ``rated_at``; fixes both deadlines."""
    _require_aware(rated_at, "rated_at")
    return FollowupCase(
        status=Status.OPEN,
        rated_at=rated_at,
        contact_due=rated_at + timedelta(hours=policy.contact_hours),
        rectify_due=rectify_deadline(rated_at, policy, is_working_day=is_working_day),
        followup_wait=timedelta(days=policy.followup_wait_days),
    )


def rectify_deadline(
    rated_at: datetime,
    policy: FollowupPolicy,
    *,
    is_working_day: Callable[[date], bool] | None = None,
) -> datetime:
    """End (24:00 Beijing time, as UTC) of the Nth day after the rating day.

    The rating day itself does not count (民法典 Art. 201). With working days,
    ``is_working_day`` (the shared calendar) decides which days count.
    """
    start = rated_at.astimezone(CHINA_TZ).date()
    if not policy.rectify_in_working_days:
        return _end_of_local_day(start + timedelta(days=policy.rectify_days))
    if is_working_day is None:
        raise ValueError("policy counts working days: pass is_working_day")
    day, counted = start, 0
    for _ in range(_MAX_SCAN_DAYS):
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
            if counted == policy.rectify_days:
                return _end_of_local_day(day)
    raise ValueError("calendar has too few working days to place the deadline")


@dataclass(frozen=True)
class StepAlert:
    """A pending step that is due soon or overdue, for work queues and 超期预警."""

    step: Step
    due: datetime
    overdue: bool
    due_soon: bool
    escalated: bool


def overdue_steps(case: FollowupCase, now: datetime, policy: FollowupPolicy) -> list[StepAlert]:
    """Pending steps that are overdue or within the policy's warning window, earliest first."""
    _require_aware(now, "now")
    warn = {
        Step.CONTACT: timedelta(hours=policy.contact_warn_hours),
        Step.RECTIFY: timedelta(days=policy.rectify_warn_days),
    }
    alerts = []
    for step, due in _pending_deadlines(case):
        overdue = now > due
        due_soon = not overdue and due - now <= warn[step]
        if overdue or due_soon:
            alerts.append(StepAlert(step, due, overdue, due_soon, step in case.escalated_steps))
    return sorted(alerts, key=lambda a: a.due)


def available_actions(case: FollowupCase, role: Role, *, now: datetime) -> tuple[Action, ...]:
    """What ``role`` may do now; the same checks as ``apply`` except the payload."""
    allowed = []
    for action in Action:
        try:
            _check(case, action, role, now)
        except Refusal:
            continue
        allowed.append(action)
    return tuple(allowed)


def apply(
    case: FollowupCase,
    action: Action,
    role: Role,
    payload: Mapping[str, object],
    *,
    now: datetime,
) -> FollowupCase:
    """Return the case after ``action``; raise ``Refusal`` when it is not allowed."""
    _require_aware(now, "now")
    transition = _check(case, action, role, now)
    for key, label in REQUIRED_INPUT.get(action, ()):
        value = payload.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise Refusal("MISSING_INPUT", f"请填写{label}。", field=key)
    to = transition.to if transition.to is not None else case.status_before_appeal
    assert to is not None  # an APPEALED case always remembers where it came from
    changes = _EFFECTS[action](case, payload, now) if action in _EFFECTS else {}
    step = COMPLETES_STEP.get(action)
    if step is not None:
        changes["escalated_steps"] = case.escalated_steps | (_newly_overdue(case, now) & {step})
    if to is Status.CLOSED:
        changes["closed_at"] = now
    return replace(case, status=to, **changes)


def _check(case: FollowupCase, action: Action, role: Role, now: datetime) -> Transition:
    if role not in _ROLES_BY_ACTION[action]:
        raise Refusal("ROLE_NOT_ALLOWED", "您无权执行此操作。")
    # Once-only rules first: "already used" says more than "not possible now".
    if action is Action.APPEAL and case.appeal_used:
        raise Refusal("APPEAL_ALREADY_USED", "每条差评只能申诉一次。")
    if action is Action.FOLLOWUP_RATE and case.followup_level is not None:
        raise Refusal("FOLLOWUP_RATING_ALREADY_USED", "追评只能提交一次。")
    if (case.status, action) in SKIPPED_STEP:
        code, message = SKIPPED_STEP[case.status, action]
        raise Refusal(code, message)
    transition = TRANSITIONS.get((case.status, action))
    if transition is None:
        raise Refusal("ILLEGAL_TRANSITION", "当前状态下不能执行此操作。")
    if role not in transition.roles:
        raise Refusal("ROLE_NOT_ALLOWED", "您无权执行此操作。")
    if action is Action.FOLLOWUP_RATE and now > _window_end(case):
        raise Refusal("FOLLOWUP_WINDOW_CLOSED", "追评期限已过。")
    if action is Action.CLOSE_WITHOUT_FOLLOWUP and now <= _window_end(case):
        raise Refusal("FOLLOWUP_WINDOW_OPEN", "追评期限未满，暂不能办结。")
    if action is Action.ESCALATE and not _newly_overdue(case, now):
        raise Refusal("NOT_OVERDUE", "没有新的超期环节。")
    return transition


Effect = Callable[[FollowupCase, Mapping[str, object], datetime], dict[str, object]]


def _followup_rate(
    case: FollowupCase, payload: Mapping[str, object], now: datetime
) -> dict[str, object]:
    reason = payload.get("reason")
    rating = validate_rating(
        payload["level"],  # type: ignore[arg-type]  # validate_rating refuses non-ints
        payload.get("tags") or (),  # type: ignore[arg-type]
        reason if isinstance(reason, str) else None,
        channel="ONLINE",
    )
    return {"followup_level": rating.level}


# What each action records besides its new status (see also COMPLETES_STEP and closed_at).
_EFFECTS: Mapping[Action, Effect] = MappingProxyType(
    {
        Action.CONTACT: lambda c, p, now: {"contacted_at": now},
        Action.FEED_BACK: lambda c, p, now: {"fed_back_at": now},
        Action.FOLLOWUP_RATE: _followup_rate,
        Action.APPEAL: lambda c, p, now: {"appeal_used": True, "status_before_appeal": c.status},
        Action.UPHOLD_APPEAL: lambda c, p, now: {"invalidated": True},
        Action.REJECT_APPEAL: lambda c, p, now: {"status_before_appeal": None},
        Action.ESCALATE: lambda c, p, now: {
            "escalated_steps": c.escalated_steps | _newly_overdue(c, now)
        },
    }
)


def pending_deadlines(case: FollowupCase) -> list[tuple[Step, datetime]]:
    """The department steps still to do, with their deadlines (kept during an appeal)."""
    return _pending_deadlines(case)


def _pending_deadlines(case: FollowupCase) -> list[tuple[Step, datetime]]:
    status = case.status_before_appeal if case.status is Status.APPEALED else case.status
    pending = []
    if status is Status.OPEN:
        pending.append((Step.CONTACT, case.contact_due))
    if status in _APPEALABLE:
        pending.append((Step.RECTIFY, case.rectify_due))
    return pending


def _newly_overdue(case: FollowupCase, now: datetime) -> frozenset[Step]:
    return frozenset(
        step
        for step, due in _pending_deadlines(case)
        if now > due and step not in case.escalated_steps
    )


def _window_end(case: FollowupCase) -> datetime:
    closes_at = case.followup_closes_at
    assert closes_at is not None  # only asked in FED_BACK, which sets fed_back_at
    return closes_at


def _end_of_local_day(day: date) -> datetime:
    # 24:00 of ``day`` = 00:00 of the next day; the step is on time up to and including it.
    return datetime.combine(day + timedelta(days=1), time(0), CHINA_TZ).astimezone(UTC)


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC)")
