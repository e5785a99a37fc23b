"""Helpers for the account tests: unique people, sign-in flows, staff rows."""

from __future__ import annotations

import random
import uuid
from typing import Any

import httpx

from auth.passwords import hash_password
from models.accounts.seed import DEMO_PASSWORD
from models.accounts.tables import Account
from models.identity.rules import resident_id_check_char
from models.regions.seed import department_id
from tests.helpers import gql

SESSION_FIELDS = """accessToken expiresAt refreshToken refreshExpiresAt
  viewer { id kind displayName roles phone idNumber realNameVerified }
  errors { code field message }"""

SMS_SEND = """mutation($input: AuthSmsCodeSendInput!) {
  authSmsCodeSend(input: $input) { cooldownSeconds expiresInSeconds errors { code field message } }
}"""
SMS_SIGN_IN = f"""mutation($input: AuthSmsSignInInput!) {{
  authSmsSignIn(input: $input) {{ accountCreated {SESSION_FIELDS} }}
}}"""
REFRESH = f"""mutation($input: AuthTokenRefreshInput!) {{
  authTokenRefresh(input: $input) {{ {SESSION_FIELDS} }}
}}"""
SIGN_OUT = """mutation($input: AuthSignOutInput!) {
  authSignOut(input: $input) { signedOut errors { code } }
}"""
VIEWER = "{ viewer { id kind displayName roles phone idNumber } }"


def unique_phone() -> str:
    return f"1{random.choice('3456789')}{random.randrange(10**9):09d}"


def unique_id_number(birth: str = "19900101", region: str = "330106") -> str:
    first17 = f"{region}{birth}{random.randrange(1000):03d}"
    return first17 + resident_id_check_char(first17)


def outbox_code(app, phone: str) -> str:
    code = app.state.services["sms"].last_code(phone)
    assert code is not None, "no code in the dev outbox"
    return code


async def send_code(client: httpx.AsyncClient, phone: str) -> dict[str, Any]:
    return (await gql(client, SMS_SEND, {"input": {"phone": phone}}))["authSmsCodeSend"]


async def sms_sign_in(client: httpx.AsyncClient, app, phone: str | None = None
                      ) -> dict[str, Any]:
    """Send a code, read it from the dev outbox and sign in; returns the payload."""
    phone = phone or unique_phone()
    sent = await send_code(client, phone)
    assert sent["errors"] == [], sent
    data = await gql(client, SMS_SIGN_IN, {"input": {"phone": phone,
                                                     "code": outbox_code(app, phone)}})
    payload = data["authSmsSignIn"]
    assert payload["errors"] == [], payload["errors"]
    payload["phone"] = phone
    return payload


async def make_staff(roles: list[str], *, region: str = "330106", kind: str = "market",
                     **extra: Any) -> Account:
    """A staff account of our own (password Demo@2026), so tests never change seed rows."""
    username = f"t.{'-'.join(r.lower() for r in roles)}.{uuid.uuid4().hex[:8]}"
    return await Account.create(
        id=uuid.uuid4(), kind="STAFF", username=username, display_name="测试人员",
        password_hash=hash_password(DEMO_PASSWORD), roles=roles,
        department_id=department_id(region, kind), **extra)
