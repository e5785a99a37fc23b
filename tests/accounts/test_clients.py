"""Third-party clients: registration and the client-credentials grant."""

from __future__ import annotations

import jwt

from models.accounts.seed import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from models.accounts.tables import ApiClient
from tests.helpers import error_codes, gql, gql_raw, post, staff_token

REGISTER = """mutation($input: ApiClientRegisterInput!) {
  apiClientRegister(input: $input) { clientSecret client { clientId name scopes isActive }
    errors { code field message } }
}"""
GRANT = """mutation($input: AuthClientCredentialsGrantInput!) {
  authClientCredentialsGrant(input: $input) { accessToken expiresAt scopes
    errors { code field message } }
}"""


async def _grant(client, client_id: str, secret: str, scopes=None) -> dict:
    variables = {"input": {"clientId": client_id, "clientSecret": secret}}
    if scopes is not None:
        variables["input"]["scopes"] = scopes
    return (await gql(client, GRANT, variables))["authClientCredentialsGrant"]


async def test_a_registered_client_gets_a_client_token_with_its_scopes(client):
    admin = await staff_token(client, "sysadmin")
    registered = (await gql(client, REGISTER, {"input": {
        "name": "某市民服务小程序", "scopes": ["progress:read", "catalogue:read"]}},
        token=admin))["apiClientRegister"]
    assert registered["errors"] == []
    cid, secret = registered["client"]["clientId"], registered["clientSecret"]
    row = await ApiClient.get(client_id=cid)
    assert secret not in row.secret_hash and row.secret_hash.startswith("$argon2")
    granted = await _grant(client, cid, secret)
    assert granted["errors"] == [] and granted["scopes"] == ["catalogue:read", "progress:read"]
    claims = jwt.decode(granted["accessToken"], options={"verify_signature": False})
    assert claims["kind"] == "CLIENT" and claims["sub"] == cid and claims["cid"] == cid
    narrower = await _grant(client, cid, secret, ["catalogue:read"])
    assert narrower["scopes"] == ["catalogue:read"]


async def test_the_demo_client_works_with_its_documented_secret(client):
    granted = await _grant(client, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    assert granted["errors"] == [] and "catalogue:read" in granted["scopes"]
    response = await post(client, "{ viewer { id } }", token=granted["accessToken"])
    assert response.json()["data"] == {"viewer": None}


async def test_a_wrong_secret_and_an_unknown_client_look_the_same(client):
    wrong = await _grant(client, DEMO_CLIENT_ID, "wrong")
    unknown = await _grant(client, "no-such-client", "wrong")
    assert wrong["errors"] == unknown["errors"]
    assert wrong["errors"][0]["code"] == "INVALID_CLIENT" and wrong["accessToken"] is None


async def test_a_client_cannot_ask_for_scopes_it_was_not_given(client):
    refused = await _grant(client, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ["ratings:read"])
    assert refused["errors"][0]["code"] == "INVALID_SCOPE"


async def test_client_tokens_have_their_own_rate_budget(make_app):
    from auth.passwords import hash_password
    from models.accounts import clients

    row, secret = await clients.register("限流测试", ["catalogue:read"],
                                         hash_secret=hash_password)
    async with make_app(rate_budget=40) as small:
        token = (await _grant(small, row.client_id, secret))["accessToken"]
        statuses = [(await post(small, "{ __typename }", token=token)).status_code
                    for _ in range(45)]
        assert statuses[0] == 200 and statuses[-1] == 429
        # the client's spending did not touch the budget of its network address
        assert (await post(small, "{ __typename }")).status_code == 200


async def test_who_may_register_clients(client, app):
    from tests.accounts.support import sms_sign_in

    variables = {"input": {"name": "某应用", "scopes": ["catalogue:read"]}}
    assert error_codes(await gql_raw(client, REGISTER, variables)) == ["UNAUTHENTICATED"]
    citizen = (await sms_sign_in(client, app))["accessToken"]
    for token in (citizen, await staff_token(client, "admin.xihu")):
        assert error_codes(await gql_raw(client, REGISTER, variables, token=token)) == [
            "FORBIDDEN"]
    bad = (await gql(client, REGISTER, {"input": {"name": "某应用", "scopes": ["root"]}},
                     token=await staff_token(client, "sysadmin")))["apiClientRegister"]
    assert bad["errors"][0]["code"] == "INVALID_SCOPE"
