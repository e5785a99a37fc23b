"""Permission matrix: anonymous / citizen / staff elsewhere / inspector / clerk / approver /
supervisor / system admin, for every kind of 办件 operation."""

from __future__ import annotations

from tests.applications.support import (
    DRAFT_CREATE,
    MY_APPLICATIONS,
    STAFF_APPLICATION,
    gql,
    key,
    make_version,
    new_citizen,
    staff_id,
    staff_mutation,
    staff_token,
    step,
    step_ok,
    submitted,
)
from tests.helpers import error_codes, gql_raw

QUEUE_NUMBER = """query($n: String) { applicationQueue(number: $n) { totalCount } }"""
STATS = "{ applicationDepartmentStats { open } }"
STAFF = ("clerk.xihu", "approver.xihu", "clerk.yinzhou", "inspector.xihu.1", "supervisor.hz",
         "sysadmin")


def _outcome(body: dict, field: str) -> str:
    """What a viewer got: an error code, NULL, EMPTY, a payload error code, or OK."""
    if body.get("errors"):
        return error_codes(body)[0]
    value = body["data"][field]
    if value is None:
        return "NULL"
    if isinstance(value, dict) and value.get("errors"):
        return value["errors"][0]["code"]
    if isinstance(value, dict) and value.get("totalCount") == 0:
        return "EMPTY"
    return "OK"


async def _tokens(client, app) -> dict[str, str | None]:
    tokens: dict[str, str | None] = {"anonymous": None,
                                     "citizen": (await new_citizen(client, app)).token}
    for username in STAFF:
        tokens[username] = await staff_token(client, username)
    return tokens


async def test_permission_matrix_for_reading(client, app):
    version = await make_version()
    owner = await new_citizen(client, app)
    application = await submitted(client, owner, version)
    sid = staff_id(application["id"])
    tokens = await _tokens(client, app)
    expected = {
        # viewer: (queue, staffApplication, stats, myApplications)
        "anonymous": ("UNAUTHENTICATED",) * 4,
        "citizen": ("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "EMPTY"),
        "clerk.xihu": ("OK", "OK", "OK", "FORBIDDEN"),
        "approver.xihu": ("OK", "OK", "OK", "FORBIDDEN"),
        "clerk.yinzhou": ("EMPTY", "NULL", "OK", "FORBIDDEN"),
        "inspector.xihu.1": ("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"),
        "supervisor.hz": ("OK", "OK", "OK", "FORBIDDEN"),
        "sysadmin": ("OK", "OK", "OK", "FORBIDDEN"),
    }
    for who, token in tokens.items():
        got = (
            _outcome(await gql_raw(client, QUEUE_NUMBER, {"n": application["number"]},
                                   token=token), "applicationQueue"),
            _outcome(await gql_raw(client, STAFF_APPLICATION, {"id": sid}, token=token),
                     "staffApplication"),
            _outcome(await gql_raw(client, STATS, token=token), "applicationDepartmentStats"),
            _outcome(await gql_raw(client, MY_APPLICATIONS, {"first": 1}, token=token),
                     "myApplications"),
        )
        assert got == expected[who], who


async def test_permission_matrix_for_moves(client, app):
    version = await make_version()
    owner = await new_citizen(client, app)
    tokens = await _tokens(client, app)
    expected = {
        "anonymous": ("UNAUTHENTICATED", "UNAUTHENTICATED"),
        "citizen": ("FORBIDDEN", "OK"),
        "clerk.xihu": ("OK", "FORBIDDEN"),
        "approver.xihu": ("ROLE_NOT_ALLOWED", "FORBIDDEN"),
        "clerk.yinzhou": ("NOT_FOUND", "FORBIDDEN"),
        "inspector.xihu.1": ("FORBIDDEN", "FORBIDDEN"),
        "supervisor.hz": ("ROLE_NOT_ALLOWED", "FORBIDDEN"),  # oversight sees, does not act
        "sysadmin": ("ROLE_NOT_ALLOWED", "FORBIDDEN"),
    }
    for who, token in tokens.items():
        sid = staff_id((await submitted(client, owner, version))["id"])
        move = await gql_raw(client, staff_mutation("applicationPreReviewStart"),
                             {"input": {"applicationId": sid}}, token=token)
        draft = await gql_raw(client, DRAFT_CREATE, {"input": {
            "idempotencyKey": key(), "implementationId": version.id}}, token=token)
        got = (_outcome(move, "applicationPreReviewStart"),
               _outcome(draft, "applicationDraftCreate"))
        assert got == expected[who], who


async def test_illegal_moves_through_the_api_are_refused_and_change_nothing(client, app):
    version = await make_version()
    owner = await new_citizen(client, app)
    clerk, approver = await staff_token(client, "clerk.xihu"), await staff_token(
        client, "approver.xihu")
    sid = staff_id((await submitted(client, owner, version))["id"])
    early = await step(client, clerk, "applicationAccept", sid)
    assert [e["code"] for e in early["errors"]] == ["ILLEGAL_TRANSITION"]
    assert "已提交" in early["errors"][0]["message"]
    await step_ok(client, clerk, "applicationPreReviewStart", sid)
    await step_ok(client, clerk, "applicationAccept", sid)
    skipping_review = await step(client, approver, "applicationApprove", sid)
    assert [e["code"] for e in skipping_review["errors"]] == ["ILLEGAL_TRANSITION"]
    not_a_clerks_move = await step(client, clerk, "applicationReviewStart", sid)
    assert [e["code"] for e in not_a_clerks_move["errors"]] == ["ROLE_NOT_ALLOWED"]
    proxy_only = await step(client, clerk, "applicationForward", sid, trackingNumber="X1")
    assert [e["code"] for e in proxy_only["errors"]] == ["ILLEGAL_TRANSITION"]
    state = (await gql(client, STAFF_APPLICATION, {"id": sid}, token=clerk))["staffApplication"]
    assert state["status"] == "ACCEPTED"
    assert [e["action"] for e in state["timeline"]] == ["SUBMIT", "START_PRE_REVIEW", "ACCEPT"]
