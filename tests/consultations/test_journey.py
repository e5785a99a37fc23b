"""The consultation journey through GraphQL: ask, answer or dispatch, reply, evaluate, reopen."""

from __future__ import annotations

import random

from tests.accounts.support import outbox_code, send_code, unique_phone
from tests.consultations.support import (
    CLOSE,
    EVALUATE,
    REPLY,
    citizen,
    dept,
    key,
    make_matter,
    run,
    staff,
    submit,
    submitted,
)
from tests.helpers import gql

LOOKUP = """query($number: String!, $code: String!) {
  consultationLookup(number: $number, queryCode: $code) { id number status } }"""
_CHARS = "星河云岚松柏泉溪霞岩枫桐"


def _unique_name() -> str:
    return "".join(random.choice(_CHARS) for _ in range(4)) + "经营备案"


def _actions(consultation: dict) -> list[str]:
    return [event["action"] for event in consultation["timeline"]]


async def test_a_question_naming_a_matter_is_answered_from_its_guide(client, app):
    name = _unique_name()
    matter = await make_matter(name, fees=1000)
    token = await citizen(client, app)
    asked = await submitted(client, token, content=f"请问办理{name}需要哪些材料？收费吗？")
    assert asked["status"] == "REPLIED" and asked["answerSource"] == "GUIDE"
    assert "营业执照" in asked["reply"] and "工本费：10.00元" in asked["reply"]
    assert "办理时限" not in asked["reply"]
    assert asked["matter"]["basicCode"] == matter.basic_code
    assert asked["department"]["id"] == dept("330106", "market")
    assert _actions(asked) == ["SUBMIT", "AUTO_REPLY"]
    assert asked["availableActions"] == ["EVALUATE", "CLOSE"]


async def test_a_bad_evaluation_reopens_once_then_the_second_evaluation_closes(client, app):
    name = _unique_name()
    await make_matter(name)
    token = await citizen(client, app)
    clerk = await staff(client, ["CLERK"])
    asked = await submitted(client, token, content=f"{name}多长时间能办好？")
    assert asked["status"] == "REPLIED" and "承诺时限5个工作日" in asked["reply"]

    bad = await run(client, EVALUATE, "consultationEvaluate", token, id=asked["id"], rating=2,
                    comment="没有回答我的问题")
    reopened = bad["consultation"]
    assert bad["errors"] == [] and reopened["status"] == "ASSIGNED"
    assert reopened["reopenCount"] == 1 and reopened["rating"] == 2
    assert reopened["department"]["id"] == dept("330106", "market")

    replied = await run(client, REPLY, "consultationReply", clerk, id=asked["id"],
                        reply="您好，材料齐全的 5 个工作日内办结，可在线查询进度。")
    assert replied["errors"] == [] and replied["consultation"]["answerSource"] == "STAFF"
    assert replied["consultation"]["onTime"] is True

    final = await run(client, EVALUATE, "consultationEvaluate", token, id=asked["id"], rating=1)
    assert final["consultation"]["status"] == "CLOSED" and final["consultation"]["closedAt"]
    assert _actions(final["consultation"]) == [
        "SUBMIT", "AUTO_REPLY", "EVALUATE", "REOPEN", "REPLY", "EVALUATE", "CLOSE"]
    labels = [e["label"] for e in final["consultation"]["timeline"]]
    assert "评价：不满意" in labels and "评价：非常不满意" in labels


async def test_an_faq_question_is_answered_and_a_good_evaluation_closes_it(client, app):
    token = await citizen(client, app)
    asked = await submitted(client, token, content="我想问一下住房公积金怎么提取？")
    assert asked["answerSource"] == "FAQ" and "公积金" in asked["reply"]
    rated = await run(client, EVALUATE, "consultationEvaluate", token, id=asked["id"], rating=5)
    assert rated["consultation"]["status"] == "CLOSED"
    # retrying the same evaluation is harmless and returns the same result
    again = await run(client, EVALUATE, "consultationEvaluate", token, id=asked["id"], rating=5)
    assert again["errors"] == [] and again["consultation"]["status"] == "CLOSED"
    other = await run(client, EVALUATE, "consultationEvaluate", token, id=asked["id"], rating=3)
    assert other["errors"][0]["code"] == "ILLEGAL_TRANSITION"


async def test_a_complaint_is_dispatched_to_the_department_and_replied(client, app):
    token = await citizen(client, app)
    clerk = await staff(client, ["CLERK"], kind="hrss")
    asked = await submitted(client, token, kind="COMPLAINT",
                            content="公司拖欠工资三个月了，希望劳动部门帮忙处理。")
    assert asked["status"] == "ASSIGNED" and asked["reply"] is None
    assert asked["department"]["id"] == dept("330106", "hrss")
    assert asked["timeLimitDays"] == 5 and asked["dueStatus"] in ("ON_TRACK", "DUE_SOON")
    assert _actions(asked) == ["SUBMIT", "ASSIGN"]
    replied = await run(client, REPLY, "consultationReply", clerk, id=asked["id"],
                        reply="已联系用人单位，将于本周内补发工资。")
    assert replied["consultation"]["status"] == "REPLIED"
    assert replied["consultation"]["handlingDays"] == 0
    # a retried reply returns the same consultation
    retried = await run(client, REPLY, "consultationReply", clerk, id=asked["id"],
                        reply="已联系用人单位，将于本周内补发工资。")
    assert retried["errors"] == [] and retried["consultation"]["status"] == "REPLIED"
    # the sender may close without rating; staff may not yet
    early = await run(client, CLOSE, "consultationClose", clerk, id=asked["id"])
    assert early["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    closed = await run(client, CLOSE, "consultationClose", token, id=asked["id"])
    assert closed["consultation"]["status"] == "CLOSED"


async def test_resubmitting_with_the_same_client_key_returns_the_same_consultation(client, app):
    token = await citizen(client, app)
    client_key = key()
    first = await submit(client, token, clientKey=client_key, kind="SUGGESTION",
                         content="建议延长政务服务中心周六的开放时间。")
    again = await submit(client, token, clientKey=client_key, kind="SUGGESTION",
                         content="建议延长政务服务中心周六的开放时间。")
    assert again["consultation"]["id"] == first["consultation"]["id"]
    other = await submit(client, token, clientKey=client_key, kind="SUGGESTION",
                         content="另一条建议的内容，不一样。")
    assert other["errors"][0]["code"] == "CLIENT_KEY_REUSED" and other["consultation"] is None


async def test_bad_input_is_refused_with_a_field_path(client, app):
    token = await citizen(client, app)
    cases = [({"content": "短"}, "INVALID_CONTENT", ["input", "content"]),
             ({"regionCode": "999999"}, "REGION_NOT_FOUND", ["input", "regionCode"]),
             ({"attachments": ["0" * 64]}, "FILE_NOT_FOUND", ["input", "attachments", "0"]),
             ({"matterId": "bm90LWE-bWF0dGVy"}, "MATTER_NOT_FOUND", ["input", "matterId"]),
             ({"clientKey": "x"}, "INVALID_CLIENT_KEY", ["input", "clientKey"])]
    for change, code, field in cases:
        payload = await submit(client, token, **{"content": "请问这个事情怎么办理？", **change})
        assert payload["errors"][0]["code"] == code, change
        assert payload["errors"][0]["field"] == field


async def test_an_anonymous_visitor_sends_with_a_verified_phone_and_looks_it_up(client, app):
    phone = unique_phone()
    missing = await submit(client, None, content="请问小区加装电梯找哪个部门？")
    assert missing["errors"][0]["code"] == "PHONE_VERIFICATION_REQUIRED"
    assert (await send_code(client, phone))["errors"] == []
    wrong = await submit(client, None, content="请问小区加装电梯找哪个部门？", phone=phone,
                         smsCode="000000" if outbox_code(app, phone) != "000000" else "111111")
    assert wrong["errors"][0]["code"] == "INVALID_SMS_CODE"
    client_key = key()
    values = {"clientKey": client_key, "content": "请问小区加装电梯找哪个部门？", "phone": phone,
              "smsCode": outbox_code(app, phone)}
    sent = await submit(client, None, **values)
    assert sent["errors"] == [] and len(sent["queryCode"]) == 8
    consultation = sent["consultation"]
    # the phone retried after losing the answer: same consultation, same query code
    retried = await submit(client, None, **values)
    assert retried["consultation"]["id"] == consultation["id"]
    assert retried["queryCode"] == sent["queryCode"]
    found = (await gql(client, LOOKUP, {"number": consultation["number"],
                                        "code": sent["queryCode"]}))["consultationLookup"]
    assert found["id"] == consultation["id"]
    guessed = await gql(client, LOOKUP, {"number": consultation["number"], "code": "ABCDEFGH"})
    assert guessed["consultationLookup"] is None
