"""A citizen never reaches another citizen's application, through any entry point;
anonymous progress needs the right second factor and is rate-limited."""

from __future__ import annotations

import uuid

from tests.applications.support import (
    APPLICATION,
    MY_APPLICATIONS,
    SUBMIT,
    gql,
    make_version,
    new_citizen,
    staff_id,
    staff_token,
    submitted,
)
from tests.helpers import error_codes, gql_raw

NODE = "query($id: ID!) { node(id: $id) { id ... on Application { number queryCode } } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
PROGRESS = """query($number: String!, $code: String, $tail: String) {
  applicationProgress(number: $number, queryCode: $code, phoneTail: $tail) {
    number matterName departmentName status statusLabel steps { label statusLabel }
    deadline { kind dueOn } } }"""


async def test_another_citizen_gets_nothing_through_any_entry_point(client, app):
    version = await make_version()
    owner, other = await new_citizen(client, app), await new_citizen(client, app)
    mine = await submitted(client, owner, version)
    sid = staff_id(mine["id"])
    assert (await gql(client, APPLICATION, {"id": mine["id"]}, token=other.token)
            )["application"] is None
    for ident in (mine["id"], sid):
        assert (await gql(client, NODE, {"id": ident}, token=other.token))["node"] is None
    assert (await gql(client, NODES, {"ids": [mine["id"], sid]}, token=other.token)
            )["nodes"] == [None, None]
    assert (await gql(client, MY_APPLICATIONS, {"first": 50}, token=other.token)
            )["myApplications"]["totalCount"] == 0
    # the owner does see it, everywhere
    assert (await gql(client, NODE, {"id": mine["id"]}, token=owner.token))["node"][
        "number"] == mine["number"]
    # mutations on it look like a missing application
    for query, variables in (
        ("""mutation($input: ApplicationWithdrawInput!) { applicationWithdraw(input: $input) {
             errors { code } } }""", {"applicationId": mine["id"]}),
        ("""mutation($input: ApplicationCorrectionSubmitInput!) {
             applicationCorrectionSubmit(input: $input) { errors { code } } }""",
         {"applicationId": mine["id"]}),
        (SUBMIT, {"applicationId": mine["id"]}),
    ):
        body = await gql_raw(client, query, {"input": variables}, token=other.token)
        assert error_codes(body) == ["NOT_FOUND"], body
    # a citizen is not staff
    body = await gql_raw(client, "query($id: ID!) { staffApplication(id: $id) { id } }",
                         {"id": sid}, token=other.token)
    assert error_codes(body) == ["FORBIDDEN"]


async def test_staff_of_another_department_see_nothing(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    mine = await submitted(client, citizen, version)
    elsewhere = await staff_token(client, "clerk.yinzhou")
    assert (await gql(client, NODE, {"id": staff_id(mine["id"])}, token=elsewhere))[
        "node"] is None
    queue = (await gql(client, """query($n: String) { applicationQueue(number: $n) {
        totalCount } }""", {"n": mine["number"]}, token=elsewhere))["applicationQueue"]
    assert queue["totalCount"] == 0
    inspector = await staff_token(client, "inspector.xihu.1")
    assert (await gql(client, NODE, {"id": staff_id(mine["id"])}, token=inspector))[
        "node"] is None


async def test_anonymous_progress_needs_the_number_and_a_second_factor(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    mine = await submitted(client, citizen, version)
    number = mine["number"]
    by_code = (await gql(client, PROGRESS, {"number": number, "code": mine["queryCode"]})
               )["applicationProgress"]
    assert by_code["status"] == "SUBMITTED" and by_code["departmentName"] == "西湖区市场监督管理局"
    assert [s["label"] for s in by_code["steps"]] == ["提交申请"]
    by_tail = (await gql(client, PROGRESS, {"number": number, "tail": citizen.phone[-4:]})
               )["applicationProgress"]
    assert by_tail["number"] == number
    wrong_tail = f"{(int(citizen.phone[-4:]) + 1) % 10000:04d}"
    for variables in ({"number": number, "code": "WRONG234"},
                      {"number": number, "tail": wrong_tail},
                      {"number": "33010620990101999999", "code": mine["queryCode"]}):
        assert (await gql(client, PROGRESS, variables))["applicationProgress"] is None
    body = await gql_raw(client, PROGRESS, {"number": number})
    assert error_codes(body) == ["BAD_USER_INPUT"]


async def test_guessing_second_factors_locks_the_number(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    mine = await submitted(client, citizen, version)
    for attempt in range(5):
        guess = {"number": mine["number"], "code": f"GUESS{attempt:03d}"}
        assert (await gql(client, PROGRESS, guess))["applicationProgress"] is None
    body = await gql_raw(client, PROGRESS, {"number": mine["number"],
                                            "code": mine["queryCode"]})
    assert error_codes(body) == ["RATE_LIMITED"]
    # the applicant still sees it signed in
    assert (await gql(client, APPLICATION, {"id": mine["id"]}, token=citizen.token)
            )["application"]["number"] == mine["number"]


async def test_one_address_cannot_sweep_numbers(make_app):
    async with make_app() as other:
        codes = []
        for _ in range(31):
            number = f"3301062026{uuid.uuid4().int % 10**10:010d}"
            body = await gql_raw(other, PROGRESS, {"number": number, "code": "ABCDEFGH"})
            codes.append(error_codes(body))
    assert codes[:30] == [[]] * 30 and codes[30] == ["RATE_LIMITED"]
