"""Handheld (掌上执法) activation and device-bound tokens, through GraphQL."""

from __future__ import annotations

import uuid

import jwt

from models.regions.seed import department_id
from schema.node import to_global_id
from tests.accounts.support import REFRESH, VIEWER, make_staff
from tests.helpers import SIGN_IN, error_codes, gql, gql_raw, post, staff_token

ISSUE = """mutation($input: DeviceActivationCodeIssueInput!) {
  deviceActivationCodeIssue(input: $input) { code expiresAt errors { code field message } }
}"""
ACTIVATE = """mutation($input: DeviceActivateInput!) {
  deviceActivate(input: $input) { accessToken refreshToken viewer { boundDeviceId }
    errors { code field message } }
}"""
STATS = """query($d: ID) { deviceActivationStats(departmentId: $d) {
  issued activated rate department { code } } }"""
XIHU_MARKET = department_id("330106", "market")


def _device() -> str:
    return f"HH-{uuid.uuid4().hex[:12]}"


async def _inspector():
    return await make_staff(["INSPECTOR"], badge_number="33010629999")


async def _issue(client, token: str, account) -> dict:
    data = await gql(client, ISSUE, {"input": {"accountId": to_global_id("Account", account.id)}},
                     token=token)
    return data["deviceActivationCodeIssue"]


async def _activate(client, code: str, device: str) -> dict:
    return (await gql(client, ACTIVATE, {"input": {"code": code, "deviceId": device}})
            )["deviceActivate"]


async def _status(client, token: str, device: str | None) -> int:
    headers = {"X-Device-Id": device} if device else {}
    return (await post(client, VIEWER, token=token, headers=headers)).status_code


async def test_admin_issues_a_code_and_the_device_activates_once_and_binds(client):
    inspector = await _inspector()
    admin = await staff_token(client, "admin.xihu")
    issued = await _issue(client, admin, inspector)
    assert issued["errors"] == [] and len(issued["code"]) == 14  # XXXX-XXXX-XXXX
    device = _device()
    activated = await _activate(client, issued["code"].lower().replace("-", " "), device)
    assert activated["errors"] == [] and activated["viewer"]["boundDeviceId"] == device
    claims = jwt.decode(activated["accessToken"], options={"verify_signature": False})
    assert claims["dev"] == device
    # the code cannot activate a second device
    other = await _activate(client, issued["code"], _device())
    assert other["errors"][0]["code"] == "ACTIVATION_CODE_USED"


async def test_a_handheld_token_from_another_device_is_refused(client):
    inspector = await _inspector()
    issued = await _issue(client, await staff_token(client, "admin.xihu"), inspector)
    device = _device()
    token = (await _activate(client, issued["code"], device))["accessToken"]
    assert await _status(client, token, device) == 200
    assert await _status(client, token, _device()) == 401
    assert await _status(client, token, None) == 401


async def test_retrying_an_activation_from_the_same_device_is_idempotent(client):
    inspector = await _inspector()
    issued = await _issue(client, await staff_token(client, "admin.xihu"), inspector)
    device = _device()
    first = await _activate(client, issued["code"], device)
    retry = await _activate(client, issued["code"], device)
    assert first["errors"] == retry["errors"] == []
    assert retry["viewer"]["boundDeviceId"] == device


async def test_activating_a_new_device_cuts_off_the_old_one(client):
    inspector = await _inspector()
    admin = await staff_token(client, "admin.xihu")
    old_device, new_device = _device(), _device()
    old = await _activate(client, (await _issue(client, admin, inspector))["code"], old_device)
    await _activate(client, (await _issue(client, admin, inspector))["code"], new_device)
    assert await _status(client, old["accessToken"], old_device) == 401
    refused = (await gql(client, REFRESH, {"input": {"refreshToken": old["refreshToken"]}},
                         headers={"X-Device-Id": old_device}))["authTokenRefresh"]
    assert refused["errors"][0]["code"] == "INVALID_REFRESH_TOKEN"


async def test_a_new_code_supersedes_the_unused_one(client):
    inspector = await _inspector()
    admin = await staff_token(client, "admin.xihu")
    first = await _issue(client, admin, inspector)
    await _issue(client, admin, inspector)
    refused = await _activate(client, first["code"], _device())
    assert refused["errors"][0]["code"] == "INVALID_ACTIVATION_CODE"


async def test_password_sign_in_on_the_bound_device_gets_a_bound_token(client):
    inspector = await _inspector()
    device = _device()
    issued = await _issue(client, await staff_token(client, "admin.xihu"), inspector)
    await _activate(client, issued["code"], device)
    signed = (await gql(client, SIGN_IN, {"input": {
        "username": inspector.username, "password": "Demo@2026", "deviceId": device}}))
    token = signed["authSignIn"]["accessToken"]
    assert jwt.decode(token, options={"verify_signature": False})["dev"] == device
    wrong = await gql(client, SIGN_IN, {"input": {
        "username": inspector.username, "password": "Demo@2026", "deviceId": _device()}})
    assert wrong["authSignIn"]["errors"][0]["code"] == "DEVICE_NOT_BOUND"


async def test_refreshing_a_handheld_session_needs_the_same_device(client):
    inspector = await _inspector()
    device = _device()
    issued = await _issue(client, await staff_token(client, "admin.xihu"), inspector)
    session = await _activate(client, issued["code"], device)
    elsewhere = (await gql(client, REFRESH, {"input": {"refreshToken": session["refreshToken"]}},
                           headers={"X-Device-Id": _device()}))["authTokenRefresh"]
    assert elsewhere["errors"][0]["code"] == "DEVICE_MISMATCH"
    here = (await gql(client, REFRESH, {"input": {"refreshToken": session["refreshToken"]}},
                      headers={"X-Device-Id": device}))["authTokenRefresh"]
    assert here["errors"] == []


async def test_who_may_issue_activation_codes(client):
    inspector = await _inspector()
    other_admin = await make_staff(["DEPT_ADMIN"], region="330212")
    citizen_token = None  # anonymous first
    variables = {"input": {"accountId": to_global_id("Account", inspector.id)}}
    assert error_codes(await gql_raw(client, ISSUE, variables, token=citizen_token)) == [
        "UNAUTHENTICATED"]
    for username, expected in (("clerk.xihu", "FORBIDDEN"), ("inspector.xihu.1", "FORBIDDEN"),
                               (other_admin.username, "NOT_FOUND")):
        body = await gql_raw(client, ISSUE, variables, token=await staff_token(client, username))
        assert error_codes(body) == [expected], username
    for username in ("admin.xihu", "sysadmin"):
        body = await gql(client, ISSUE, variables, token=await staff_token(client, username))
        assert body["deviceActivationCodeIssue"]["errors"] == []


async def test_codes_are_only_for_inspectors(client):
    clerk = await make_staff(["CLERK"])
    issued = await _issue(client, await staff_token(client, "admin.xihu"), clerk)
    assert issued["errors"][0]["code"] == "NOT_A_HANDHELD_ACCOUNT"


async def test_a_bad_code_or_device_id_is_a_typed_error(client):
    bad_code = await _activate(client, "NOPE-NOPE-NOPE", _device())
    assert bad_code["errors"][0]["code"] == "INVALID_ACTIVATION_CODE"
    bad_device = await _activate(client, "NOPE-NOPE-NOPE", "x")
    assert bad_device["errors"][0] == {"code": "INVALID_DEVICE_ID",
                                       "field": ["input", "deviceId"],
                                       "message": "设备标识无效（8至128个可见字符）"}


async def test_activation_rate_per_department(client):
    department = await make_staff(["DEPT_ADMIN"], region="330110")  # 余杭区, used only here
    admin = await staff_token(client, department.username)
    inspectors = [await make_staff(["INSPECTOR"], region="330110") for _ in range(4)]
    codes = [(await _issue(client, admin, i))["code"] for i in inspectors]
    for code in codes[:3]:
        await _activate(client, code, _device())
    stats = (await gql(client, STATS, {}, token=admin))["deviceActivationStats"]
    assert stats == {"issued": 4, "activated": 3, "rate": 0.75,
                     "department": {"code": "330110-market"}}


async def test_who_may_see_activation_rates(client):
    xihu = {"d": to_global_id("Department", XIHU_MARKET)}
    assert error_codes(await gql_raw(client, STATS, xihu)) == ["UNAUTHENTICATED"]
    clerk = await staff_token(client, "clerk.xihu")
    assert error_codes(await gql_raw(client, STATS, xihu, token=clerk)) == ["FORBIDDEN"]
    for username in ("admin.xihu", "head.xihu", "supervisor.hz", "sysadmin"):
        data = await gql(client, STATS, xihu, token=await staff_token(client, username))
        assert data["deviceActivationStats"]["department"]["code"] == "330106-market", username
    outsider = await make_staff(["DEPT_ADMIN"], region="330212")
    hidden = await gql(client, STATS, xihu, token=await staff_token(client, outsider.username))
    assert hidden["deviceActivationStats"] is None  # forbidden looks like missing
