"""公示 within 7 working days, withdrawal within 3 after revocation, public lookup by
统一社会信用代码, and the credit grade a decision changes (and a revocation restores)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest

from models.accounts.seed import account_id
from models.cases.tables import CreditChange
from models.regions.seed import department_id
from schema.node import to_global_id
from tests.cases.support import OPEN, Desk, account_gid, credit_code, ok, read, refused
from tests.helpers import gql

PUBLIC = """query($code: String!) { penaltyPublications(creditCode: $code) {
  decisionNumber partyName content publishedOn } }"""


async def _decided(client, desk: Desk, code: str, fine: str = "5000.00", clock=None) -> dict:
    case = await desk.notified(fine, party={"kind": "ORGANISATION", "name": "西湖某餐饮店",
                                            "creditCode": code})
    case = await ok(client, desk.insp, "caseDefenceSubmit", case, statement="无异议")
    if clock is not None:  # let the hearing window lapse
        clock.day += timedelta(days=8)
    return await ok(client, desk.head, "caseDecide", case, outcome="PENALTY",
                    penalty={"fine": fine})


def _deadline(case: dict, kind: str) -> dict:
    return next(d for d in case["deadlines"] if d["kind"] == kind)


async def test_a_decision_is_published_then_withdrawn_after_revocation(client, clock):
    desk = await Desk(client).setup()
    code = credit_code()
    case = await _decided(client, desk, code)
    publication = _deadline(case, "PUBLICATION")
    assert publication["due"] == "2026-03-11" and publication["status"] == "ON_TRACK"
    assert (await gql(client, PUBLIC, {"code": code}))["penaltyPublications"] == []
    assert await refused(client, desk.head, "casePublicationWithdraw", case) == "NOT_WITHDRAWABLE"

    clock.day += timedelta(days=2)
    case = await ok(client, desk.head, "casePublicationPublish", case)
    assert _deadline(case, "PUBLICATION")["status"] == "MET"
    public = (await gql(client, PUBLIC, {"code": code.lower()}))["penaltyPublications"]
    assert public[0]["partyName"] == "西湖某餐饮店"
    assert "罚款人民币5000.00元" in public[0]["content"]
    assert await refused(client, desk.head, "casePublicationPublish", case) == "ALREADY_PUBLISHED"

    clock.day = date(2026, 4, 30)  # Thursday before the 劳动节 break (05-01 … 05-05)
    case = await ok(client, desk.head, "caseDecisionRevoke", case, reason="行政复议撤销")
    assert case["decision"]["revokedOn"] == "2026-04-30"
    withdrawal = _deadline(case, "WITHDRAWAL")
    assert withdrawal["due"] == "2026-05-08"  # 3 working days, the holiday skipped
    assert len((await gql(client, PUBLIC, {"code": code}))["penaltyPublications"]) == 1
    case = await ok(client, desk.head, "casePublicationWithdraw", case)
    assert (await gql(client, PUBLIC, {"code": code}))["penaltyPublications"] == []
    assert await refused(client, desk.head, "caseDecisionRevoke", case, reason="再次") == (
        "NOT_REVOCABLE")


async def test_a_persons_decision_is_not_published_by_default(client, clock):
    from tests.cases.support import id_number

    desk = await Desk(client).setup()
    case = await desk.notified("500.00", party={"kind": "CITIZEN", "name": "李四",
                                                "idNumber": id_number()})
    case = await ok(client, desk.insp, "caseDefenceSubmit", case, statement="无")
    case = await ok(client, desk.head, "caseDecide", case, outcome="PENALTY",
                    penalty={"fine": "500.00"})
    assert "PUBLICATION" not in {d["kind"] for d in case["deadlines"]}
    assert await refused(client, desk.head, "casePublicationPublish", case) == "NOT_PUBLISHABLE"


async def test_a_decision_lowers_the_credit_grade_and_revocation_restores_it(client, clock):
    desk = await Desk(client).setup()
    code = credit_code()
    case = await _decided(client, desk, code, fine="150000.00", clock=clock)
    changes = await CreditChange.filter(credit_code=code).order_by("created_at")
    assert [(c.previous_grade, c.new_grade) for c in changes] == [(None, "D")]
    await ok(client, desk.head, "caseDecisionRevoke", case, reason="诉讼撤销")
    # no earlier grade was known, so there is nothing to restore
    assert await CreditChange.filter(credit_code=code).count() == 1


def _inspections():
    from tortoise import Tortoise

    if "inspections" not in Tortoise.apps:
        pytest.skip("the inspections domain is not installed")
    return Tortoise.apps["inspections"]


async def _inspection_lead(code: str) -> str:
    """An inspection task of our own whose finding asked for a case (inspections'
    tables, used read-only by the cases domain except the lead's status)."""
    models = _inspections()
    subject = await models["InspectionSubject"].create(
        id=uuid.uuid4(), credit_code=code, name="西湖抽查对象有限公司", legal_representative="赵某",
        address="杭州市西湖区", industry="餐饮服务", region_id="330106", risk_grade="LOW",
        credit_grade="A")
    plan = await models["InspectionPlan"].create(
        id=uuid.uuid4(), department_id=department_id("330106", "market"), name="测试计划",
        year=2026, region_id="330106", item_ids=[], grade_multipliers={}, yearly_cap=2,
        inspectors_per_subject=2, start_date=date(2026, 3, 1), end_date=date(2026, 3, 31),
        created_by_id=account_id("admin.xihu"))
    task = await models["InspectionTask"].create(
        id=uuid.uuid4(), plan_id=plan.id, subject_id=subject.id, position=0,
        action_code=uuid.uuid4().hex[:16], status="DONE", case_lead_requested=True)
    await models["InspectionCaseLead"].create(
        id=uuid.uuid4(), task_id=task.id, subject_id=subject.id,
        department_id=department_id("330106", "market"), summary="检查发现销售过期食品",
        requested_by_id=account_id("inspector.xihu.1"), requested_at=datetime(2026, 3, 1))
    return to_global_id("InspectionTask", task.id)


async def test_a_case_opened_from_an_inspection_finding_feeds_the_credit_grade_back(
        client, clock):
    code = credit_code()
    task_id = await _inspection_lead(code)
    desk = await Desk(client).setup()
    variables = {"input": {"source": "INSPECTION_FINDING", "sourceId": task_id,
                           "officerIds": [account_gid(desk.one.id), account_gid(desk.two.id)]}}
    opened = (await gql(client, OPEN, variables, token=desk.insp))["caseOpen"]
    assert opened["errors"] == [] and opened["case"]["party"]["creditCode"] == code
    again = (await gql(client, OPEN, variables, token=desk.insp))["caseOpen"]
    assert again["errors"][0]["code"] == "LEAD_TAKEN"
    models = _inspections()
    lead = await models["InspectionCaseLead"].get(subject__credit_code=code)
    assert lead.status == "OPENED"

    case = await ok(client, desk.head, "caseFile", opened["case"])
    case = await ok(client, desk.insp, "caseInvestigationStart", case)
    case = await ok(client, desk.insp, "caseReviewSubmit", case)
    case = await ok(client, desk.insp, "caseNotify", case, penalty={"fine": "5000.00"})
    case = await ok(client, desk.insp, "caseDefenceSubmit", case, statement="无")
    case = await ok(client, desk.head, "caseDecide", case, outcome="PENALTY",
                    penalty={"fine": "5000.00"})
    subject = await models["InspectionSubject"].get(credit_code=code)
    assert subject.credit_grade == "C"  # the next draw weighs this subject more
    case = await read(client, desk.head, case["id"])
    await ok(client, desk.head, "caseDecisionRevoke", case, reason="复议撤销")
    subject = await models["InspectionSubject"].get(credit_code=code)
    assert subject.credit_grade == "A"
