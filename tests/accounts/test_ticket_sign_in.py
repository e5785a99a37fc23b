"""Host-platform (浙里办) ticket sign-in through GraphQL, against the mock IdP server."""

from __future__ import annotations

import logging
from datetime import date

import httpx
import pytest

from auth.idp import IdentityProvider
from models.errors import Refusal
from models.identity.rules import credit_code_check_char
from tests.accounts.support import SESSION_FIELDS, sms_sign_in, unique_id_number, unique_phone
from tests.helpers import gql

TICKET_SIGN_IN = f"""mutation($input: AuthTicketSignInInput!) {{
  authTicketSignIn(input: $input) {{ accountCreated {SESSION_FIELDS} }}
}}"""
MY_ENTERPRISES = """{ viewer { realNameVerified enterprises { role roleLabel
  enterprise { creditCode name } } } }"""


async def _ticket_sign_in(client, ticket: str) -> dict:
    return (await gql(client, TICKET_SIGN_IN, {"input": {"ticket": ticket}}))["authTicketSignIn"]


def _credit_code(seed: int) -> str:
    first17 = f"91330106MA2{seed % 10**6:06d}"
    return first17 + credit_code_check_char(first17)


async def test_ticket_sign_in_creates_a_verified_citizen_with_the_providers_identity(
        client, idp):
    id_number, phone = unique_id_number(), unique_phone()
    code = _credit_code(int(phone[-6:]))
    ticket = await idp.ticket(id_number, "欧阳娜娜", phone, [
        {"creditCode": code, "name": "测试企业有限公司", "role": "LEGAL_REPRESENTATIVE"}])
    payload = await _ticket_sign_in(client, ticket)
    assert payload["errors"] == [] and payload["accountCreated"] is True
    viewer = payload["viewer"]
    assert (viewer["displayName"], viewer["idNumber"], viewer["phone"]) == (
        "欧阳娜娜", id_number, phone)
    me = (await gql(client, MY_ENTERPRISES, token=payload["accessToken"]))["viewer"]
    assert me["realNameVerified"] is True
    assert me["enterprises"] == [{"role": "LEGAL_REPRESENTATIVE", "roleLabel": "法定代表人",
                                  "enterprise": {"creditCode": code, "name": "测试企业有限公司"}}]


async def test_the_same_person_signing_in_again_gets_the_same_account(client, idp):
    id_number = unique_id_number()
    first = await _ticket_sign_in(client, await idp.ticket(id_number, "张三"))
    second = await _ticket_sign_in(client, await idp.ticket(id_number, "张三"))
    assert second["accountCreated"] is False
    assert second["viewer"]["id"] == first["viewer"]["id"]


async def test_a_ticket_is_single_use(client, idp):
    ticket = await idp.ticket(unique_id_number(), "李四")
    assert (await _ticket_sign_in(client, ticket))["errors"] == []
    replay = await _ticket_sign_in(client, ticket)
    assert [e["code"] for e in replay["errors"]] == ["TICKET_USED"]
    assert replay["accessToken"] is None


async def test_an_unknown_ticket_is_refused(client, idp):
    refused = await _ticket_sign_in(client, "no-such-ticket")
    assert refused["errors"][0]["code"] == "INVALID_TICKET"
    assert refused["errors"][0]["field"] == ["input", "ticket"]


async def test_a_phone_only_account_gains_the_verified_identity(client, app, idp):
    sms = await sms_sign_in(client, app)
    id_number = unique_id_number()
    payload = await _ticket_sign_in(client, await idp.ticket(id_number, "王五", sms["phone"]))
    assert payload["accountCreated"] is False
    assert payload["viewer"]["id"] == sms["viewer"]["id"]
    assert payload["viewer"]["idNumber"] == id_number


async def test_an_unreachable_provider_is_a_typed_error_not_a_500(client, app, monkeypatch):
    from tests.conftest import free_port

    monkeypatch.setattr(app.state.services["idp"], "base_url",
                        f"http://127.0.0.1:{free_port()}")
    refused = await _ticket_sign_in(client, "any-ticket-at-all")
    assert refused["errors"][0]["code"] == "IDP_UNAVAILABLE"


async def test_an_identity_with_a_bad_id_number_is_refused(client, idp):
    good = unique_id_number()
    bad = good[:17] + ("0" if good[17] != "0" else "1")  # wrong check character
    refused = await _ticket_sign_in(client, await idp.ticket(bad, "赵六"))
    assert refused["errors"][0]["code"] == "IDP_BAD_IDENTITY"


async def test_ticket_sign_in_never_logs_the_id_number_or_phone(client, idp, caplog):
    caplog.set_level(logging.DEBUG)
    id_number, phone = unique_id_number(), unique_phone()
    payload = await _ticket_sign_in(client, await idp.ticket(id_number, "孙七", phone))
    assert payload["errors"] == []
    text = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert id_number not in text and phone not in text


async def test_the_gateway_refuses_a_replayed_ticket_even_if_the_provider_would_not(app):
    """Single use is enforced on our side too: a provider that accepts a ticket
    twice (buggy, or a replay inside its window) still gets one sign-in."""
    id_number = unique_id_number()

    def lenient(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"idNumber": id_number, "name": "周八"})

    provider = IdentityProvider("http://idp.test", "app", "secret", app.state.redis,
                                transport=httpx.MockTransport(lenient))
    ticket = f"replayed-{unique_phone()}"
    who = await provider.exchange(ticket, today=date.today())
    assert who.id_number == id_number and who.phone is None
    with pytest.raises(Refusal) as refused:
        await provider.exchange(ticket, today=date.today())
    assert refused.value.code == "TICKET_USED"


async def test_the_provider_refuses_a_gateway_with_the_wrong_app_secret(app, mock_idp):
    provider = IdentityProvider(mock_idp.url, "zhengwu-gateway", "wrong-secret",
                                app.state.redis)
    ticket = await mock_idp.ticket(unique_id_number(), "吴九")
    with pytest.raises(Refusal) as refused:
        await provider.exchange(ticket, today=date.today())
    assert refused.value.code == "IDP_UNAVAILABLE"
