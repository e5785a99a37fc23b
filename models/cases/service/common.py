"""What every case write shares: the calendar, the actor, the row lock, the version
check, idempotent retries and the one function that appends to the hash chain."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from tortoise import Tortoise

from models.calendar.rules import HolidayTable
from models.calendar.seed import covered_years, schedules_from_chinesecalendar
from models.cases.chain import event_hash, jsonable
from models.cases.deadlines import add_working_days
from models.cases.facts import ROLE_LABELS, Action, HearingThresholds, Role, Stage
from models.cases.rules import TRANSITIONS
from models.cases.tables import Case, CaseEvent, HearingThresholdSetting
from models.errors import Refusal

# When two case roles could make a move, the one listed first acts.
ROLE_ORDER = (Role.INSPECTOR, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.PARTY, Role.SYSTEM)


@lru_cache(maxsize=1)
def holiday_table() -> HolidayTable:
    """Built once per process from chinesecalendar; later years count weekends only and
    every date depending on them is marked provisional."""
    return HolidayTable(schedules_from_chinesecalendar(covered_years()))


@dataclass(frozen=True)
class Actor:
    """Who acts, and every case role they hold on this case (decided by the caller)."""

    account_id: str | None
    roles: frozenset[Role]
    client_id: str | None = None
    name: str = ""

    def role_for(self, stage: Stage, action: Action) -> Role:
        """The role that makes this move: one the transition allows, if the actor has it;
        otherwise their first role, so that ``apply`` gives the precise refusal."""
        allowed: set[Role] = set()
        for row in TRANSITIONS:
            if row.source is stage and row.action is action:
                allowed |= row.roles
        for role in ROLE_ORDER:
            if role in self.roles and role in allowed:
                return role
        for role in ROLE_ORDER:
            if role in self.roles:
                return role
        raise Refusal("ROLE_NOT_ALLOWED", "你在本案中没有可执行此操作的角色。")

    def require(self, *roles: Role) -> Role:
        for role in ROLE_ORDER:
            if role in self.roles and role in roles:
                return role
        names = "、".join(ROLE_LABELS[r] for r in roles)
        raise Refusal("ROLE_NOT_ALLOWED", f"只有{names}可以执行此操作。")

    def as_json(self, role: Role) -> dict[str, Any]:
        return {"account": self.account_id, "client": self.client_id, "role": role.value}


class Conflict(Refusal):
    """乐观锁冲突: the case changed since the client read it."""

    def __init__(self, current_version: int) -> None:
        super().__init__("CONFLICT", f"案件已被他人修改（当前版本为 {current_version}），"
                         "请刷新后在最新内容上重新操作。", "expectedVersion")
        self.current_version = current_version


@dataclass
class Write:
    """One event to append and the case columns it changes."""

    kind: str
    role: Role
    data: dict[str, Any]
    columns: dict[str, Any] = field(default_factory=dict)


async def lock_case(case_id: str) -> Case:
    case = await Case.filter(id=case_id).select_for_update().first()
    if case is None:
        raise Refusal("CASE_NOT_FOUND", "案件不存在。", "caseId")
    return case


def check_version(case: Case, expected: int | None) -> None:
    """``expected`` None is allowed only for append-only records (evidence)."""
    if expected is not None and expected != case.version:
        raise Conflict(case.version)


async def already_done(case: Case, key: str | None, kind: str) -> bool:
    """A retried request (same idempotency key) is answered with the case as it is."""
    if not key:
        return False
    if len(key) > 64:
        raise Refusal("INVALID_INPUT", "幂等键不能超过64个字符。", "idempotencyKey")
    event = await CaseEvent.get_or_none(case_id=case.id, idempotency_key=key)
    if event is None:
        return False
    if event.kind != kind:
        raise Refusal("IDEMPOTENCY_KEY_REUSED", "该幂等键已用于本案的另一项操作。",
                      "idempotencyKey")
    return True


async def append(case: Case, write: Write, actor: Actor, now: datetime,
                 key: str | None = None) -> CaseEvent:
    """Write the columns, bump the version and chain the event, in the caller's
    transaction. The ``version`` filter makes a lost race a Conflict, never an overwrite."""
    seq = case.event_count + 1
    payload = {"case": str(case.id), "seq": seq, "kind": write.kind,
               "at": now.isoformat(), "actor": actor.as_json(write.role),
               "data": jsonable(write.data)}
    digest = event_hash(case.chain_head, payload)
    updates = {**write.columns, "version": case.version + 1, "chain_head": digest,
               "event_count": seq, "updated_at": now}
    changed = await Case.filter(id=case.id, version=case.version).update(**updates)
    if not changed:
        current = await Case.get(id=case.id)
        raise Conflict(current.version)
    event = await CaseEvent.create(
        id=uuid.uuid4(), case_id=case.id, seq=seq, kind=write.kind, actor_id=actor.account_id,
        occurred_at=now, payload=payload, prev_hash=case.chain_head, hash=digest,
        idempotency_key=key)
    for name, value in updates.items():
        setattr(case, name, value)
    return event


async def thresholds_for(region_code: str) -> HearingThresholds:
    """The province's configured 听证 thresholds, else the national defaults."""
    row = await HearingThresholdSetting.get_or_none(province=region_code[:2])
    if row is None:
        return HearingThresholds()
    return HearingThresholds(row.citizen_fine_fen, row.organisation_fine_fen,
                             row.citizen_confiscation_fen, row.organisation_confiscation_fen)


def other_domain_model(app_label: str, name: str) -> Any | None:
    """Another domain's model looked up by label at run time (None when that app is not
    installed), for the loose links to inspections whose tables were still changing."""
    apps = Tortoise.apps
    if apps is None or app_label not in apps:
        return None
    return apps[app_label].get(name)


def working_days_after(start: date, n: int) -> date:
    return add_working_days(start, n, holiday_table().is_working_day)
