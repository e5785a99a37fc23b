"""Who may maintain 实施清单 entries, read the catalogue and see its statistics."""

from __future__ import annotations

import uuid

import pytest

from tests.catalogue.support import (
    CREATE,
    PUBLISH,
    RETIRE,
    UPDATE,
    admin_token,
    citizen_token,
    client_token,
    current,
    make_staff_token,
    mutate,
    mutate_raw,
    new_draft,
)
from tests.helpers import error_codes, gql, gql_raw, staff_token

ENTRY = "XK0100005000"  # 企业变更登记 in 西湖区


@pytest.fixture
async def draft(client):
    token = await admin_token(client)
    made = await new_draft(client, token, ENTRY, {"onsiteVisits": 0})
    yield made
    await mutate(client, RETIRE, {"id": made["id"]}, token)


async def _viewers(client, app) -> dict[str, str | None]:
    return {
        "anonymous": None,
        "citizen": citizen_token(app),
        "clerk of the department": await staff_token(client, "clerk.xihu"),
        "admin of another department": await make_staff_token(
            client, ["DEPT_ADMIN"], region="330212", kind="market"),
        "system admin": await staff_token(client, "sysadmin"),
    }


EXPECTED = {"anonymous": "UNAUTHENTICATED", "citizen": "FORBIDDEN",
            "clerk of the department": "FORBIDDEN",
            "admin of another department": "NOT_FOUND", "system admin": "FORBIDDEN"}


async def test_only_the_departments_admin_may_edit_publish_or_retire_its_drafts(
        client, app, draft):
    viewers = await _viewers(client, app)
    for who, token in viewers.items():
        for document, extra in ((UPDATE, {"fields": {"onsiteVisits": 1}}), (PUBLISH, {}),
                                (RETIRE, {})):
            body = await mutate_raw(client, document, {"id": draft["id"], **extra}, token)
            assert error_codes(body) == [EXPECTED[who]], (who, document[:40])
            assert body["data"] is None
    # untouched by all of the above, and the right admin can still work on it
    owner = await admin_token(client)
    edited = await mutate(client, UPDATE, {"id": draft["id"], "fields": {"onsiteVisits": 1}},
                          owner)
    assert edited["errors"] == [] and edited["implementation"]["status"] == "DRAFT"


async def test_only_department_admins_may_create_drafts(client, app):
    live = await current(client, "XK0100001000")
    request = {"idempotencyKey": uuid.uuid4().hex, "matterId": live["matter_id"],
               "basedOnId": live["id"]}
    viewers = await _viewers(client, app)
    for who in ("anonymous", "citizen", "clerk of the department", "system admin"):
        body = await mutate_raw(client, CREATE, request, viewers[who])
        assert error_codes(body) == [EXPECTED[who]], who
    # another department's admin cannot base a draft on our version
    body = await mutate_raw(client, CREATE, request, viewers["admin of another department"])
    assert error_codes(body) == ["NOT_FOUND"]


MATTERS = '{ matters(first: 1) { nodes { code } } }'
SEARCH = '{ searchMatters(query: "社保", first: 1) { nodes { name } } }'


async def test_third_party_clients_need_the_catalogue_scope(client, app):
    allowed = client_token(app, "catalogue:read")
    other = client_token(app, "progress:read")
    for document in (MATTERS, SEARCH, '{ lifeEvents { nodes { name } } }'):
        assert "errors" not in await gql_raw(client, document, token=allowed)
        assert error_codes(await gql_raw(client, document, token=other)) == ["FORBIDDEN"]
        assert "errors" not in await gql_raw(client, document)  # the public may read
        assert "errors" not in await gql_raw(client, document, token=citizen_token(app))
    matter = (await gql(client, '{ matter(basicCode: "GG0400002000") { id } }'))["matter"]
    node = "query($id: ID!) { node(id: $id) { id } }"
    assert (await gql(client, node, {"id": matter["id"]}, token=other))["node"] is None
    assert (await gql(client, node, {"id": matter["id"]}, token=allowed))["node"] == matter


STATS = 'query($r: String) { catalogueStatistics(regionCode: $r) { regionCode implementations } }'


async def test_statistics_are_for_supervisors_of_the_region_and_system_admins(client, app):
    supervisor = await staff_token(client, "supervisor.hz")  # 杭州市
    assert error_codes(await gql_raw(client, STATS, {"r": "330100"})) == ["UNAUTHENTICATED"]
    for token in (citizen_token(app), await staff_token(client, "clerk.xihu"),
                  await admin_token(client), client_token(app, "catalogue:read")):
        assert error_codes(await gql_raw(client, STATS, {"r": "330100"}, token=token)) == [
            "FORBIDDEN"]
    assert error_codes(await gql_raw(client, STATS, {"r": "330200"}, token=supervisor)) == [
        "FORBIDDEN"]  # 宁波市 is not theirs
    own = await gql(client, STATS, {"r": None}, token=supervisor)
    assert own["catalogueStatistics"]["regionCode"] == "330100"
    county = await gql(client, STATS, {"r": "330106"}, token=supervisor)
    assert 0 < county["catalogueStatistics"]["implementations"] < (
        own["catalogueStatistics"]["implementations"])
    province = await gql(client, STATS, {"r": None}, token=await staff_token(client, "sysadmin"))
    assert province["catalogueStatistics"]["regionCode"] == "330000"
    assert error_codes(await gql_raw(client, STATS, {"r": "33"}, token=supervisor)) == [
        "BAD_USER_INPUT"]
