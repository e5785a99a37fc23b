"""Demo penalty cases for 西湖区市场监督管理局 in several stages, built through the same
service calls the API uses (so every one has a valid hash chain and its documents).

The demo enterprise 杭州西湖示例科技有限公司 is the party of three of them: its legal
representative (phone 13900000002) sees them under ``partyCases``.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from models.accounts.seed import (
    DEMO_CITIZENS,
    DEMO_ENTERPRISES,
    account_id,
    demo_credit_code,
    demo_id_number,
)
from models.cases.clock import FixedClock, SystemClock
from models.cases.facts import Action, DecisionOutcome, PartyKind, Penalty, Role, ServiceMethod
from models.cases.service import actions, opening, records, steps
from models.cases.service.actions import Step
from models.cases.service.common import Actor
from models.regions.seed import department_id

_NAMESPACE = uuid.UUID("2f4e6a10-8c3b-4d7e-9a51-0b6c2d8e4f71")
DEPARTMENT = str(department_id("330106", "market"))
INSPECTORS = [str(account_id("inspector.xihu.1")), str(account_id("inspector.xihu.2"))]
INSPECTOR = Actor(INSPECTORS[0], frozenset({Role.INSPECTOR}))
HEAD = Actor(str(account_id("head.xihu")), frozenset({Role.AGENCY_HEAD}))
PARTY = Actor(None, frozenset({Role.PARTY}))
ENTERPRISE_CODE = demo_credit_code(DEMO_ENTERPRISES[0][1])
ENTERPRISE_NAME = DEMO_ENTERPRISES[0][0]


def case_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"case:{name}"))


class _Run:
    """Walks one case through the service, one day at a time."""

    def __init__(self, case: str, start: date) -> None:
        self.case, self.day, self.version = case, start, 1

    async def open(self, lead: opening.Lead, pii: Any) -> None:
        clock = FixedClock(self.day)
        row, _ = await opening.open_case(self.case, DEPARTMENT, lead, INSPECTOR, pii=pii,
                                         today=clock.today(), now=clock.now())
        self.version = row.version

    async def step(self, actor: Actor, step: Step, *, days: int = 0) -> None:
        self.day += timedelta(days=days)
        clock = FixedClock(self.day)
        row = await actions.act(self.case, step, actor, expected_version=self.version,
                                today=clock.today(), now=clock.now())
        self.version = row.version

    async def evidence(self, title: str, kind: str) -> None:
        clock = FixedClock(self.day)
        row = await records.add_evidence(
            self.case, str(uuid.uuid5(_NAMESPACE, f"{self.case}:{title}")), kind=kind,
            title=title, description="", file_sha256=None, collected_on=self.day,
            today=self.day, actor=INSPECTOR, expected_version=self.version, now=clock.now())
        self.version = row.version


def _lead(source: opening.SourceKind, summary: str, kind: PartyKind, name: str,
          code: str | None = None, id_number: str | None = None) -> opening.Lead:
    return opening.Lead(source, "演示", summary, "《中华人民共和国食品安全法》第一百二十四条",
                        kind, name, code, id_number, INSPECTORS)


def _enterprise_lead(summary: str) -> opening.Lead:
    return _lead(opening.SourceKind.COMPLAINT, summary, PartyKind.ORGANISATION, ENTERPRISE_NAME,
                 ENTERPRISE_CODE)


async def seed_cases(pii: Any) -> str:
    today = SystemClock().today()
    citizen_name, citizen_first17 = DEMO_CITIZENS[0][0], DEMO_CITIZENS[0][1]
    citizen = (citizen_name, demo_id_number(citizen_first17))

    lead = _Run(case_id("lead"), today - timedelta(days=1))
    await lead.open(_lead(opening.SourceKind.ON_SITE, "门店未公示食品经营许可证", PartyKind.CITIZEN,
                          citizen[0], id_number=citizen[1]), pii)

    investigating = _Run(case_id("investigation"), today - timedelta(days=20))
    await investigating.open(_enterprise_lead("销售超过保质期的食品"), pii)
    await investigating.step(HEAD, Step(Action.FILE_CASE), days=1)
    await investigating.step(INSPECTOR, Step(Action.START_INVESTIGATION), days=1)
    await investigating.evidence("现场检查笔录", "ON_SITE_RECORD")
    await investigating.evidence("过期食品照片", "AUDIO_VISUAL")

    notified = _Run(case_id("notified"), today - timedelta(days=30))
    await notified.open(_enterprise_lead("未按规定查验供货者许可证"), pii)
    await notified.step(HEAD, Step(Action.FILE_CASE), days=1)
    await notified.step(INSPECTOR, Step(Action.START_INVESTIGATION), days=1)
    await notified.step(INSPECTOR, Step(Action.SUBMIT_FOR_REVIEW), days=20)
    await notified.step(INSPECTOR, steps.notice(Penalty(fine_fen=50_000_00), None),
                        days=(today - notified.day).days - 1)

    executing = _Run(case_id("execution"), today - timedelta(days=60))
    await executing.open(_enterprise_lead("经营标签不符合规定的预包装食品"), pii)
    await executing.step(HEAD, Step(Action.FILE_CASE), days=1)
    await executing.step(INSPECTOR, Step(Action.START_INVESTIGATION), days=1)
    await executing.step(INSPECTOR, Step(Action.SUBMIT_FOR_REVIEW), days=10)
    fine = Penalty(warning=True, fine_fen=8_000_00)
    await executing.step(INSPECTOR, steps.notice(fine, None), days=2)
    await executing.step(PARTY, Step(Action.WAIVE_IN_WRITING, note={"statement": "放弃陈述申辩"}),
                         days=1)
    await executing.step(HEAD, steps.decision(DecisionOutcome.PENALTY, fine, False, "事实清楚",
                                              None), days=2)
    await executing.step(INSPECTOR, steps.service(ServiceMethod.DIRECT, ENTERPRISE_NAME), days=1)
    await executing.step(INSPECTOR, Step(Action.START_EXECUTION))

    simple = _Run(case_id("simple"), today - timedelta(days=5))
    await simple.open(_lead(opening.SourceKind.ON_SITE, "流动摊贩未亮证经营", PartyKind.CITIZEN,
                            citizen[0], id_number=citizen[1]), pii)
    small = Penalty(warning=True, fine_fen=50_00)
    await simple.step(INSPECTOR, steps.on_spot(small, True, "当事人承认事实"))
    await simple.step(INSPECTOR, steps.service(ServiceMethod.ON_SPOT, citizen[0]))
    await simple.step(INSPECTOR, Step(Action.START_EXECUTION))
    await simple.step(INSPECTOR, steps.collection(50_00, False, "浙财收0000001"))
    await simple.step(HEAD, Step(Action.CLOSE_CASE), days=1)
    return "5 penalty cases (线索, 调查取证, 告知, 执行, 简易程序已结案)"
