"""Who sees and handles which consultation: the permission matrix through GraphQL."""

from __future__ import annotations

from tests.consultations.support import (
    MINE,
    NODE,
    QUEUE,
    REPLY,
    citizen,
    staff,
    submitted,
)
from tests.helpers import error_codes, gql, gql_raw, staff_token


async def _complaint(client, app) -> tuple[str, dict]:
    token = await citizen(client, app)
    made = await submitted(client, token, kind="COMPLAINT",
                           content="超市出售过期食品，要求查处。")
    assert made["department"] is not None
    return token, made


async def test_a_consultation_is_seen_by_its_sender_handlers_and_supervisors_only(client, app):
    sender, made = await _complaint(client, app)
    viewers = {
        "anonymous": None,
        "another citizen": await citizen(client, app),
        "clerk of the department": await staff(client, ["CLERK"]),
        "admin of the department": await staff(client, ["DEPT_ADMIN"]),
        "inspector of the department": await staff(client, ["INSPECTOR"]),
        "clerk of another department": await staff(client, ["CLERK"], kind="hrss"),
        "clerk elsewhere": await staff(client, ["CLERK"], region="330212"),
        "supervisor of Hangzhou": await staff_token(client, "supervisor.hz"),
        "supervisor of Ningbo": await staff(client, ["SUPERVISOR"], region="330200"),
        "system administrator": await staff_token(client, "sysadmin"),
        "the sender": sender,
    }
    seen = {who: (await gql(client, NODE, {"id": made["id"]}, token=token))["node"] is not None
            for who, token in viewers.items()}
    assert seen == {
        "anonymous": False, "another citizen": False, "clerk of the department": True,
        "admin of the department": True, "inspector of the department": False,
        "clerk of another department": False, "clerk elsewhere": False,
        "supervisor of Hangzhou": True, "supervisor of Ningbo": False,
        "system administrator": True, "the sender": True}


async def test_replying_needs_the_handling_department(client, app):
    sender, made = await _complaint(client, app)
    variables = {"input": {"id": made["id"], "reply": "已安排执法人员现场检查。"}}
    assert error_codes(await gql_raw(client, REPLY, variables)) == ["UNAUTHENTICATED"]
    stranger = await citizen(client, app)
    assert error_codes(await gql_raw(client, REPLY, variables, token=stranger)) == ["NOT_FOUND"]
    other = await staff(client, ["CLERK"], kind="hrss")
    assert error_codes(await gql_raw(client, REPLY, variables, token=other)) == ["NOT_FOUND"]
    own = (await gql(client, REPLY, variables, token=sender))["consultationReply"]
    assert own["errors"][0]["code"] == "ROLE_NOT_ALLOWED"
    supervisor = await staff_token(client, "supervisor.hz")
    watched = (await gql(client, REPLY, variables, token=supervisor))["consultationReply"]
    assert watched["errors"][0]["code"] == "ROLE_NOT_ALLOWED"
    clerk = await staff(client, ["CLERK"])
    done = (await gql(client, REPLY, variables, token=clerk))["consultationReply"]
    assert done["errors"] == [] and done["consultation"]["status"] == "REPLIED"


async def test_personal_data_is_masked_for_staff(client, app):
    sender, made = await _complaint(client, app)
    mine = (await gql(client, NODE, {"id": made["id"]}, token=sender))["node"]
    clerk = await staff(client, ["CLERK"])
    theirs = (await gql(client, NODE, {"id": made["id"]}, token=clerk))["node"]
    assert mine["senderPhone"].isdigit() and len(mine["senderPhone"]) == 11
    assert theirs["senderPhone"] == mine["senderPhone"][:3] + "****" + mine["senderPhone"][-4:]


async def test_senders_list_only_their_own(client, app):
    sender, made = await _complaint(client, app)
    await _complaint(client, app)  # someone else's
    mine = (await gql(client, MINE, {"first": 50}, token=sender))["myConsultations"]
    assert [n["id"] for n in mine["nodes"]] == [made["id"]] and mine["totalCount"] == 1
    clerk = await staff(client, ["CLERK"])
    assert (await gql(client, MINE, {"first": 5}, token=clerk))["myConsultations"][
        "totalCount"] == 0
    assert error_codes(await gql_raw(client, MINE, {"first": 5})) == ["UNAUTHENTICATED"]


async def test_queues_hold_only_the_departments_consultations(client, app):
    _sender, made = await _complaint(client, app)
    clerk = await staff(client, ["CLERK"])
    queue = (await gql(client, QUEUE, {"first": 100}, token=clerk))["consultationQueue"]
    market = made["department"]["id"]
    assert all(n["department"]["id"] == market for n in queue["nodes"])
    assert made["id"] in [n["id"] for n in queue["nodes"]] or queue["pageInfo"]["hasNextPage"]
    other = await staff(client, ["CLERK"], kind="hrss")
    theirs = (await gql(client, QUEUE, {"first": 100}, token=other))["consultationQueue"]
    assert made["id"] not in [n["id"] for n in theirs["nodes"]]
    for token in (None, await citizen(client, app), await staff(client, ["INSPECTOR"])):
        codes = error_codes(await gql_raw(client, QUEUE, {"first": 5}, token=token))
        assert codes == (["UNAUTHENTICATED"] if token is None else ["FORBIDDEN"])


async def test_staff_cannot_send_consultations(client, app):
    clerk = await staff(client, ["CLERK"])
    body = await gql_raw(client, """mutation($input: ConsultationSubmitInput!) {
      consultationSubmit(input: $input) { errors { code } } }""", {"input": {
        "clientKey": "staff-key-0001", "kind": "CONSULTATION", "content": "工作人员不能提交诉求",
        "regionCode": "330106"}}, token=clerk)
    assert error_codes(body) == ["FORBIDDEN"]


GRANT = """mutation($input: AuthClientCredentialsGrantInput!) {
  authClientCredentialsGrant(input: $input) { accessToken errors { code } } }"""
ENTERPRISE = """query($id: ID!) { node(id: $id) { ... on Consultation {
  enterprise { creditCode } } } }"""


async def test_a_third_party_client_sees_no_consultations(client, app):
    _sender, made = await _complaint(client, app)
    granted = (await gql(client, GRANT, {"input": {
        "clientId": "demo-portal", "clientSecret": "Demo-Portal-Secret-2026"}}))[
        "authClientCredentialsGrant"]
    token = granted["accessToken"]
    assert (await gql(client, NODE, {"id": made["id"]}, token=token))["node"] is None
    assert error_codes(await gql_raw(client, QUEUE, {"first": 5}, token=token)) == ["FORBIDDEN"]
    assert (await gql(client, MINE, {"first": 5}, token=token))["myConsultations"][
        "totalCount"] == 0


async def test_an_enterprise_user_sends_on_the_enterprises_behalf(client, app):
    from tests.policies.support import enterprise_session

    token = await enterprise_session(client, app)
    made = await submitted(client, token, kind="CONSULTATION",
                           content="企业申请稳岗返还需要什么条件？")
    node = (await gql(client, ENTERPRISE, {"id": made["id"]}, token=token))["node"]
    assert node["enterprise"]["creditCode"].startswith("91330106")
