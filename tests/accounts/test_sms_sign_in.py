"""Phone + SMS code sign-in through GraphQL: codes, limits, brute force, privacy."""

from __future__ import annotations

import logging
import time

from models.accounts.otp_rules import MAX_ATTEMPTS
from models.accounts.tables import Account, SecurityEvent
from tests.accounts.support import (
    SMS_SEND,
    SMS_SIGN_IN,
    VIEWER,
    outbox_code,
    send_code,
    sms_sign_in,
    unique_phone,
)
from tests.helpers import gql


async def _sign_in(client, phone: str, code: str) -> dict:
    return (await gql(client, SMS_SIGN_IN, {"input": {"phone": phone, "code": code}})
            )["authSmsSignIn"]


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


async def test_first_sms_sign_in_creates_a_citizen_and_the_owner_sees_the_full_phone(
        client, app):
    first = await sms_sign_in(client, app)
    assert first["accountCreated"] is True
    assert first["viewer"]["kind"] == "CITIZEN" and first["viewer"]["roles"] == ["CITIZEN"]
    me = (await gql(client, VIEWER, token=first["accessToken"]))["viewer"]
    assert me["phone"] == first["phone"]
    assert first["refreshToken"] and first["refreshExpiresAt"]


async def test_second_sign_in_with_the_same_phone_finds_the_same_account(client, app,
                                                                         monkeypatch):
    first = await sms_sign_in(client, app)
    otp = app.state.services["otp"]
    monkeypatch.setattr(otp, "clock", lambda: time.time() + 61)
    again = await sms_sign_in(client, app, first["phone"])
    assert again["accountCreated"] is False
    assert again["viewer"]["id"] == first["viewer"]["id"]


async def test_the_code_is_never_in_the_api_response(client, app):
    phone = unique_phone()
    response = await client.post("/graphql", json={"query": SMS_SEND,
                                                    "variables": {"input": {"phone": phone}}})
    assert outbox_code(app, phone) not in response.text
    assert response.json()["data"]["authSmsCodeSend"]["expiresInSeconds"] == 300


async def test_a_code_works_only_once(client, app):
    phone = unique_phone()
    await send_code(client, phone)
    code = outbox_code(app, phone)
    assert (await _sign_in(client, phone, code))["errors"] == []
    second = await _sign_in(client, phone, code)
    assert [e["code"] for e in second["errors"]] == ["SMS_CODE_EXPIRED"]
    assert second["accessToken"] is None


async def test_sms_brute_force_is_stopped_after_five_wrong_codes(client, app):
    phone = unique_phone()
    await send_code(client, phone)
    code = outbox_code(app, phone)
    codes = []
    for _ in range(MAX_ATTEMPTS):
        codes.append((await _sign_in(client, phone, _wrong(code)))["errors"][0]["code"])
    assert codes == ["INVALID_SMS_CODE"] * (MAX_ATTEMPTS - 1) + ["SMS_CODE_ATTEMPTS_EXCEEDED"]
    # the right code no longer works: the attacker's budget burned it
    late = await _sign_in(client, phone, code)
    assert late["errors"][0]["code"] == "SMS_CODE_EXPIRED" and late["accessToken"] is None
    assert await SecurityEvent.filter(kind="SMS_CODE_EXHAUSTED").exists()


async def test_wrong_code_message_counts_down_and_points_at_the_code_field(client, app):
    phone = unique_phone()
    await send_code(client, phone)
    error = (await _sign_in(client, phone, _wrong(outbox_code(app, phone))))["errors"][0]
    assert error["field"] == ["input", "code"] and "4" in error["message"]


async def test_resend_within_sixty_seconds_is_refused_then_allowed(client, app, monkeypatch):
    phone = unique_phone()
    otp = app.state.services["otp"]
    start = time.time()
    monkeypatch.setattr(otp, "clock", lambda: start)
    assert (await send_code(client, phone))["cooldownSeconds"] == 60
    again = await send_code(client, phone)
    assert again["errors"][0]["code"] == "SMS_COOLDOWN" and again["cooldownSeconds"] is None
    monkeypatch.setattr(otp, "clock", lambda: start + 61)
    assert (await send_code(client, phone))["errors"] == []


async def test_a_code_expires_after_five_minutes(client, app, monkeypatch):
    phone = unique_phone()
    otp = app.state.services["otp"]
    start = time.time()
    monkeypatch.setattr(otp, "clock", lambda: start)
    await send_code(client, phone)
    monkeypatch.setattr(otp, "clock", lambda: start + 301)
    late = await _sign_in(client, phone, outbox_code(app, phone))
    assert late["errors"][0]["code"] == "SMS_CODE_EXPIRED"


async def test_a_new_code_replaces_the_old_one(client, app, monkeypatch):
    phone = unique_phone()
    otp = app.state.services["otp"]
    start = time.time()
    monkeypatch.setattr(otp, "clock", lambda: start)
    await send_code(client, phone)
    old = outbox_code(app, phone)
    monkeypatch.setattr(otp, "clock", lambda: start + 61)
    await send_code(client, phone)
    new = outbox_code(app, phone)
    if old != new:
        assert (await _sign_in(client, phone, old))["errors"][0]["code"] == "INVALID_SMS_CODE"
    assert (await _sign_in(client, phone, new))["errors"] == []


async def test_daily_cap_per_phone(client, app, monkeypatch):
    phone = unique_phone()
    otp = app.state.services["otp"]
    # 10:00 Beijing time, so the whole run stays on one calendar day there
    start = (int(time.time()) // 86400) * 86400 + 2 * 3600
    results = []
    for i in range(otp.daily_cap + 1):
        monkeypatch.setattr(otp, "clock", lambda i=i: start + i * 61)
        sent = await send_code(client, phone)
        results.append(sent["errors"][0]["code"] if sent["errors"] else "OK")
    assert results == ["OK"] * otp.daily_cap + ["SMS_DAILY_LIMIT"]


async def test_an_invalid_phone_is_a_typed_error(client):
    sent = await send_code(client, "12345")
    assert sent["errors"] == [{"code": "INVALID_PHONE", "field": ["input", "phone"],
                               "message": "请输入有效的11位手机号码"}]


async def test_a_malformed_code_is_refused_without_spending_an_attempt(client, app):
    phone = unique_phone()
    await send_code(client, phone)
    for _ in range(MAX_ATTEMPTS + 1):
        error = (await _sign_in(client, phone, "12ab"))["errors"][0]
        assert error["code"] == "INVALID_SMS_CODE"
    assert (await _sign_in(client, phone, outbox_code(app, phone)))["errors"] == []


async def test_phone_is_encrypted_at_rest_and_absent_from_redis(client, app):
    payload = await sms_sign_in(client, app)
    phone = payload["phone"]
    row = await Account.get(phone_index=app.state.services["pii"].blind_index(
        phone, context="account.phone"))
    assert phone not in (row.phone_enc or "") and row.phone_enc.startswith("v1.")
    redis = app.state.redis
    async for key in redis.scan_iter(match="otp:*"):
        assert phone.encode() not in key


async def test_sign_in_never_logs_the_phone_or_id_number(client, app, caplog):
    caplog.set_level(logging.DEBUG)
    payload = await sms_sign_in(client, app)
    text = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "sms code sent" in text  # the sender did log, masked
    assert payload["phone"] not in text
    assert payload["phone"][:3] + "****" + payload["phone"][-4:] in text


async def test_staff_cannot_sign_in_by_sms_with_a_staff_phone(client, app):
    # a phone on a staff record is not a citizen login
    from tests.accounts.support import make_staff

    phone = unique_phone()
    pii = app.state.services["pii"]
    await make_staff(["CLERK"], phone_enc=pii.encrypt(phone, context="account.phone"),
                     phone_index=pii.blind_index(phone, context="account.phone"))
    await send_code(client, phone)
    refused = await _sign_in(client, phone, outbox_code(app, phone))
    assert refused["errors"][0]["code"] == "NOT_A_CITIZEN_ACCOUNT"


async def test_the_dev_outbox_route_reads_codes_outside_production(client, app):
    phone = unique_phone()
    await send_code(client, phone)
    response = await client.post("/dev/sms-outbox", json={"phone": phone})
    assert response.json() == {"code": outbox_code(app, phone)}
    assert (await client.post("/dev/sms-outbox", json={})).status_code == 400


async def test_production_keeps_no_outbox_and_has_no_dev_route(database, app):
    from dataclasses import replace

    import fakeredis

    from api.authn import build_auth_services, dev_routes

    prod = replace(database, env="prod")
    assert dev_routes(prod, {}) == []
    redis = fakeredis.FakeAsyncRedis()
    try:
        services = build_auth_services(prod, redis, app.state.services["tokens"],
                                       app.state.services["sessions"].revocations)
        sender = services["sms"]
        await sender.send("13800138000", "【政务服务】您的验证码为 123456")
        assert sender.outbox == {} and sender.last_code("13800138000") is None
    finally:
        await redis.aclose()
