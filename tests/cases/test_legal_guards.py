"""The legal guards of 行政处罚法, each refused through the API with its own code."""

from __future__ import annotations

from datetime import timedelta

from models.accounts.seed import account_id
from schema.node import to_global_id
from tests.cases.support import (
    Desk,
    account_gid,
    credit_code,
    enterprise_party,
    make_staff,
    ok,
    open_case,
    read,
    refused,
    team,
    token_of,
)

SMALL, LARGE = "5000.00", "150000.00"  # below / in the organisation hearing range


async def test_investigation_needs_two_credentialed_officers(client, clock):
    desk = await Desk(client).setup()
    novice = await make_staff(["INSPECTOR"])  # no 执法证号: not credentialed
    case = await open_case(client, desk.insp, [desk.one, novice])
    case = await ok(client, desk.head, "caseFile", case)
    assert await refused(client, desk.insp, "caseInvestigationStart", case) == "TOO_FEW_OFFICERS"
    alone = await ok(client, desk.head, "caseFile", await open_case(client, desk.insp, [desk.one]))
    assert await refused(client, desk.insp, "caseInvestigationStart", alone) == "TOO_FEW_OFFICERS"
    assert "START_INVESTIGATION" not in alone["availableActions"]
    # the head completes the team (by the Inspector ids a handheld shows, which name the
    # same accounts); then the investigation may start
    case = await ok(client, desk.head, "caseOfficersAssign", case,
                    officerIds=[to_global_id("Inspector", desk.one.id),
                                to_global_id("Inspector", desk.two.id)])
    assert sorted(o["badgeNumber"] for o in case["officers"] if o["active"]) == sorted(
        [desk.one.badge_number, desk.two.badge_number])
    case = await ok(client, desk.insp, "caseInvestigationStart", case)
    assert case["stage"] == "INVESTIGATION"


async def test_only_inspectors_of_the_department_can_be_assigned(client, clock):
    desk = await Desk(client).setup()
    stranger = await make_staff(["INSPECTOR"], region="330212", badge_number="33021200001")
    case = await desk.open()
    payload_code = await refused(client, desk.head, "caseOfficersAssign", case,
                                 officerIds=[account_gid(desk.one.id), account_gid(stranger.id)])
    assert payload_code == "OFFICERS_INVALID"
    # an id of another kind never names an officer
    payload_code = await refused(client, desk.head, "caseOfficersAssign", case, officerIds=[
        account_gid(desk.one.id), to_global_id("Department", desk.two.id)])
    assert payload_code == "OFFICERS_INVALID"


async def test_a_recused_officer_blocks_the_case_until_replaced(client, clock):
    desk = await Desk(client).setup()
    case = await ok(client, desk.head, "caseFile", await desk.open())
    case = await ok(client, desk.head, "caseOfficerRecuse", case,
                    officerId=account_gid(desk.two.id), reason="与当事人有亲属关系",
                    requestedByParty=True)
    assert [o["recused"] for o in case["officers"]] == [False, True]
    assert await refused(client, desk.insp, "caseInvestigationStart", case) == "OFFICER_RECUSED"
    (three, _), = await team(client, 1)
    code = await refused(client, desk.head, "caseOfficersAssign", case,
                         officerIds=[account_gid(desk.one.id), account_gid(desk.two.id)])
    assert code == "OFFICER_RECUSED"  # a recused officer cannot come back
    case = await ok(client, desk.head, "caseOfficersAssign", case,
                    officerIds=[account_gid(desk.one.id), account_gid(three.id)])
    # the recused officer no longer acts on the case
    assert await refused(client, desk.insp2, "caseInvestigationStart", case) == "ROLE_NOT_ALLOWED"
    assert (await ok(client, desk.insp, "caseInvestigationStart", case))["stage"] == "INVESTIGATION"


async def test_no_penalty_is_decided_before_the_notice(client, clock):
    desk = await Desk(client).setup()
    case = await desk.to_review()
    code = await refused(client, desk.head, "caseDecide", case, outcome="PENALTY",
                         penalty={"fine": SMALL})
    assert code == "DECISION_BEFORE_NOTICE"
    # outcomes that impose nothing need no notice
    case = await ok(client, desk.head, "caseDecide", case, outcome="NOT_ESTABLISHED")
    assert case["stage"] == "DECIDED"
    assert [d["kind"] for d in case["documents"]][-1] == "NO_PENALTY_DECISION"


async def test_no_decision_before_the_defence_is_heard(client, clock):
    desk = await Desk(client).setup()
    case = await desk.notified(SMALL)
    decide = {"outcome": "PENALTY", "penalty": {"fine": SMALL}}
    assert await refused(client, desk.head, "caseDecide", case, **decide) == "DEFENCE_NOT_HEARD"
    heard = await ok(client, desk.insp, "caseDefenceSubmit", case, statement="初次违法，请求从轻")
    assert heard["noticeState"] == "DEFENCE_HEARD"
    case = await ok(client, desk.head, "caseDecide", heard, **decide)
    assert case["stage"] == "DECIDED"


async def test_the_penalty_is_not_increased_after_the_defence(client, clock):
    desk = await Desk(client).setup()
    case = await desk.notified(SMALL)
    case = await ok(client, desk.insp, "caseDefenceSubmit", case, statement="不服")
    heavier = {"outcome": "PENALTY", "penalty": {"fine": "6000.00"}}
    payload_code = await refused(client, desk.head, "caseDecide", case, **heavier)
    assert payload_code == "PENALTY_INCREASED_AFTER_DEFENCE"
    added = {"outcome": "PENALTY", "penalty": {"fine": SMALL, "warning": True}}
    assert await refused(client, desk.head, "caseDecide", case, **added) == (
        "PENALTY_INCREASED_AFTER_DEFENCE")
    lighter = await ok(client, desk.head, "caseDecide", case, outcome="PENALTY",
                       penalty={"fine": "3000.00"})
    assert lighter["decision"]["penalty"]["fine"] == "3000.00"


async def test_a_hearing_must_be_offered_and_requested_within_five_working_days(
        client, app, clock):
    desk = await Desk(client).setup()
    code = credit_code()
    party = await enterprise_party(client, app, code)
    org = {"kind": "ORGANISATION", "name": "测试食品有限公司", "creditCode": code}
    case = await desk.to_review(party=org)
    not_offered = await refused(client, desk.insp, "caseNotify", case, penalty={"fine": LARGE},
                                hearingOffered=False)
    assert not_offered == "HEARING_NOT_OFFERED"
    case = await ok(client, desk.insp, "caseNotify", case, penalty={"fine": LARGE})
    assert case["notice"]["hearingRequestDeadline"] == "2026-03-09"  # 5 working days
    heard = await ok(client, desk.insp, "caseDefenceSubmit", case, statement="陈述")
    # the party may still ask for a hearing: no decision while the window is open
    decide = {"outcome": "PENALTY", "penalty": {"fine": LARGE}}
    assert await refused(client, desk.head, "caseDecide", heard, **decide) == "HEARING_WINDOW_OPEN"
    clock.day += timedelta(days=8)  # Tuesday 03-10: the window has closed
    late = await refused(client, party, "caseHearingRequest", heard)
    assert late == "HEARING_REQUEST_WINDOW_CLOSED"
    assert (await ok(client, desk.head, "caseDecide", heard, **decide))["stage"] == "DECIDED"


async def test_a_small_penalty_has_no_hearing(client, app, clock):
    desk = await Desk(client).setup()
    code = credit_code()
    party = await enterprise_party(client, app, code)
    case = await desk.notified(SMALL, party={"kind": "ORGANISATION", "name": "某公司",
                                             "creditCode": code})
    assert case["notice"]["hearingOffered"] is False
    assert await refused(client, party, "caseHearingRequest", case) == "HEARING_NOT_AVAILABLE"


async def test_the_hearing_notice_gives_seven_working_days_and_a_proper_chair(
        client, app, clock):
    desk = await Desk(client).setup()
    code = credit_code()
    party = await enterprise_party(client, app, code)
    case = await desk.notified(LARGE, party={"kind": "ORGANISATION", "name": "某公司",
                                             "creditCode": code})
    await ok(client, party, "caseHearingRequest", case)
    case = await read(client, desk.head, case["id"])
    legal = account_gid(account_id("legal.xihu"))
    soon = clock.day + timedelta(days=3)
    too_short = await refused(client, desk.head, "caseHearingSchedule", case,
                              hearingOn=soon.isoformat(), chairId=legal)
    assert too_short == "HEARING_NOTICE_TOO_SHORT"
    later = (clock.day + timedelta(days=14)).isoformat()
    investigator_chair = await refused(client, desk.head, "caseHearingSchedule", case,
                                       hearingOn=later, chairId=account_gid(desk.one.id))
    assert investigator_chair == "HEARING_CHAIR_INVALID"
    case = await ok(client, desk.head, "caseHearingSchedule", case, hearingOn=later, chairId=legal)
    decide = {"outcome": "PENALTY", "penalty": {"fine": LARGE}}
    assert await refused(client, desk.head, "caseDecide", case, **decide) == "HEARING_NOT_HELD"
    assert await refused(client, desk.legal, "caseHearingHold", case) == "HEARING_NOT_YET_DUE"


async def test_legal_review_is_required_where_the_law_says_and_by_a_qualified_reviewer(
        client, clock):
    desk = await Desk(client).setup()
    case = await desk.to_review()
    case = await ok(client, desk.legal, "caseReviewAssess", case, reasons=["COMPLEX_CASE"],
                    collectiveDecisionRequired=True)
    case = await ok(client, desk.insp, "caseNotify", case, penalty={"fine": SMALL})
    case = await ok(client, desk.insp, "caseDefenceSubmit", case, statement="无异议")
    decide = {"outcome": "PENALTY", "penalty": {"fine": SMALL}}
    assert await refused(client, desk.head, "caseDecide", case, **decide) == (
        "LEGAL_REVIEW_REQUIRED")
    unqualified = await token_of(client, await make_staff(["LEGAL_REVIEWER"]))
    assert await refused(client, unqualified, "caseLegalReviewPass", case) == (
        "REVIEWER_NOT_QUALIFIED")
    case = await ok(client, desk.legal, "caseLegalReviewPass", case, opinion="同意")
    assert await refused(client, desk.head, "caseDecide", case, **decide) == (
        "COLLECTIVE_DECISION_REQUIRED")
    case = await ok(client, desk.head, "caseDecide", case, decidedCollectively=True, **decide)
    assert case["stage"] == "DECIDED"


async def test_the_ninety_day_limit_runs_from_filing_unless_extended(client, clock):
    desk = await Desk(client).setup()
    expired = await desk.to_review()
    extended = await desk.to_review()
    extended = await ok(client, desk.head, "caseExtensionApprove", extended, days=30,
                        basis="《市场监督管理行政处罚程序规定》第六十四条")
    clock.day += timedelta(days=95)
    assert await refused(client, desk.head, "caseDecide", expired, outcome="NO_PENALTY") == (
        "DECISION_DEADLINE_PASSED")
    late = await refused(client, desk.head, "caseExtensionApprove", expired, days=30, basis="补批")
    assert late == "DECISION_DEADLINE_PASSED"  # an extension cannot revive a lapsed limit
    assert (await ok(client, desk.head, "caseDecide", extended, outcome="NO_PENALTY"))[
        "stage"] == "DECIDED"


async def test_service_payment_and_closing_guards(client, clock):
    desk = await Desk(client).setup()
    case = await desk.notified(SMALL)
    case = await ok(client, desk.insp, "caseDefenceSubmit", case, statement="无")
    case = await ok(client, desk.head, "caseDecide", case, outcome="PENALTY",
                    penalty={"fine": SMALL})
    assert await refused(client, desk.insp, "caseServe", case, method="ELECTRONIC") == (
        "E_SERVICE_WITHOUT_CONSENT")
    case = await ok(client, desk.insp, "caseServe", case, method="POST")
    case = await ok(client, desk.insp, "caseExecutionStart", case)
    assert await refused(client, desk.head, "caseClose", case) == "EXECUTION_INCOMPLETE"
    assert await refused(client, desk.insp, "caseCollectOnSpot", case, amount=SMALL,
                         receiptNumber="X1") == "ON_SPOT_COLLECTION_NOT_ALLOWED"
    # 20 days after service: 5 days late, 3 % a day of ¥5,000
    clock.day += timedelta(days=20)
    case = await read(client, desk.head, case["id"])
    assert case["payment"]["lateFee"] == "750.00" and case["payment"]["amountDue"] == "5750.00"


async def test_illegal_moves_and_wrong_roles_are_refused(client, clock):
    desk = await Desk(client).setup()
    case = await desk.open()
    assert await refused(client, desk.insp, "caseServe", case, method="DIRECT") == (
        "ILLEGAL_TRANSITION")
    assert await refused(client, desk.legal, "caseFile", case) == "ROLE_NOT_ALLOWED"
    assert await refused(client, desk.insp, "caseFile", case) == "ROLE_NOT_ALLOWED"
    case = await desk.to_review()
    assert await refused(client, desk.insp, "caseNotify", case, penalty={"fine": "-1"}) == (
        "INVALID_AMOUNT")
    assert await refused(client, desk.insp, "caseNotify", case, penalty={"fine": "1.001"}) == (
        "INVALID_AMOUNT")
