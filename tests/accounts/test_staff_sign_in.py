"""Staff sign-in through GraphQL: tokens, wrong passwords and lockout."""

from __future__ import annotations

import uuid

import jwt

from models.accounts.seed import DEMO_STAFF
from tests.helpers import SIGN_IN, error_codes, gql, gql_raw, staff_token

VIEWER = "{ viewer { displayName roles } }"


async def test_every_demo_role_can_sign_in_and_see_itself(client):
    for username, name, roles, *_ in DEMO_STAFF:
        token = await staff_token(client, username)
        data = await gql(client, VIEWER, token=token)
        assert data["viewer"] == {"displayName": name, "roles": [r.value for r in roles]}


async def test_access_token_is_eddsa_with_kid_and_required_claims(client):
    token = await staff_token(client, "clerk.xihu")
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA" and header["kid"]
    claims = jwt.decode(token, options={"verify_signature": False})
    for claim in ("iss", "aud", "exp", "iat", "jti", "sub"):
        assert claim in claims


async def test_wrong_password_and_unknown_user_look_the_same(client):
    wrong = await gql(client, SIGN_IN, {"input": {"username": "approver.xihu", "password": "x"}})
    unknown = await gql(client, SIGN_IN, {"input": {"username": "nobody", "password": "x"}})
    assert wrong["authSignIn"]["errors"] == unknown["authSignIn"]["errors"]
    assert wrong["authSignIn"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert wrong["authSignIn"]["accessToken"] is None


async def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client):
    # its own account: locking a shared demo account would break other tests
    from auth.passwords import hash_password
    from models.accounts.tables import Account

    username = f"lockout.{uuid.uuid4().hex[:8]}"
    await Account.create(kind="STAFF", username=username, display_name="锁定测试",
                         password_hash=hash_password("Demo@2026"), roles=["CLERK"])
    for _ in range(4):
        data = await gql(client, SIGN_IN, {"input": {"username": username,
                                                     "password": "wrong"}})
        assert data["authSignIn"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    fifth = await gql(client, SIGN_IN, {"input": {"username": username,
                                                  "password": "wrong"}})
    assert fifth["authSignIn"]["errors"][0]["code"] == "ACCOUNT_LOCKED"
    right = await gql(client, SIGN_IN, {"input": {"username": username,
                                                  "password": "Demo@2026"}})
    assert right["authSignIn"]["errors"][0]["code"] == "ACCOUNT_LOCKED"
    assert "锁定" in right["authSignIn"]["errors"][0]["message"]


async def test_tampered_expired_and_alg_none_tokens_are_unauthenticated(client):
    token = await staff_token(client, "head.xihu")
    head, body, sig = token.split(".")
    tampered = f"{head}.{body[:-2]}AA.{sig}"
    unsigned = jwt.encode(jwt.decode(token, options={"verify_signature": False}), None,
                          algorithm="none")
    for bad in (tampered, unsigned, "not.a.token", token + "x"):
        response = await client.post("/graphql", json={"query": VIEWER},
                                     headers={"Authorization": f"Bearer {bad}"})
        assert response.status_code == 401
        assert error_codes(response.json()) == ["UNAUTHENTICATED"]


async def test_anonymous_viewer_is_null(client):
    assert (await gql_raw(client, VIEWER))["data"] == {"viewer": None}
