"""The security audit log: what is recorded, who may read it, what it never holds."""

from __future__ import annotations

from schema.node import to_global_id
from tests.accounts.support import make_staff, sms_sign_in
from tests.helpers import SIGN_IN, error_codes, gql, gql_raw, post, staff_token

EVENTS = """query($kind: EventKind, $account: ID, $first: Int) {
  securityEvents(kind: $kind, accountId: $account, first: $first) {
    totalCount edges { node { id kind ip detail account { id } } } } }"""


async def _events(client, token: str, **variables) -> list[dict]:
    data = await gql(client, EVENTS, variables, token=token)
    return [e["node"] for e in data["securityEvents"]["edges"]]


async def test_failures_and_lockouts_are_logged_against_the_account(client):
    staff = await make_staff(["CLERK"])
    for _ in range(5):
        await gql(client, SIGN_IN, {"input": {"username": staff.username, "password": "x"}})
    admin = await staff_token(client, "sysadmin")
    mine = await _events(client, admin, account=to_global_id("Account", staff.id), first=10)
    kinds = [e["kind"] for e in mine]
    assert kinds == ["ACCOUNT_LOCKED"] + ["SIGN_IN_FAILED"] * 4
    assert mine[0]["detail"] == {"method": "PASSWORD", "reason": "ACCOUNT_LOCKED"}


async def test_successful_sign_ins_are_logged_with_their_method(client, app):
    person = await sms_sign_in(client, app)
    admin = await staff_token(client, "sysadmin")
    mine = await _events(client, admin, account=person["viewer"]["id"], kind="SIGN_IN")
    assert [e["detail"]["method"] for e in mine] == ["SMS"]


async def test_permission_refusals_are_logged(client):
    clerk = await make_staff(["CLERK"])
    token = await staff_token(client, clerk.username)
    assert error_codes(await gql_raw(client, EVENTS, {}, token=token)) == ["FORBIDDEN"]
    admin = await staff_token(client, "sysadmin")
    mine = await _events(client, admin, account=to_global_id("Account", clerk.id),
                         kind="PERMISSION_DENIED")
    assert [e["detail"]["path"] for e in mine] == ["securityEvents"]


async def test_the_log_never_holds_a_full_phone_number(client, app):
    person = await sms_sign_in(client, app)
    admin = await staff_token(client, "sysadmin")
    body = (await post(client, EVENTS, {"first": 100}, token=admin)).text
    assert person["phone"] not in body
    assert person["phone"][:3] + "****" + person["phone"][-4:] in body


async def test_only_system_admins_read_the_log(client, app):
    assert error_codes(await gql_raw(client, EVENTS, {})) == ["UNAUTHENTICATED"]
    citizen = (await sms_sign_in(client, app))["accessToken"]
    for token in (citizen, await staff_token(client, "admin.xihu"),
                  await staff_token(client, "supervisor.hz")):
        assert error_codes(await gql_raw(client, EVENTS, {}, token=token)) == ["FORBIDDEN"]
    admin = await staff_token(client, "sysadmin")
    event = (await _events(client, admin, first=1))[0]
    node = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": event["id"]},
                     token=admin)
    assert node["node"]["id"] == event["id"]
    hidden = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": event["id"]},
                       token=citizen)
    assert hidden["node"] is None


async def test_security_log_page_costs_a_fixed_number_of_statements(client):
    admin = await staff_token(client, "sysadmin")
    counts = []
    for first in (5, 50):
        response = await post(client, EVENTS, {"first": first}, token=admin)
        assert "errors" not in response.json()
        counts.append(int(response.headers["X-SQL-Count"]))
    # page + count + one batched account load, whatever the page size
    assert counts[0] == counts[1] <= 3, counts


async def test_viewer_screen_statement_count(client, app):
    person = await sms_sign_in(client, app)
    query = """{ viewer { displayName phone idNumber department { code }
      enterprises { role enterprise { name } } actingEnterprise { role } } }"""
    response = await post(client, query, token=person["accessToken"])
    assert "errors" not in response.json()
    assert int(response.headers["X-SQL-Count"]) <= 2  # account + links with enterprises
    staff = await post(client, query, token=await staff_token(client, "clerk.xihu"))
    assert int(staff.headers["X-SQL-Count"]) <= 3  # + department
