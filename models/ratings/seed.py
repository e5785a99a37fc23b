"""Demo 好差评 (development data only): about three months of window ratings in
西湖区 and a few other places, 差评 in every follow-up state, and online ratings
on the demo concluded applications. The counts are in seed_data.py.

Plain ratings are inserted in bulk; every 差评 goes through the real services
(rating, case opening, each follow-up step, the overdue sweep) with its clock
set in the past, so timelines, deadlines and escalations are what they would be.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from models.accounts.rules import PHONE_CONTEXT
from models.accounts.seed import account_id
from models.accounts.tables import Account
from models.applications.rules import CONCLUDED_STATUSES
from models.applications.tables import Application
from models.catalogue.tables import Implementation
from models.identity.pii import PiiCipher
from models.ratings import service, submission
from models.ratings.followup import CHINA_TZ, Action, Role
from models.ratings.rules import tags_for
from models.ratings.seed_data import (
    DAYS,
    FAIR_COMMENTS,
    GOOD_COMMENTS,
    OLD_BAD_MIN_DAYS,
    ONLINE,
    SCRIPTED,
    WINDOW_COUNTS,
    Scripted,
)
from models.ratings.submission import RatingInput
from models.ratings.tables import OnSiteCode, Rating
from models.regions.seed import department_id
from models.regions.tables import Department

_ACTORS = {"CONTACT": ("clerk.xihu", Role.DEPARTMENT_STAFF),
           "START_RECTIFICATION": ("clerk.xihu", Role.DEPARTMENT_STAFF),
           "FEED_BACK": ("clerk.xihu", Role.DEPARTMENT_STAFF),
           "APPEAL": ("admin.xihu", Role.DEPARTMENT_STAFF),
           "UPHOLD_APPEAL": ("supervisor.hz", Role.SUPERVISOR),
           "REJECT_APPEAL": ("supervisor.hz", Role.SUPERVISOR)}
_THANKS = "感谢您的肯定，我们将继续努力！"


def _office_hours(rng: random.Random, now: datetime, min_days: int = 1) -> datetime:
    """A weekday moment in office hours (Beijing) between ``min_days`` and DAYS ago."""
    day = now.astimezone(CHINA_TZ).date() - timedelta(days=rng.randint(min_days, DAYS))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    moment = time(rng.randint(9, 16), rng.randint(0, 59))
    return datetime.combine(day, moment, CHINA_TZ).astimezone(UTC)


def _content(rng: random.Random, level: int) -> tuple[list[str], str | None]:
    offered = tags_for(level, "ON_SITE")
    tags = rng.sample(offered, rng.randint(1 if level <= 2 else 0, 2))
    if level >= 4:
        comment = rng.choice(GOOD_COMMENTS)
    elif level == 3:
        comment = rng.choice(FAIR_COMMENTS)
    else:
        comment = "办事体验不好"
    return tags, comment or None


async def _matters(department: Department) -> list[tuple[Any, str]]:
    rows = await Implementation.filter(department_id=department.id, status="PUBLISHED"
                                       ).select_related("matter").order_by("code").limit(8)
    return [(r.matter_id, r.matter.name) for r in rows] or [(None, "")]


async def _bulk_window(rng: random.Random, department: Department, counts: dict[int, int],
                       now: datetime) -> int:
    """Plain (non-差评) window ratings, inserted in bulk."""
    matters = await _matters(department)
    codes, ratings = [], []
    for level, n in counts.items():
        for _ in range(n):
            at = _office_hours(rng, now)
            matter_id, matter_name = rng.choice(matters) if rng.random() < 0.8 else (None, "")
            code = OnSiteCode(id=uuid.uuid4(), code_hash=uuid.uuid4().hex,
                              department_id=department.id, clerk_id=None, matter_id=matter_id,
                              issued_at=at - timedelta(minutes=3),
                              expires_at=at + timedelta(minutes=27), used_at=at)
            tags, comment = _content(rng, level)
            thanked = level == 5 and rng.random() < 0.1
            codes.append(code)
            ratings.append(Rating(
                id=uuid.uuid4(), channel="ON_SITE", visit_id=code.id, rater_id=None,
                department_id=department.id, region_code=department.region_id,
                matter_id=matter_id, matter_name=matter_name, level=level, tags=tags,
                comment=comment, bad=False, valid=True, rated_at=at,
                reply=_THANKS if thanked else None,
                replied_at=at + timedelta(days=1) if thanked else None))
    await OnSiteCode.bulk_create(codes, batch_size=500)
    await Rating.bulk_create(ratings, batch_size=500)
    return len(ratings)


async def _visit(department: Department, rater: str | None, level: int, tags: list[str],
                 comment: str | None, at: datetime, matter_id: Any = None) -> submission.Given:
    _row, code = await submission.issue_code(None, department, matter_id,
                                             now=at - timedelta(minutes=2))
    return await submission.rate_visit(code, rater, RatingInput(level, tags, comment), now=at)


async def _play(case_id: str, steps: Any, rated_at: datetime, rater: str | None) -> None:
    for hours, action, payload in steps:
        username, role = _ACTORS.get(action, (None, Role.RATER))
        actor = service.CaseActor(str(account_id(username)) if username else rater, role)
        await service.act(case_id, Action(action), actor, payload,
                          now=rated_at + timedelta(hours=hours))


async def _old_bad(rng: random.Random, department: Department, counts: dict[int, int],
                   now: datetime) -> int:
    """The few 差评 of the other windows: followed up in full long ago."""
    clerk = service.CaseActor(None, Role.DEPARTMENT_STAFF)
    made = 0
    for level in (1, 2):
        for _ in range(counts.get(level, 0)):
            at = _office_hours(rng, now, OLD_BAD_MIN_DAYS)
            tags, comment = _content(rng, level)
            given = await _visit(department, None, level, tags, comment, at)
            assert given.case is not None
            for hours, action, payload in ((4, Action.CONTACT, {"summary": "已回访核实"}),
                                           (24, Action.START_RECTIFICATION, {"plan": "整改"}),
                                           (120, Action.FEED_BACK, {"feedback": "已整改并告知"})):
                await service.act(str(given.case.id), action, clerk, payload,
                                  now=at + timedelta(hours=hours))
            made += 1
    return made


async def _scripted(scripted: Scripted, department: Department, people: dict[str, str],
                    matters: list[tuple[Any, str]], index: int, now: datetime) -> None:
    at = now - timedelta(hours=scripted.hours_ago)
    rater = people.get(scripted.rater_phone or "")
    given = await _visit(department, rater, scripted.level, list(scripted.tags),
                         scripted.comment or None, at, matters[index % len(matters)][0])
    assert given.case is not None
    await _play(str(given.case.id), scripted.steps, at, rater)
    if any(step[1] == "FEED_BACK" for step in scripted.steps):
        await submission.reply_to(str(given.rating.id), "感谢您的监督，我们已整改。",
                                  now=at + timedelta(days=7))


async def _online(people: dict[str, str], now: datetime) -> int:
    applicant = people.get("13900000002")
    made = 0
    for matter_name, level, tags, comment, hours_ago in ONLINE:
        app = await Application.filter(
            applicant_id=applicant, matter_name=matter_name,
            status__in=[s.value for s in CONCLUDED_STATUSES]).first() if applicant else None
        if app is None:
            continue  # the applications seed did not make it
        await submission.rate_application(
            applicant or "", str(app.id), RatingInput(level, list(tags), comment),
            f"demo-rating-{app.id}", now=now - timedelta(hours=hours_ago))
        made += 1
    return made


async def _people(pii: PiiCipher, phones: set[str]) -> dict[str, str]:
    indexes = {pii.blind_index(p, context=PHONE_CONTEXT): p for p in phones}
    rows = await Account.filter(phone_index__in=list(indexes))
    return {indexes[r.phone_index]: str(r.id) for r in rows}


async def seed_ratings(pii: PiiCipher, now: datetime | None = None) -> str:
    if await Rating.exists():
        return "ratings already present; left as they are"
    now = now or datetime.now(UTC)
    rng = random.Random(20260101)  # noqa: S311 - demo data, the same on every machine
    people = await _people(pii, {"13900000001", "13900000002"})
    plain = bad = 0
    for (region, kind), counts in WINDOW_COUNTS.items():
        department = await Department.get(id=department_id(region, kind))
        plain += await _bulk_window(rng, department, {lv: n for lv, n in counts.items()
                                                      if lv >= 3}, now)
        bad += await _old_bad(rng, department, dict(counts), now)
    xihu = await Department.get(id=department_id("330106", "market"))
    matters = await _matters(xihu)
    for index, scripted in enumerate(SCRIPTED):
        await _scripted(scripted, xihu, people, matters, index, now)
    online = await _online(people, now)
    swept = await service.escalate_overdue("33", now=now)
    return (f"{plain + bad + len(SCRIPTED)} window ratings ({bad + len(SCRIPTED)} 差评 with "
            f"follow-up cases), {online} online ratings, {len(swept)} cases swept")
