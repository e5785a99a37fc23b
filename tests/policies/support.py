"""Helpers for the policy tests: queries, enterprise sessions, admins of a region."""

from __future__ import annotations

import random
import uuid
from typing import Any

import httpx

from models.identity.rules import credit_code_check_char
from tests.accounts.support import SESSION_FIELDS, make_staff, sms_sign_in
from tests.helpers import gql, staff_token

POLICY_FIELDS = """id title documentNumber issuingBody level levelLabel status isRetired
  issuedOn validTo retiredReason region { code } industries enterpriseSizes supportTypes
  applyThrough { id basicCode name } availableActions"""
SEARCH = f"""query($q: String, $filter: PolicyFilter, $first: Int, $after: String) {{
  policies(q: $q, filter: $filter, first: $first, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ {POLICY_FIELDS} }} }} }}"""
MATCHES = f"""query($first: Int, $after: String) {{
  policyMatches(first: $first, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ {POLICY_FIELDS} }} }} }}"""
PROFILE = "{ policyProfile { industry size declared region { code } } }"
SET_PROFILE = """mutation($input: PolicyProfileSetInput!) {
  policyProfileSet(input: $input) { profile { industry size declared region { code } }
    errors { code field } } }"""
NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on Policy {{ {POLICY_FIELDS} }} }} }}"
LINK = """mutation($input: EnterpriseLinkCreateInput!) {
  enterpriseLinkCreate(input: $input) { link { enterprise { id } } errors { code } } }"""
SWITCH = f"""mutation($input: AuthEnterpriseSwitchInput!) {{
  authEnterpriseSwitch(input: $input) {{ {SESSION_FIELDS} }} }}"""


def credit_code(region: str = "330106") -> str:
    first17 = f"91{region}MA{random.randrange(10**7):07d}"
    return first17 + credit_code_check_char(first17)


async def enterprise_session(client: httpx.AsyncClient, app, region: str = "330106") -> str:
    """A new person acting for a new enterprise registered in ``region``; the access token."""
    person = await sms_sign_in(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    linked = (await gql(client, LINK, {"input": {
        "creditCode": credit_code(region), "enterpriseName": "测试科技有限公司",
        "phone": person["phone"], "role": "LEGAL_REPRESENTATIVE"}}, token=clerk))[
        "enterpriseLinkCreate"]
    assert linked["errors"] == [], linked
    switched = (await gql(client, SWITCH, {"input": {
        "refreshToken": person["refreshToken"],
        "enterpriseId": linked["link"]["enterprise"]["id"]}}, token=person["accessToken"]))[
        "authEnterpriseSwitch"]
    assert switched["errors"] == [], switched
    return switched["accessToken"]


async def admin_of(client: httpx.AsyncClient, region: str) -> str:
    account = await make_staff(["DEPT_ADMIN"], region=region)
    return await staff_token(client, account.username)


_RARE = "甄熠琮瑄珩翊璟琛瑾珣玥琨"


def unique_word() -> str:
    """Four rare characters: a title word no other policy has."""
    return "".join(random.choice(_RARE) for _ in range(4))


def policy_input(**fields: Any) -> dict[str, Any]:
    return {"clientKey": uuid.uuid4().hex, "title": f"关于支持{unique_word()}产业发展的若干措施",
            "issuingBody": "杭州市西湖区人民政府", "issuedOn": "2025-06-01",
            "supportTypes": ["SUBSIDY"], **fields}
