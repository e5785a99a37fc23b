"""Department admins publish, update and retire their region's policies; the permission matrix."""

from __future__ import annotations

from models.catalogue.tables import Matter
from schema.node import to_global_id
from tests.consultations.support import citizen, staff
from tests.helpers import error_codes, gql, gql_raw, staff_token
from tests.policies.support import NODE, SEARCH, admin_of, policy_input, unique_word

CREATE = """mutation($input: PolicyCreateInput!) { policyCreate(input: $input) {
  policy { id title status level region { code } applyThrough { basicCode } availableActions }
  errors { code field } } }"""
UPDATE = """mutation($input: PolicyUpdateInput!) { policyUpdate(input: $input) {
  policy { id title status industries } errors { code field } } }"""
PUBLISH = """mutation($input: PolicyPublishInput!) { policyPublish(input: $input) {
  policy { id status } errors { code field } } }"""
RETIRE = """mutation($input: PolicyRetireInput!) { policyRetire(input: $input) {
  policy { id status isRetired retiredReason } errors { code field } } }"""


async def _titles(client, q: str, **filter) -> list[str]:
    found = (await gql(client, SEARCH, {"q": q, "first": 20, "filter": filter or None}))[
        "policies"]
    return [p["title"] for p in found["nodes"]]


async def test_a_policy_goes_from_draft_to_published_to_retired(client):
    admin = await staff_token(client, "admin.xihu")
    matter = await Matter.get(basic_code="JF0200007000")
    values = policy_input(matterIds=[to_global_id("Matter", matter.id)],
                          industries=["MANUFACTURING"], enterpriseSizes=["SMALL", "MICRO"])
    word = values["title"][4:8]
    made = (await gql(client, CREATE, {"input": values}, token=admin))["policyCreate"]
    assert made["errors"] == []
    policy = made["policy"]
    assert (policy["status"], policy["level"], policy["region"]["code"]) == (
        "DRAFT", "COUNTY", "330106")
    assert policy["applyThrough"] == [{"basicCode": "JF0200007000"}]
    assert policy["availableActions"] == ["EDIT", "PUBLISH", "RETIRE"]
    retried = (await gql(client, CREATE, {"input": values}, token=admin))["policyCreate"]
    assert retried["policy"]["id"] == policy["id"]

    # a draft is only for its maintainers
    assert await _titles(client, word) == []
    assert (await gql(client, NODE, {"id": policy["id"]}))["node"] is None
    assert (await gql(client, NODE, {"id": policy["id"]}, token=admin))["node"]["status"] == \
        "DRAFT"

    published = (await gql(client, PUBLISH, {"input": {"id": policy["id"]}}, token=admin))
    assert published["policyPublish"]["policy"]["status"] == "PUBLISHED"
    again = (await gql(client, PUBLISH, {"input": {"id": policy["id"]}}, token=admin))
    assert again["policyPublish"]["errors"] == []
    assert await _titles(client, word) == [values["title"]]

    new_word = unique_word()
    renamed = f"关于支持{new_word}产业发展的若干措施"
    updated = (await gql(client, UPDATE, {"input": {"id": policy["id"], "title": renamed,
                                                    "industries": []}}, token=admin))
    assert updated["policyUpdate"]["policy"]["industries"] == []
    assert await _titles(client, new_word) == [renamed]
    assert await _titles(client, word) == []

    no_reason = (await gql(client, RETIRE, {"input": {"id": policy["id"], "reason": ""}},
                           token=admin))["policyRetire"]
    assert no_reason["errors"][0] == {"code": "INVALID_INPUT", "field": ["input", "reason"]}
    retired = (await gql(client, RETIRE, {"input": {"id": policy["id"],
                                                    "reason": "已被新政策替代"}}, token=admin))
    assert retired["policyRetire"]["policy"]["isRetired"] is True
    assert await _titles(client, new_word) == []
    assert await _titles(client, new_word, includeRetired=True) == [renamed]
    node = (await gql(client, NODE, {"id": policy["id"]}))["node"]
    assert node["isRetired"] and node["retiredReason"] == "已被新政策替代"
    for query, name, extra in ((PUBLISH, "policyPublish", {}),
                               (UPDATE, "policyUpdate", {"title": "关于修改已废止政策的尝试"})):
        refused = (await gql(client, query, {"input": {"id": policy["id"], **extra}},
                             token=admin))[name]
        assert refused["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_who_may_maintain_policies(client, app):
    admin = await staff_token(client, "admin.xihu")
    draft = (await gql(client, CREATE, {"input": policy_input()}, token=admin))[
        "policyCreate"]["policy"]
    publish = {"input": {"id": draft["id"]}}
    assert error_codes(await gql_raw(client, PUBLISH, publish)) == ["UNAUTHENTICATED"]
    for token in (await citizen(client, app), await staff(client, ["CLERK"]),
                  await staff(client, ["SUPERVISOR"], region="330100")):
        assert error_codes(await gql_raw(client, PUBLISH, publish, token=token)) == ["FORBIDDEN"]
        assert error_codes(await gql_raw(client, CREATE, {"input": policy_input()},
                                         token=token)) == ["FORBIDDEN"]
    elsewhere = await admin_of(client, "330212")
    assert error_codes(await gql_raw(client, PUBLISH, publish, token=elsewhere)) == \
        ["NOT_FOUND"]
    assert (await gql(client, NODE, {"id": draft["id"]}, token=elsewhere))["node"] is None
    out = (await gql(client, CREATE, {"input": policy_input(regionCode="330212")},
                     token=admin))["policyCreate"]
    assert out["errors"][0] == {"code": "REGION_OUT_OF_SCOPE", "field": ["input", "regionCode"]}
    city = await admin_of(client, "330100")
    assert error_codes(await gql_raw(client, PUBLISH, publish, token=city)) == ["NOT_FOUND"]
    sysadmin = await staff_token(client, "sysadmin")
    done = (await gql(client, PUBLISH, publish, token=sysadmin))["policyPublish"]
    assert done["policy"]["status"] == "PUBLISHED"
    # a city admin's policy is a city policy
    own = (await gql(client, CREATE, {"input": policy_input()}, token=city))["policyCreate"]
    assert own["policy"]["level"] == "CITY" and own["policy"]["region"]["code"] == "330100"


async def test_bad_policy_input_is_refused_with_a_field_path(client):
    admin = await staff_token(client, "admin.xihu")
    cases = [({"title": "短"}, "INVALID_INPUT", ["input", "title"]),
             ({"supportTypes": []}, "INVALID_INPUT", ["input", "supportTypes"]),
             ({"validFrom": "2025-06-01", "validTo": "2025-01-01"}, "INVALID_PERIOD",
              ["input", "validTo"]),
             ({"matterIds": ["bm90LWE-bWF0dGVy"]}, "MATTER_NOT_FOUND", ["input", "matterIds", "0"]),
             ({"attachments": [{"sha256": "a" * 64, "filename": "细则.pdf"}]}, "FILE_NOT_FOUND",
              ["input", "attachments", "0", "sha256"]),
             ({"clientKey": "k"}, "INVALID_CLIENT_KEY", ["input", "clientKey"])]
    for change, code, field in cases:
        refused = (await gql(client, CREATE, {"input": policy_input(**change)}, token=admin))[
            "policyCreate"]
        assert refused["errors"][0] == {"code": code, "field": field}, change
        assert refused["policy"] is None
