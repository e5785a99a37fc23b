"""简易程序 (简案快办) on a handheld: an inspector with a device-bound token decides on
the spot, hands the decision over and collects a small fine."""

from __future__ import annotations

import uuid

from schema.node import to_global_id
from tests.cases.support import (
    id_number,
    make_staff,
    ok,
    open_case,
    refused,
)
from tests.helpers import gql, staff_token

ISSUE = """mutation($input: DeviceActivationCodeIssueInput!) {
  deviceActivationCodeIssue(input: $input) { code errors { code } } }"""
ACTIVATE = """mutation($input: DeviceActivateInput!) {
  deviceActivate(input: $input) { accessToken errors { code } } }"""


async def handheld(client, account) -> tuple[str, dict[str, str]]:
    """Activate a handheld for ``account``: its device-bound token and device header."""
    admin = await staff_token(client, "admin.xihu")
    issued = (await gql(client, ISSUE, {"input": {"accountId": to_global_id(
        "Account", account.id)}}, token=admin))["deviceActivationCodeIssue"]
    device = f"HH-{uuid.uuid4().hex[:12]}"
    activated = (await gql(client, ACTIVATE, {"input": {"code": issued["code"],
                                                        "deviceId": device}}))["deviceActivate"]
    assert activated["errors"] == [], activated
    return activated["accessToken"], {"X-Device-Id": device}


async def test_an_inspector_decides_a_simple_case_on_a_handheld(client, clock):
    one = await make_staff(["INSPECTOR"], badge_number="33010621001")
    two = await make_staff(["INSPECTOR"], badge_number="33010621002")
    token, device = await handheld(client, one)
    person = {"kind": "CITIZEN", "name": "王小二", "idNumber": id_number()}
    case = await open_case(client, token, [one, two], party=person, source="ON_SITE",
                           headers=device)
    assert case["party"]["idNumberMasked"].count("*") == 10  # never shown in full
    assert "DECIDE_ON_SPOT" in case["availableActions"]

    over = {"penalty": {"fine": "300.00"}, "partyHeard": True}
    assert await refused(client, token, "caseDecideOnSpot", case, device, **over) == (
        "SIMPLE_PROCEDURE_CAP_EXCEEDED")  # ¥200 for a citizen
    unheard = {"penalty": {"fine": "100.00"}, "partyHeard": False}
    assert await refused(client, token, "caseDecideOnSpot", case, device, **unheard) == (
        "DEFENCE_NOT_HEARD")
    case = await ok(client, token, "caseDecideOnSpot", case, device, partyHeard=True,
                    penalty={"fine": "100.00", "warning": True}, statement="承认违法事实")
    assert case["stage"] == "DECIDED" and case["procedure"] == "SIMPLE"
    assert case["documents"][-1]["kind"] == "ON_SPOT_DECISION"

    assert await refused(client, token, "caseServe", case, device, method="POST") == (
        "ON_SPOT_SERVICE_REQUIRED")
    case = await ok(client, token, "caseServe", case, device, method="ON_SPOT")
    case = await ok(client, token, "caseExecutionStart", case, device)
    case = await ok(client, token, "caseCollectOnSpot", case, device, amount="100.00",
                    receiptNumber="浙财收0000123")
    assert case["payment"]["paidOn"] == clock.day.isoformat()
    head = await staff_token(client, "head.xihu")
    case = await ok(client, head, "caseClose", case)
    assert case["stage"] == "CLOSED"
    # a simple case is filed with the agency but not published, and no credit change
    assert "PUBLICATION" not in {d["kind"] for d in case["deadlines"]}


async def test_a_simple_case_needs_two_officers_too(client, clock):
    one = await make_staff(["INSPECTOR"], badge_number="33010621003")
    token, device = await handheld(client, one)
    case = await open_case(client, token, [one], source="ON_SITE", headers=device)
    assert "DECIDE_ON_SPOT" not in case["availableActions"]
    assert await refused(client, token, "caseDecideOnSpot", case, device, partyHeard=True,
                         penalty={"warning": True}) == "TOO_FEW_OFFICERS"
