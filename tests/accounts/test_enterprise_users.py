"""Enterprise users: links recorded by staff, choosing the enterprise a session acts for."""

from __future__ import annotations

import random

import jwt

from models.accounts.seed import DEMO_ENTERPRISES, demo_credit_code
from models.identity.rules import credit_code_check_char
from tests.accounts.support import SESSION_FIELDS, sms_sign_in
from tests.helpers import error_codes, gql, gql_raw, staff_token

LINK = """mutation($input: EnterpriseLinkCreateInput!) {
  enterpriseLinkCreate(input: $input) { link { role enterprise { id creditCode name } }
    errors { code field message } }
}"""
SWITCH = f"""mutation($input: AuthEnterpriseSwitchInput!) {{
  authEnterpriseSwitch(input: $input) {{ {SESSION_FIELDS} }}
}}"""
ME = """{ viewer { roles enterprises { role enterprise { id name } }
  actingEnterprise { role enterprise { creditCode } } } }"""
NODE = "query($id: ID!) { node(id: $id) { id ... on Enterprise { creditCode } } }"


def _credit_code() -> str:
    first17 = f"91330106MA2{random.randrange(10**6):06d}"
    return first17 + credit_code_check_char(first17)


async def _link(client, clerk: str, phone: str, code: str, role: str = "AGENT") -> dict:
    data = await gql(client, LINK, {"input": {"creditCode": code, "enterpriseName": "测试公司",
                                              "phone": phone, "role": role}}, token=clerk)
    return data["enterpriseLinkCreate"]


async def _switch(client, session: dict, enterprise_id: str | None) -> dict:
    data = await gql(client, SWITCH, {"input": {"refreshToken": session["refreshToken"],
                                                "enterpriseId": enterprise_id}},
                     token=session["accessToken"])
    return data["authEnterpriseSwitch"]


async def test_a_person_acting_for_two_enterprises_chooses_one_per_session(client, app):
    person = await sms_sign_in(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    first = await _link(client, clerk, person["phone"], _credit_code(), "LEGAL_REPRESENTATIVE")
    second = await _link(client, clerk, person["phone"], _credit_code())
    assert first["errors"] == second["errors"] == []
    me = (await gql(client, ME, token=person["accessToken"]))["viewer"]
    assert len(me["enterprises"]) == 2 and me["actingEnterprise"] is None

    acting = await _switch(client, person, first["link"]["enterprise"]["id"])
    assert acting["errors"] == []
    claims = jwt.decode(acting["accessToken"], options={"verify_signature": False})
    assert claims["erole"] == "LEGAL_REPRESENTATIVE" and "ENTERPRISE_USER" in claims["roles"]
    me = (await gql(client, ME, token=acting["accessToken"]))["viewer"]
    assert me["actingEnterprise"] == {"role": "LEGAL_REPRESENTATIVE", "enterprise": {
        "creditCode": first["link"]["enterprise"]["creditCode"]}}

    # a refresh keeps acting for the same enterprise; switching back is personal again
    personal = await _switch(client, acting, None)
    claims = jwt.decode(personal["accessToken"], options={"verify_signature": False})
    assert "act" not in claims and claims["roles"] == ["CITIZEN"]


async def test_switching_to_an_enterprise_one_is_not_linked_to_is_refused(client, app):
    person = await sms_sign_in(client, app)
    other = await sms_sign_in(client, app)
    link = await _link(client, await staff_token(client, "clerk.xihu"), other["phone"],
                       _credit_code())
    refused = await _switch(client, person, link["link"]["enterprise"]["id"])
    assert refused["errors"][0]["code"] == "ENTERPRISE_NOT_LINKED"
    assert refused["accessToken"] is None
    # the refusal did not spend the refresh token
    assert (await _switch(client, person, None))["errors"] == []


async def test_switching_needs_ones_own_refresh_token(client, app):
    person, other = await sms_sign_in(client, app), await sms_sign_in(client, app)
    stolen = {**person, "refreshToken": other["refreshToken"]}
    refused = await _switch(client, stolen, None)
    assert refused["errors"][0]["code"] == "INVALID_REFRESH_TOKEN"


async def test_recording_the_same_link_twice_changes_nothing(client, app):
    person = await sms_sign_in(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    code = _credit_code()
    first = await _link(client, clerk, person["phone"], code)
    again = await _link(client, clerk, person["phone"], code)
    assert first == again
    me = (await gql(client, ME, token=person["accessToken"]))["viewer"]
    assert len(me["enterprises"]) == 1


async def test_link_input_is_validated(client, app):
    person = await sms_sign_in(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    good = _credit_code()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    refused = await _link(client, clerk, person["phone"], bad)
    assert refused["errors"][0]["code"] == "INVALID_CREDIT_CODE_CHECKSUM"
    assert refused["errors"][0]["field"] == ["input", "creditCode"]
    unknown = await _link(client, clerk, "13000000000", good)
    assert unknown["errors"][0]["code"] == "ACCOUNT_NOT_FOUND"


async def test_who_may_record_enterprise_links(client, app):
    person = await sms_sign_in(client, app)
    variables = {"input": {"creditCode": _credit_code(), "enterpriseName": "测试公司",
                           "phone": person["phone"], "role": "AGENT"}}
    assert error_codes(await gql_raw(client, LINK, variables)) == ["UNAUTHENTICATED"]
    assert error_codes(await gql_raw(client, LINK, variables, token=person["accessToken"])
                       ) == ["FORBIDDEN"]
    approver = await staff_token(client, "approver.xihu")
    assert error_codes(await gql_raw(client, LINK, variables, token=approver)) == ["FORBIDDEN"]
    for username in ("clerk.xihu", "admin.xihu", "sysadmin"):
        data = await gql(client, LINK, variables, token=await staff_token(client, username))
        assert data["enterpriseLinkCreate"]["errors"] == []


async def test_an_enterprise_node_is_visible_to_linked_people_and_staff_only(client, app):
    person, stranger = await sms_sign_in(client, app), await sms_sign_in(client, app)
    link = await _link(client, await staff_token(client, "clerk.xihu"), person["phone"],
                       _credit_code())
    node_id = link["link"]["enterprise"]["id"]
    seen = await gql(client, NODE, {"id": node_id}, token=person["accessToken"])
    assert seen["node"]["id"] == node_id
    assert (await gql(client, NODE, {"id": node_id}, token=stranger["accessToken"]))[
        "node"] is None
    assert (await gql(client, NODE, {"id": node_id}))["node"] is None
    staff = await staff_token(client, "approver.xihu")
    assert (await gql(client, NODE, {"id": node_id}, token=staff))["node"]["id"] == node_id


def test_demo_enterprises_have_valid_credit_codes():
    from models.identity.rules import validate_credit_code

    for _name, first17, _links in DEMO_ENTERPRISES:
        validate_credit_code(demo_credit_code(first17))
