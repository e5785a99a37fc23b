"""跨省通办: the three modes, the hand-over, and each side seeing exactly its part."""

from __future__ import annotations

from models.accounts.seed import DEMO_PASSWORD
from tests.applications.support import (
    APPLICATION,
    ATTACH,
    DRAFT_CREATE,
    QUEUE,
    STAFF_APPLICATION,
    SUBMIT,
    gql,
    key,
    make_staff,
    make_version,
    new_citizen,
    staff_id,
    staff_token,
    step,
    step_ok,
    submitted,
    upload_pdf,
)
from tests.helpers import gql_raw

NODE = "query($id: ID!) { node(id: $id) { id } }"


async def _window_clerk(client) -> tuple[str, str]:
    """A receiving-window clerk in another region (宁波市鄞州区), and their department ID."""
    from schema.node import to_global_id

    account = await make_staff(["CLERK"], region="330212", kind="market")
    token = await staff_token(client, account.username, DEMO_PASSWORD)
    return token, to_global_id("Department", account.department_id)


async def test_proxy_handover_from_receiving_window_to_handling_authority(client, app):
    version = await make_version(cross=("PROXY", "FULLY_ONLINE"))
    citizen = await new_citizen(client, app)
    window, window_department = await _window_clerk(client)
    clerk, approver = await staff_token(client, "clerk.xihu"), await staff_token(
        client, "approver.xihu")
    app_ = await submitted(client, citizen, version, crossProvince={
        "mode": "PROXY", "receivingDepartmentId": window_department})
    assert app_["crossProvince"]["handoverStep"] == "RECEIVED"
    assert app_["crossProvince"]["receivingRegionCode"] == "330212"
    window_region = (await gql(client, """query($id: ID!) { application(id: $id) {
        crossProvince { receivingRegion { name } receivingDepartment { name } } } }""",
        {"id": app_["id"]}, token=citizen.token))["application"]["crossProvince"]
    assert window_region == {"receivingRegion": {"name": "鄞州区"},
                             "receivingDepartment": {"name": "鄞州区市场监督管理局"}}
    assert app_["receivedOn"] is None  # the handling authority has not received it yet
    sid = staff_id(app_["id"])

    # before forwarding the file is the window's alone
    assert (await gql(client, STAFF_APPLICATION, {"id": sid}, token=clerk)
            )["staffApplication"] is None
    assert (await gql(client, NODE, {"id": sid}, token=clerk))["node"] is None
    handling_queue = (await gql(client, QUEUE, {"number": app_["number"]}, token=clerk)
                      )["applicationQueue"]
    assert handling_queue["nodes"] == []
    [row] = (await gql(client, QUEUE, {"side": "RECEIVING", "number": app_["number"]},
                       token=window))["applicationQueue"]["nodes"]
    assert row["side"] == "RECEIVING" and row["availableActions"] == ["FORMAL_CHECK_PASS"]
    assert row["deadline"] is None and row["deadlineFlag"] == "NONE"
    assert len(row["attachments"]) == 3  # the window checks the materials

    unchecked = await step(client, window, "applicationFormalCheckPass", sid,
                           identityChecked=False)
    assert [e["code"] for e in unchecked["errors"]] == ["IDENTITY_NOT_CHECKED"]
    early = await step(client, window, "applicationForward", sid, trackingNumber="EMS001")
    assert [e["code"] for e in early["errors"]] == ["HANDOVER_INCOMPLETE"]
    await step_ok(client, window, "applicationFormalCheckPass", sid, identityChecked=True)
    forwarded = await step_ok(client, window, "applicationForward", sid,
                              trackingNumber="EMS1234567890CN")
    assert [d["kind"] for d in forwarded["documents"]] == ["HANDOVER_SLIP"]

    # now the handling authority sees it; the window cannot act for it
    [handling_row] = (await gql(client, QUEUE, {"number": app_["number"]}, token=clerk)
                      )["applicationQueue"]["nodes"]
    assert handling_row["side"] == "HANDLING"
    assert "RECEIVE_FORWARDED" in handling_row["availableActions"]
    not_theirs = await step(client, window, "applicationForwardedReceive", sid)
    assert [e["code"] for e in not_theirs["errors"]] == ["ROLE_NOT_ALLOWED"]
    received = await step_ok(client, clerk, "applicationForwardedReceive", sid)
    assert received["application"]["status"] == "PRE_REVIEW"
    assert received["application"]["deadline"]["kind"] == "INTAKE"
    await step_ok(client, clerk, "applicationAccept", sid)
    await step_ok(client, approver, "applicationReviewStart", sid)
    await step_ok(client, approver, "applicationApprove", sid)
    await step_ok(client, clerk, "applicationDeliver", sid, method="POST",
                  trackingNumber="SF0099887766")

    # the window sees its part only: hand-over and shared steps, no decision documents
    seen = (await gql(client, STAFF_APPLICATION, {"id": sid}, token=window)
            )["staffApplication"]
    assert [e["action"] for e in seen["timeline"]] == [
        "SUBMIT", "FORMAL_CHECK_PASS", "FORWARD", "RECEIVE_FORWARDED", "DELIVER"]
    assert [d["kind"] for d in seen["documents"]] == ["HANDOVER_SLIP", "DELIVERY_RECEIPT"]
    assert seen["availableActions"] == []
    # the handling side sees the whole file; so does the applicant
    whole = (await gql(client, STAFF_APPLICATION, {"id": sid}, token=clerk))["staffApplication"]
    assert [e["action"] for e in whole["timeline"]] == [
        "SUBMIT", "FORMAL_CHECK_PASS", "FORWARD", "RECEIVE_FORWARDED", "ACCEPT", "START_REVIEW",
        "APPROVE", "DELIVER"]
    mine = (await gql(client, APPLICATION, {"id": app_["id"]}, token=citizen.token)
            )["application"]
    assert mine["crossProvince"]["handoverStep"] == "HANDLER_RECEIVED"
    assert [e["side"] for e in mine["timeline"]][:4] == ["ALL", "RECEIVING", "RECEIVING", "ALL"]


async def test_proxy_needs_a_receiving_window_outside_the_handling_department(client, app):
    version = await make_version(cross=("PROXY",))
    citizen = await new_citizen(client, app)
    from schema.node import to_global_id

    same = to_global_id("Department", version.department_id)
    payload = (await gql(client, DRAFT_CREATE, {"input": {
        "idempotencyKey": key(), "implementationId": version.id,
        "crossProvince": {"mode": "PROXY", "receivingDepartmentId": same}}},
        token=citizen.token))["applicationDraftCreate"]
    assert [e["code"] for e in payload["errors"]] == ["INVALID_RECEIVING_DEPARTMENT"]
    assert payload["errors"][0]["field"] == ["input", "crossProvince", "receivingDepartmentId"]


async def test_a_mode_the_implementation_does_not_offer_is_refused(client, app):
    version = await make_version(cross=("FULLY_ONLINE",))
    citizen = await new_citizen(client, app)
    payload = (await gql(client, DRAFT_CREATE, {"input": {
        "idempotencyKey": key(), "implementationId": version.id,
        "crossProvince": {"mode": "PROXY", "receivingRegionCode": "310104"}}},
        token=citizen.token))["applicationDraftCreate"]
    assert [e["code"] for e in payload["errors"]] == ["MODE_NOT_OFFERED"]


async def test_fully_online_from_another_province_runs_the_normal_clock(client, app):
    version = await make_version(cross=("FULLY_ONLINE",))
    citizen = await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    app_ = await submitted(client, citizen, version, crossProvince={
        "mode": "FULLY_ONLINE", "receivingRegionCode": "310104"})
    assert app_["crossProvince"] == {"mode": "FULLY_ONLINE", "handoverStep": None,
                                     "receivingRegionCode": "310104",
                                     "handlingRegionCode": "330106"}
    assert app_["deadline"]["kind"] == "INTAKE" and app_["receivedOn"] is not None
    regions = (await gql(client, """query($id: ID!) { application(id: $id) { handlingRegion {
        name } crossProvince { receivingRegion { name } } } }""", {"id": app_["id"]},
        token=citizen.token))["application"]
    assert regions == {"handlingRegion": {"name": "西湖区"},
                       "crossProvince": {"receivingRegion": None}}  # 上海, not in our table
    await step_ok(client, clerk, "applicationPreReviewStart", staff_id(app_["id"]))


async def test_multi_site_files_one_application_per_authority_with_shared_materials(client,
                                                                                   app):
    lead = await make_version(cross=("MULTI_PLACE",), materials=(("申请书", True, False),
                                                                 ("身份证明", True, False)))
    partner = await make_version(region="330212", kind="hrss", cross=("MULTI_PLACE",),
                                 materials=(("身份证明", True, False),))
    citizen = await new_citizen(client, app)
    draft = (await gql(client, DRAFT_CREATE, {"input": {
        "idempotencyKey": key(), "implementationId": lead.id,
        "crossProvince": {"mode": "MULTI_SITE", "receivingRegionCode": "310104",
                          "partnerImplementationIds": [partner.id]}}},
        token=citizen.token))["applicationDraftCreate"]
    assert draft["errors"] == []
    lead_id = draft["application"]["id"]
    bundle = (await gql(client, """query($id: ID!) { application(id: $id) { bundle {
        kind applications { id matterName status } } } }""", {"id": lead_id},
        token=citizen.token))["application"]["bundle"]
    assert bundle["kind"] == "MULTI_SITE" and len(bundle["applications"]) == 2
    partner_id = next(a["id"] for a in bundle["applications"] if a["id"] != lead_id)

    shared = await upload_pdf(client, citizen.token)
    items = [{"materialId": lead.materials[0]["id"], "sha256": await upload_pdf(
        client, citizen.token)}, {"materialId": lead.materials[1]["id"], "sha256": shared}]
    attached = (await gql(client, ATTACH, {"input": {"applicationId": lead_id,
                                                     "materials": items}},
                          token=citizen.token))["applicationMaterialsAttach"]
    assert attached["errors"] == []
    for application_id in (lead_id, partner_id):
        done = (await gql(client, SUBMIT, {"input": {"applicationId": application_id}},
                          token=citizen.token))["applicationSubmit"]
        assert done["errors"] == [], done  # the partner got the shared 身份证明

    # each authority sees its own application only
    xihu = await staff_token(client, "clerk.xihu")
    yinzhou = await staff_token(client, "clerk.yinzhou")
    assert (await gql(client, STAFF_APPLICATION, {"id": staff_id(lead_id)}, token=xihu)
            )["staffApplication"] is not None
    assert (await gql(client, STAFF_APPLICATION, {"id": staff_id(partner_id)}, token=xihu)
            )["staffApplication"] is None
    assert (await gql(client, STAFF_APPLICATION, {"id": staff_id(partner_id)}, token=yinzhou)
            )["staffApplication"] is not None
    body = await gql_raw(client, STAFF_APPLICATION, {"id": staff_id(lead_id)}, token=yinzhou)
    assert body["data"]["staffApplication"] is None
