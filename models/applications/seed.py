"""Demo 办件: one application in every state for the demo citizens, mostly with the
西湖区 departments, plus a 跨省通办 pair and a 一件事 bundle (development data only).

Each is driven through the real service (rules, events, documents, messages)
with its steps spread over the past weeks, so timelines and deadlines look lived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from models.accounts.rules import PHONE_CONTEXT
from models.accounts.seed import account_id, demo_credit_code
from models.accounts.tables import Account, Enterprise
from models.applications import bundles, clock, filing, service
from models.applications.materials import Attachment, checklist
from models.applications.record import Actor
from models.applications.rules import Action, CrossProvinceMode, Role
from models.catalogue.tables import Implementation, LifeEvent
from models.files.store import FileStore
from models.identity.pii import PiiCipher
from models.regions.seed import department_id

DEMO_PDF = b"%PDF-1.4\n% zhengwu-gateway demo material\n%%EOF\n"
_XIHU_MARKET = str(department_id("330106", "market"))
_YINZHOU_HRSS = str(department_id("330212", "hrss"))
CLERK = Actor(str(account_id("clerk.xihu")), Role.CLERK, _XIHU_MARKET)
APPROVER = Actor(str(account_id("approver.xihu")), Role.APPROVER, _XIHU_MARKET)
YINZHOU = Actor(str(account_id("clerk.yinzhou")), Role.CLERK, _YINZHOU_HRSS)
WINDOW = Actor(str(account_id("clerk.xihu")), Role.RECEIVING_CLERK, _XIHU_MARKET)

_INTAKE = [(CLERK, Action.START_PRE_REVIEW, {}), (CLERK, Action.ACCEPT, {})]
_REVIEW = [*_INTAKE, (APPROVER, Action.START_REVIEW, {})]
_DECIDED = [*_REVIEW, (APPROVER, Action.APPROVE, {})]


@dataclass(frozen=True)
class Demo:
    phone: str
    matter: str
    region: str
    steps: list[tuple[Actor, Action, dict[str, Any]]]
    days_ago: int
    enterprise: str | None = None
    cross: dict[str, Any] = field(default_factory=dict)
    skip_deferrable: bool = False


# fmt: off
DEMOS = [
    Demo("13900000001", "个体工商户设立登记", "330106", [], 1),
    Demo("13900000001", "食品经营许可", "330106", [], 1, skip_deferrable=True),
    Demo("13900000001", "食品小作坊登记", "330106", _INTAKE[:1], 2),
    Demo("13900000001", "药品零售企业许可", "330106", [*_INTAKE[:1], (
        CLERK, Action.REQUEST_CORRECTION, {"missing_items": [
            "执业药师注册证（在有效期内）", "经营场所和仓库平面布局图（标注面积）"]})], 3),
    Demo("13900000003", "特种设备使用登记", "330106", _INTAKE, 4),
    Demo("13900000003", "第三类医疗器械经营许可", "330106", _REVIEW, 30),
    Demo("13900000004", "食品生产许可", "330106", [*_REVIEW, (
        APPROVER, Action.START_SPECIAL_PROCEDURE, {"reason": "需对生产场所进行现场核查",
                                                   "procedure_kind": "INSPECTION"})], 8),
    Demo("13900000004", "特种设备安全管理和作业人员资格认定", "330106", [*_INTAKE, (
        CLERK, Action.SUSPEND, {"reason": "申请人申请暂缓办理，待考试成绩复核"})], 6),
    Demo("13900000002", "企业变更登记", "330106", _DECIDED, 9, enterprise="91330106MA2H00017"),
    Demo("13900000002", "企业注销登记", "330106", [*_REVIEW, (
        APPROVER, Action.DENY, {"reason": "存在未结清的税款，不符合注销条件"})], 12,
        enterprise="91330106MA2H00017"),
    Demo("13900000002", "股权出质设立登记", "330106", [*_DECIDED, (
        CLERK, Action.DELIVER, {"delivery_method": "POST", "tracking_number": "SF1402600001"})],
        14, enterprise="91330106MA2H00017"),
    Demo("13900000003", "企业简易注销登记", "330106", [*_INTAKE[:1], (
        CLERK, Action.REJECT_AT_INTAKE, {"reason": "该企业不属于本机关登记管辖"})], 5),
    Demo("13900000004", "农民专业合作社设立登记", "330106", [(
        None, Action.WITHDRAW, {"reason": "合作社成员调整，重新申请"})], 3),
    # 跨省通办: received at the 西湖区 window, handled in 鄞州区; and one fully online from Shanghai
    Demo("13900000003", "社会保障卡申领", "330212", [
        (WINDOW, Action.FORMAL_CHECK_PASS, {"identity_checked": True}),
        (WINDOW, Action.FORWARD, {"tracking_number": "EMS1100260001CN"})], 2,
        cross={"mode": CrossProvinceMode.PROXY, "receiving_department_id": _XIHU_MARKET}),
    Demo("13900000004", "社会保障卡补领换领", "330212", [], 1,
         cross={"mode": CrossProvinceMode.FULLY_ONLINE, "receiving_region_code": "310104"}),
]
# fmt: on


async def _people(pii: PiiCipher) -> dict[str, str]:
    phones = {d.phone for d in DEMOS}
    indexes = {pii.blind_index(p, context=PHONE_CONTEXT): p for p in phones}
    rows = await Account.filter(phone_index__in=list(indexes))
    return {indexes[r.phone_index]: str(r.id) for r in rows}


async def _version(matter: str, region: str) -> Implementation | None:
    return await Implementation.filter(status="PUBLISHED", region_id=region,
                                       matter__name=matter).order_by("code").first()


async def _play(demo: Demo, applicant: str, version: Implementation, sha: str, pii: PiiCipher,
                now: datetime) -> None:
    at = now - timedelta(days=demo.days_ago)
    enterprise = await Enterprise.get_or_none(credit_code=demo_credit_code(demo.enterprise)) \
        if demo.enterprise else None
    request = filing.DraftRequest(
        implementation_id=str(version.id), idempotency_key=f"demo-{version.code}"[:60],
        enterprise_id=str(enterprise.id) if enterprise else None, **demo.cross)
    app = await filing.create_draft(applicant, request, at)
    if not demo.steps and demo.matter == "个体工商户设立登记":
        return  # left as a draft
    items = [Attachment(r.material_id, sha, f"{r.name}.pdf") for r in await checklist(app)
             if r.required and not (demo.skip_deferrable and r.deferrable)]
    me = filing.applicant_actor(applicant)
    phone = pii.decrypt((await Account.get(id=applicant)).phone_enc, context=PHONE_CONTEXT)
    secrets = service.Submission(pii=pii, phone=phone)
    await filing.submit_new(me, request, items, now=at, table=clock.holiday_table(),
                            secrets=secrets)
    for index, (actor, action, payload) in enumerate(demo.steps, start=1):
        moment = at + timedelta(hours=20 * index)
        await service.act(str(app.id), action, actor or me, payload, now=moment,
                          table=clock.holiday_table())


async def seed_applications(pii: PiiCipher, files: FileStore,
                            now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    people = await _people(pii)
    stored = await files.put(DEMO_PDF, declared_type="application/pdf")
    made = 0
    for demo in DEMOS:
        version = await _version(demo.matter, demo.region)
        if version is None or demo.phone not in people:
            continue  # the catalogue was not seeded with this matter
        await _play(demo, people[demo.phone], version, stored.sha256, pii, now)
        made += 1
    event = await LifeEvent.get_or_none(code="YJS0006")
    if event is not None and "13900000001" in people:
        await bundles.create_bundle(people["13900000001"], None, str(event.id), "330106",
                                    "demo-bundle-YJS0006", now - timedelta(hours=3))
    return f"{made} applications in every state, 1 一件事 bundle"
