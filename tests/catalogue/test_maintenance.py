"""Department admins maintain 实施清单 versions: drafts, publication, retirement."""

from __future__ import annotations

import uuid

from models.catalogue.tables import Implementation
from tests.catalogue.support import (
    CREATE,
    PUBLISH,
    RETIRE,
    UPDATE,
    XIHU,
    admin_token,
    current,
    full_fields,
    mutate,
    new_draft,
)
from tests.helpers import gql

NODE = """query($id: ID!) { node(id: $id) { ... on MatterImplementation {
  id version status promisedTimeLimit { value } materials { name } } } }"""


async def test_publishing_a_draft_supersedes_the_version_applications_were_filed_under(client):
    token = await admin_token(client)
    before = await current(client, "XK0100002000")
    draft = await new_draft(client, token, "XK0100002000", {
        "promisedTimeLimit": {"value": 0, "unit": "WORKING_DAY"},
        "materials": [{"name": "个体工商户变更登记申请书", "form": "ELECTRONIC"}]})
    assert draft["status"] == "DRAFT" and draft["version"] == before["version"] + 1
    assert draft["code"] == before["code"]  # the entry keeps its 实施编码
    published = await mutate(client, PUBLISH, {"id": draft["id"]}, token)
    assert published["errors"] == []
    assert published["implementation"]["status"] == "PUBLISHED"
    assert (await current(client, "XK0100002000"))["id"] == draft["id"]
    # the old version still answers with the terms it had: applications keep it
    old = (await gql(client, NODE, {"id": before["id"]}))["node"]
    assert old["status"] == "RETIRED" and old["version"] == before["version"]
    assert old["promisedTimeLimit"]["value"] == before["promisedTimeLimit"]["value"]
    assert old["materials"] != [{"name": "个体工商户变更登记申请书"}]


async def test_a_published_version_cannot_be_edited(client):
    token = await admin_token(client)
    live = await current(client, "XK0100006000")
    before = await Implementation.get(id=uuid.UUID(_key(live["id"])))
    refused = await mutate(client, UPDATE, {"id": live["id"], "fields": {
        "onsiteVisits": before.onsite_visits + 1, "address": "改过的地址"}}, token)
    assert [e["code"] for e in refused["errors"]] == ["NOT_DRAFT"]
    assert refused["implementation"] is None
    after = await Implementation.get(id=before.id)
    assert (after.onsite_visits, after.address) == (before.onsite_visits, before.address)


async def test_a_draft_can_be_edited_and_abandoned_and_only_one_is_open_at_a_time(client):
    token = await admin_token(client)
    draft = await new_draft(client, token, "XK0100006000")
    live = await current(client, "XK0100006000")
    second = await mutate(client, CREATE, {"idempotencyKey": uuid.uuid4().hex,
                                           "matterId": live["matter_id"],
                                           "basedOnId": live["id"]}, token)
    assert [e["code"] for e in second["errors"]] == ["DRAFT_EXISTS"]
    edited = await mutate(client, UPDATE, {"id": draft["id"], "fields": {
        "promisedTimeLimit": {"value": 2, "unit": "WORKING_DAY"},
        "fees": [{"name": "工本费", "amountFen": 1000, "basis": "浙价费〔2020〕1号"}]}}, token)
    assert edited["errors"] == []
    assert edited["implementation"]["promisedTimeLimit"]["value"] == 2
    assert edited["implementation"]["fees"] == [
        {"name": "工本费", "amountFen": 1000, "basis": "浙价费〔2020〕1号"}]
    assert edited["implementation"]["materials"] == draft["materials"]  # untouched
    abandoned = await mutate(client, RETIRE, {"id": draft["id"]}, token)
    assert abandoned["implementation"]["status"] == "RETIRED"
    for document in (UPDATE, PUBLISH):
        variables = {"id": draft["id"]}
        if document is UPDATE:
            variables["fields"] = {"onsiteVisits": 0}
        again = await mutate(client, document, variables, token)
        assert [e["code"] for e in again["errors"]] == (
            ["NOT_DRAFT"] if document is UPDATE else ["INVALID_TRANSITION"])
    assert (await current(client, "XK0100006000"))["id"] == live["id"]
    assert (await new_draft(client, token, "XK0100006000"))["status"] == "DRAFT"


async def test_retrying_create_publish_and_retire_repeats_nothing(client):
    token = await admin_token(client)
    live = await current(client, "XK0100003000")
    request = {"idempotencyKey": f"retry-{uuid.uuid4().hex}", "matterId": live["matter_id"],
               "basedOnId": live["id"], "fields": {"onsiteVisits": 0}}
    first = await mutate(client, CREATE, request, token)
    again = await mutate(client, CREATE, request, token)
    assert first["errors"] == again["errors"] == []
    assert first["implementation"]["id"] == again["implementation"]["id"]
    reused = await mutate(client, CREATE, {**request, "matterId": (
        await current(client, "XK0100001000"))["matter_id"]}, token)
    assert [e["code"] for e in reused["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]
    draft_id = first["implementation"]["id"]
    published = [await mutate(client, PUBLISH, {"id": draft_id}, token) for _ in range(2)]
    assert [p["errors"] for p in published] == [[], []]
    assert await Implementation.filter(code=live["code"], status="PUBLISHED").count() == 1
    retired = [await mutate(client, RETIRE, {"id": draft_id}, token) for _ in range(2)]
    assert [r["implementation"]["status"] for r in retired] == ["RETIRED", "RETIRED"]
    assert (await current(client, "XK0100003000")).get("id") is None


async def test_a_stale_draft_cannot_overwrite_a_newer_published_version(client):
    token = await admin_token(client)
    live = await current(client, "XK0100008000")
    stale = await new_draft(client, token, "XK0100008000")
    # meanwhile the stale draft is abandoned and a newer one published
    await mutate(client, RETIRE, {"id": stale["id"]}, token)
    newer = await new_draft(client, token, "XK0100008000")
    assert (await mutate(client, PUBLISH, {"id": newer["id"]}, token))["errors"] == []
    row = await Implementation.get(id=uuid.UUID(_key(stale["id"])))
    # put the abandoned draft back to DRAFT as a concurrent editor would have it
    await Implementation.filter(id=row.id).update(status="DRAFT", retired_at=None,
                                                  retired_reason=None)
    refused = await mutate(client, PUBLISH, {"id": stale["id"]}, token)
    assert [e["code"] for e in refused["errors"]] == ["STALE_DRAFT"]
    assert (await current(client, "XK0100008000"))["id"] == newer["id"] != live["id"]
    await Implementation.filter(id=row.id).update(status="RETIRED")


async def test_a_first_implementation_may_choose_its_code_checked_by_length_and_charset(client):
    token = await admin_token(client)
    matter = await current(client, "CJ0100001000")  # 专利侵权纠纷行政裁决: 市级 only
    assert matter.get("id") is None
    base = {"matterId": matter["matter_id"], "fields": full_fields()}
    for code in ("cj01-lowercase", "X" * 37, ""):
        refused = await mutate(client, CREATE, {**base, "idempotencyKey": uuid.uuid4().hex,
                                                "code": code}, token)
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [
            ("INVALID_CODE", ["input", "code"])], code
    taken = await mutate(client, CREATE, {**base, "idempotencyKey": uuid.uuid4().hex,
                                          "code": "XK0100001000330106SCJG"}, token)
    assert [e["code"] for e in taken["errors"]] == ["CODE_TAKEN"]
    code = "CJ0100001000330106SCJGX1"
    made = await mutate(client, CREATE, {**base, "idempotencyKey": uuid.uuid4().hex,
                                         "code": code}, token)
    assert made["errors"] == [] and made["implementation"]["code"] == code
    assert made["implementation"]["version"] == 1
    assert made["implementation"]["region"] == {"code": XIHU}


async def test_an_admin_implements_only_matters_of_their_own_department(client):
    token = await admin_token(client)
    police = await current(client, "GG0400002000")  # 居住证申领 is the police's
    refused = await mutate(client, CREATE, {"idempotencyKey": uuid.uuid4().hex,
                                            "matterId": police["matter_id"],
                                            "fields": full_fields()}, token)
    assert [e["code"] for e in refused["errors"]] == ["WRONG_DEPARTMENT"]


async def test_drafts_are_seen_only_by_their_department_admins(client, app):
    from tests.catalogue.support import citizen_token, make_staff_token

    token = await admin_token(client)
    draft = await new_draft(client, token, "XK0100009000")
    assert draft["availableActions"] == ["EDIT", "PUBLISH", "RETIRE"]
    other = await make_staff_token(client, ["DEPT_ADMIN"], region="330212")
    for viewer in (None, citizen_token(app), other):
        assert (await gql(client, NODE, {"id": draft["id"]}, token=viewer))["node"] is None
    assert (await gql(client, NODE, {"id": draft["id"]}, token=token))["node"]["status"] == (
        "DRAFT")
    managed = await gql(client, """query($m: ID) { managedMatterImplementations(
        status: DRAFT, matterId: $m) { nodes { id status } } }""",
                        {"m": (await current(client, "XK0100009000"))["matter_id"]}, token=token)
    assert managed["managedMatterImplementations"]["nodes"] == [
        {"id": draft["id"], "status": "DRAFT"}]
    public = await gql(client, """{ matters(filter: {regionCode: "330106"}, first: 100) {
        nodes { id } } }""")
    assert draft["id"] not in {n["id"] for n in public["matters"]["nodes"]}
    await mutate(client, RETIRE, {"id": draft["id"]}, token)


def _key(global_id: str) -> str:
    from schema.node import from_global_id

    return from_global_id(global_id)[1]
