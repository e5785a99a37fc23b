"""Demo data for inspections: inspectors, a few thousand subjects across Zhejiang, check
items with forms, one completed plan with published results and one plan under way.

Development data only. The draws are real draws through the service with fixed
demo seeds, so `inspectionDrawVerification` confirms them like any other.
"""

from __future__ import annotations

import base64
import hashlib
import random
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta

from models.accounts.seed import DEMO_PASSWORD, account_id
from models.accounts.tables import Account
from models.identity.rules import credit_code_check_char
from models.inspections.publication import LOCAL, holiday_table
from models.inspections.seed_data import (
    DEMO_INSPECTORS,
    DEMO_ITEMS,
    GIVEN_NAMES,
    INDUSTRIES,
    ROADS,
    SURNAMES,
    TRADE_NAMES,
)
from models.inspections.service import handheld, plans
from models.inspections.service.records import Author, Decode, sync_one
from models.inspections.sync_rules import IncomingRecord, content_hash
from models.inspections.tables import (
    InspectionConflict,
    InspectionFormTemplate,
    InspectionItem,
    InspectionSubject,
    InspectionTask,
    InspectionTaskInspector,
)
from models.regions.seed import department_id
from models.regions.tables import Region

Encode = Callable[[str, object], str]
XIHU = "330106"
SUBJECTS_IN_XIHU = 600
SUBJECTS_ELSEWHERE = 2400
ADMIN = frozenset({"DEPT_ADMIN"})
_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_NAMESPACE = uuid.UUID("3c0f6a52-1d7e-4b8e-a7f5-9e2d4c6b8a10")


def subject_id(credit_code: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"subject:{credit_code}")


def item_id(code: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"item:{code}")


def _demo_bytes(label: str) -> Callable[[int], bytes]:
    """A fixed "random" seed for a demo draw (real plans use os.urandom)."""
    return lambda n: hashlib.sha256(f"zhengwu demo draw: {label}".encode()).digest()[:n]


def _demo_codes(label: str) -> Callable[[], str]:
    counter = iter(range(1_000_000))

    def make() -> str:
        digest = hashlib.sha256(f"demo action code {label} {next(counter)}".encode()).digest()
        return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")

    return make


async def _inspectors(hash_password: Callable[[str], str]) -> int:
    password_hash = hash_password(DEMO_PASSWORD)
    await Account.bulk_create([
        Account(id=account_id(username), kind="STAFF", username=username, display_name=name,
                password_hash=password_hash, roles=roles,
                department_id=department_id(region, "market"), badge_number=badge,
                enforcement_fields=fields)
        for username, name, roles, region, badge, fields in DEMO_INSPECTORS])
    return len(DEMO_INSPECTORS)


def _credit_codes(rng: random.Random, region: str) -> Iterator[str]:
    while True:
        body = "91" + region + "".join(rng.choice(_CHARSET) for _ in range(9))
        yield body + credit_code_check_char(body)


async def _subjects(now: datetime) -> int:
    rng = random.Random(20260101)  # noqa: S311 - reproducible demo data, not security
    regions = {r.code: r for r in await Region.all()}
    counties = sorted(c for c, r in regions.items()
                      if r.level == "county" and r.valid_to is None and c != XIHU)
    places = [XIHU] * SUBJECTS_IN_XIHU + [rng.choice(counties) for _ in range(SUBJECTS_ELSEWHERE)]
    seen: set[str] = set()
    rows = []
    for region in places:
        code = next(c for c in _credit_codes(rng, region) if c not in seen)
        seen.add(code)
        county = regions[region]
        city = regions[county.parent_id].name if county.parent_id in regions else ""
        industry, suffix = rng.choice(INDUSTRIES)
        rows.append(InspectionSubject(
            id=subject_id(code), credit_code=code,
            name=f"{city.removesuffix('市')}{rng.choice(TRADE_NAMES)}{suffix}",
            legal_representative=rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
            address=f"浙江省{city}{county.name}{rng.choice(ROADS)}{rng.randint(1, 999)}号",
            industry=industry, region_id=region,
            risk_grade=rng.choices(["LOW", "MEDIUM", "HIGH", "VERY_HIGH"], [50, 30, 15, 5])[0],
            credit_grade=rng.choices("ABCD", [30, 50, 15, 5])[0],
            inspections_this_year=2 if rng.random() < 0.02 else 0, counted_year=now.year))
    await InspectionSubject.bulk_create(rows, batch_size=500)
    return len(rows)


async def _items() -> dict[str, InspectionItem]:
    items: dict[str, InspectionItem] = {}
    for code, region, name, basis, field, forms in DEMO_ITEMS:
        items[code] = await InspectionItem.create(
            id=item_id(code), code=code, name=name, legal_basis=basis, enforcement_field=field,
            department_id=department_id(region, "market"))
        for version, (title, spec) in enumerate(forms, start=1):
            await InspectionFormTemplate.create(
                id=uuid.uuid5(_NAMESPACE, f"form:{code}:{version}"), item_id=items[code].id,
                version=version, title=title, fields_spec=spec,
                created_by_id=account_id("admin.xihu") if region == XIHU else None)
    return items


def _window(start: date, end: date) -> tuple[date, date]:
    """Plans do not cross a year end."""
    return (start, end) if start.year == end.year else (date(end.year, 1, 1), end)


async def _run_plan(name: str, items: list[str], industries: list[str], start: date, end: date,
                    *, now: datetime, label: str, reveal: bool = True, draw: bool = True,
                    **options: object) -> str:
    start, end = _window(start, end)
    draft = plans.PlanDraft(
        name=name, region_code=XIHU, item_ids=[str(item_id(c)) for c in items],
        start_date=start, end_date=end, industries=industries, risk_grades=[],
        base_ratio=options.get("base_ratio"), count=options.get("count"),  # type: ignore[arg-type]
        grade_multipliers={"A": "0.5", "B": "1", "C": "2", "D": "3"}, yearly_cap=2,
        inspectors_per_subject=2)
    plan = await plans.create_plan(draft, department_id=str(department_id(XIHU, "market")),
                                   created_by=str(account_id("admin.xihu")),
                                   plan_id=uuid.uuid5(_NAMESPACE, f"plan:{label}"))
    key = str(plan.id)
    await plans.commit_plan(key, roles=ADMIN, now=now, randomness=_demo_bytes(label))
    if draw:
        await plans.draw_plan(key, roles=ADMIN, now=now, make_code=_demo_codes(label))
    if draw and reveal:
        await plans.reveal_plan(key, roles=ADMIN, now=now)
    return key


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LOCAL).astimezone(UTC)


async def _complete(plan_id: str, start: date, now: datetime, encode: Encode,
                    decode: Decode) -> int:
    """Inspect every task of the plan and publish the results (one late, one overdue)."""
    form = await InspectionFormTemplate.filter(item_id=item_id("330106-SJ-003")).order_by(
        "-version").first()
    assert form is not None
    tasks = await InspectionTask.filter(plan_id=plan_id).order_by("position")
    for n, task in enumerate(tasks):
        inspector = await InspectionTaskInspector.filter(task_id=task.id).order_by(
            "position").first()
        assert inspector is not None
        day = start + timedelta(days=3 + n)
        photo = hashlib.sha256(f"demo photo {task.id}".encode()).hexdigest()
        signature = hashlib.sha256(f"demo signature {task.id}".encode()).hexdigest()
        problem = n == 1
        payload = {
            "taskId": encode("InspectionTask", task.id),
            "startedAt": _at(day, 9).isoformat(),
            "forms": [{"templateId": encode("InspectionFormTemplate", form.id), "answers": {
                "annual_report": not problem, "info_consistent": "不一致" if problem else "一致",
                "address_reachable": True, "site_photos": [photo]}}],
            "evidence": [
                {"sha256": photo, "kind": "PHOTO", "latitude": "30.2592", "longitude": "120.1300",
                 "capturedAt": _at(day, 10).isoformat()},
                {"sha256": signature, "kind": "SIGNATURE", "capturedAt": _at(day, 11).isoformat()}],
            "finish": {"finishedAt": _at(day, 11).isoformat(),
                       "result": "RECTIFICATION_ORDERED" if problem else "NO_PROBLEM",
                       "summary": "未按时报送年度报告，已责令限期改正" if problem else "未发现问题",
                       "caseLeadRequested": problem, "signature": signature},
        }
        author = Author(str(inspector.inspector_id), frozenset({"INSPECTOR"}), "demo-device")
        answer = await sync_one(IncomingRecord(str(uuid.uuid5(_NAMESPACE, f"record:{task.id}")),
                                               content_hash(payload), None, payload),
                                author=author, now=now, decode=decode)
        assert answer.outcome == "ACCEPTED", (answer.reason, answer.problems)
        if n == len(tasks) - 1:
            continue  # left unpublished: shows as overdue
        task = await InspectionTask.get(id=task.id)
        assert task.publish_due is not None
        published = (task.publish_due + timedelta(days=3) if n == 0  # published late
                     else min(day + timedelta(days=4), now.date()))
        await handheld.publish_result(str(task.id), roles=ADMIN,
                                      publisher_id=str(account_id("admin.xihu")),
                                      now=min(_at(published, 16), now))
    return len(tasks)


async def seed_inspections(hash_password: Callable[[str], str], *, encode: Encode,
                           decode: Decode, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    holiday_table()
    inspectors = await _inspectors(hash_password)
    subjects = await _subjects(now)
    items = await _items()
    some = await InspectionSubject.filter(region_id=XIHU, industry="餐饮服务").order_by(
        "credit_code").first()
    assert some is not None
    await InspectionConflict.create(  # a declared 回避, so the published inputs show one
        id=uuid.uuid5(_NAMESPACE, "conflict:1"), inspector_id=account_id("inspector.xihu.2"),
        subject_id=some.id, reason="检查对象法定代表人系本人近亲属",
        declared_by_id=account_id("inspector.xihu.2"))
    today = now.astimezone(LOCAL).date()
    done_start = today - timedelta(days=90)
    done = await _run_plan("企业公示信息双随机抽查（已完成）", ["330106-SJ-003"],
                           ["商品零售", "广告经营", "住宿服务"], done_start,
                           today - timedelta(days=30), now=now, label="done", base_ratio="0.03")
    finished = await _complete(done, _window(done_start, today)[0], now, encode, decode)
    await _run_plan("食品经营者日常监督检查（进行中）", ["330106-SJ-001"], ["餐饮服务", "食品销售"],
                    today - timedelta(days=2), today + timedelta(days=45), now=now,
                    label="current", count=16)
    await _run_plan("价格行为双随机抽查（已公布承诺）", ["330106-SJ-005"], ["商品零售"],
                    today + timedelta(days=7), today + timedelta(days=60), now=now,
                    label="committed", count=5, draw=False)
    return (f"{inspectors} inspectors, {subjects} subjects, {len(items)} items, "
            f"3 plans ({finished} inspections completed)")
