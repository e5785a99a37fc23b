"""The whole citizen ↔ clerk journey through GraphQL, and its side roads."""

from __future__ import annotations

from tests.applications.support import (
    APPLICATION,
    ATTACH,
    CORRECTION_SUBMIT,
    DRAFT_CREATE,
    MY_APPLICATIONS,
    QUEUE,
    SUBMIT,
    WITHDRAW,
    gql,
    key,
    make_version,
    materials_for,
    new_citizen,
    staff_id,
    staff_token,
    step,
    step_ok,
    submitted,
    upload_pdf,
)

UNREAD = "{ messageUnreadCount }"


async def test_citizen_and_clerks_take_an_application_from_draft_to_delivery(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    clerk, approver = await staff_token(client, "clerk.xihu"), await staff_token(
        client, "approver.xihu")

    # draft, retried with the same key: one draft
    draft_input = {"idempotencyKey": key(), "implementationId": version.id}
    first = (await gql(client, DRAFT_CREATE, {"input": draft_input}, token=citizen.token)
             )["applicationDraftCreate"]
    again = (await gql(client, DRAFT_CREATE, {"input": draft_input}, token=citizen.token)
             )["applicationDraftCreate"]
    assert first["errors"] == [] and again["application"]["id"] == first["application"]["id"]
    draft = first["application"]
    assert draft["status"] == "DRAFT" and draft["number"] is None
    assert draft["availableActions"] == ["SUBMIT"]
    assert {m["state"] for m in draft["materialChecklist"]} == {"MISSING", "DEFERRED",
                                                                "OPTIONAL"}

    # submitting without materials names every missing one at once
    refused = (await gql(client, SUBMIT, {"input": {"applicationId": draft["id"]}},
                         token=citizen.token))["applicationSubmit"]
    assert [e["code"] for e in refused["errors"]] == ["MATERIALS_MISSING"] * 2
    assert {e["message"] for e in refused["errors"]} == {"缺少必需的申请材料：申请书",
                                                         "缺少必需的申请材料：营业执照"}

    items = await materials_for(client, citizen.token, version)
    attached = (await gql(client, ATTACH, {"input": {"applicationId": draft["id"],
                                                     "materials": items}},
                          token=citizen.token))["applicationMaterialsAttach"]
    assert attached["errors"] == []
    submit = (await gql(client, SUBMIT, {"input": {"applicationId": draft["id"]}},
                        token=citizen.token))["applicationSubmit"]
    assert submit["errors"] == []
    app_ = submit["application"]
    assert app_["status"] == "SUBMITTED" and len(app_["number"]) == 20
    assert app_["number"].startswith("330106") and len(app_["queryCode"]) == 8
    assert app_["deadline"]["kind"] == "INTAKE"
    assert set(app_["availableActions"]) == {"WITHDRAW"}
    listed = (await gql(client, MY_APPLICATIONS, {"first": 5}, token=citizen.token)
              )["myApplications"]
    assert [n["id"] for n in listed["nodes"]] == [app_["id"]]

    # the clerk finds it in the queue with the buttons the state machine allows
    queue = (await gql(client, QUEUE, {"number": app_["number"]}, token=clerk)
             )["applicationQueue"]
    [row] = queue["nodes"]
    assert row["id"] == staff_id(app_["id"])
    assert set(row["availableActions"]) == {"START_PRE_REVIEW", "SUSPEND"}
    assert row["applicant"]["phone"].count("*") == 4  # masked for staff
    sid = row["id"]
    await step_ok(client, clerk, "applicationPreReviewStart", sid)

    # one notice listing everything missing; the applicant is told
    unread_before = (await gql(client, UNREAD, token=citizen.token))["messageUnreadCount"]
    corrected = await step_ok(client, clerk, "applicationCorrectionRequest", sid,
                              missingItems=["营业执照副本（加盖公章）", "法定代表人身份证明"])
    assert corrected["application"]["status"] == "NEEDS_CORRECTION"
    assert [d["kind"] for d in corrected["documents"]] == ["CORRECTION_NOTICE"]
    assert "法定代表人身份证明" in corrected["documents"][0]["body"]
    mine = (await gql(client, APPLICATION, {"id": app_["id"]}, token=citizen.token)
            )["application"]
    assert mine["correctionItems"] == ["营业执照副本（加盖公章）", "法定代表人身份证明"]
    assert mine["deadlineFlag"] == "PAUSED"
    assert set(mine["availableActions"]) == {"RESUBMIT", "WITHDRAW"}
    assert (await gql(client, UNREAD, token=citizen.token))["messageUnreadCount"] > \
        unread_before

    # the applicant corrects and resubmits; the clerk accepts
    fix = [{"materialId": version.materials[1]["id"],
            "sha256": await upload_pdf(client, citizen.token), "filename": "执照副本.pdf"}]
    resubmitted = (await gql(client, CORRECTION_SUBMIT, {"input": {
        "applicationId": app_["id"], "materials": fix}}, token=citizen.token)
    )["applicationCorrectionSubmit"]
    assert resubmitted["errors"] == [] and resubmitted["application"]["status"] == "SUBMITTED"
    await step_ok(client, clerk, "applicationPreReviewStart", sid)
    accepted = await step_ok(client, clerk, "applicationAccept", sid)
    assert [d["kind"] for d in accepted["documents"]] == ["ACCEPTANCE_NOTICE"]
    assert accepted["application"]["deadline"]["kind"] == "DECISION"

    # review, a special procedure (clock paused), a decision, delivery
    await step_ok(client, approver, "applicationReviewStart", sid)
    paused = await step_ok(client, approver, "applicationSpecialProcedureStart", sid,
                           kind="INSPECTION", reason="需现场核查经营场所")
    assert paused["application"]["deadlineFlag"] == "PAUSED"
    assert paused["application"]["deadline"]["dueOn"] is None
    await step_ok(client, approver, "applicationSpecialProcedureEnd", sid)
    approved = await step_ok(client, approver, "applicationApprove", sid)
    assert [d["kind"] for d in approved["documents"]] == ["APPROVAL_DECISION", "LICENCE"]
    assert approved["application"]["deadline"]["kind"] == "DELIVERY"
    no_tracking = await step(client, clerk, "applicationDeliver", sid, method="POST")
    assert [e["code"] for e in no_tracking["errors"]] == ["MISSING_INPUT"]
    delivered = await step_ok(client, clerk, "applicationDeliver", sid, method="POST",
                              trackingNumber="SF1234567890")
    assert delivered["application"]["status"] == "DELIVERED"
    assert delivered["application"]["availableActions"] == []

    final = (await gql(client, APPLICATION, {"id": app_["id"]}, token=citizen.token)
             )["application"]
    assert [e["action"] for e in final["timeline"]] == [
        "SUBMIT", "START_PRE_REVIEW", "REQUEST_CORRECTION", "RESUBMIT", "START_PRE_REVIEW",
        "ACCEPT", "START_REVIEW", "START_SPECIAL_PROCEDURE", "END_SPECIAL_PROCEDURE", "APPROVE",
        "DELIVER"]
    assert all(e["actor"] is None for e in final["timeline"])  # citizens see departments
    assert [d["kind"] for d in final["documents"]] == [
        "CORRECTION_NOTICE", "ACCEPTANCE_NOTICE", "SPECIAL_PROCEDURE_NOTICE",
        "APPROVAL_DECISION", "LICENCE", "DELIVERY_RECEIPT"]
    assert final["timeline"][-1]["trackingNumber"] == "SF1234567890"
    assert final["decidedOn"] is not None and final["deadline"] is None


async def test_rejection_at_intake_needs_a_reason_and_issues_a_notice(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    sid = staff_id((await submitted(client, citizen, version))["id"])
    await step_ok(client, clerk, "applicationPreReviewStart", sid)
    blank = await step(client, clerk, "applicationReject", sid, reason="  ")
    assert [e["code"] for e in blank["errors"]] == ["MISSING_INPUT"]
    rejected = await step_ok(client, clerk, "applicationReject", sid, reason="不属于本机关职权范围")
    assert rejected["application"]["status"] == "REJECTED_AT_INTAKE"
    assert rejected["documents"][0]["kind"] == "REJECTION_NOTICE"
    assert "不属于本机关职权范围" in rejected["documents"][0]["body"]
    # out of the working queue, yet its number still finds it (a caller on the phone)
    number = rejected["application"]["number"]
    found = (await gql(client, QUEUE, {"number": number}, token=clerk))["applicationQueue"]
    assert [n["id"] for n in found["nodes"]] == [sid]
    assert found["nodes"][0]["status"] == "REJECTED_AT_INTAKE"
    working = (await gql(client, QUEUE, {"first": 100}, token=clerk))["applicationQueue"]
    assert sid not in [n["id"] for n in working["nodes"]]


async def test_empty_correction_list_is_refused(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    sid = staff_id((await submitted(client, citizen, version))["id"])
    await step_ok(client, clerk, "applicationPreReviewStart", sid)
    empty = await step(client, clerk, "applicationCorrectionRequest", sid, missingItems=[])
    assert [e["code"] for e in empty["errors"]] == ["EMPTY_CORRECTION_LIST"]


async def test_denial_and_withdrawal(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    clerk, approver = await staff_token(client, "clerk.xihu"), await staff_token(
        client, "approver.xihu")
    denied_app = await submitted(client, citizen, version)
    sid = staff_id(denied_app["id"])
    for name in ("applicationPreReviewStart", "applicationAccept"):
        await step_ok(client, clerk, name, sid)
    await step_ok(client, approver, "applicationReviewStart", sid)
    denied = await step_ok(client, approver, "applicationDeny", sid, reason="经营场所不符合要求")
    assert denied["application"]["status"] == "DENIED"
    assert denied["documents"][0]["kind"] == "DENIAL_DECISION"
    too_late = (await gql(client, WITHDRAW, {"input": {"applicationId": denied_app["id"]}},
                          token=citizen.token))["applicationWithdraw"]
    assert [e["code"] for e in too_late["errors"]] == ["ILLEGAL_TRANSITION"]

    other = await submitted(client, citizen, version)
    withdrawn = (await gql(client, WITHDRAW, {"input": {"applicationId": other["id"],
                                                        "reason": "不再需要"}},
                           token=citizen.token))["applicationWithdraw"]
    assert withdrawn["errors"] == [] and withdrawn["application"]["status"] == "WITHDRAWN"


async def test_deferred_material_lets_the_application_in_but_blocks_approval(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    clerk, approver = await staff_token(client, "clerk.xihu"), await staff_token(
        client, "approver.xihu")
    items = await materials_for(client, citizen.token, version, skip_deferrable=True)
    payload = (await gql(client, SUBMIT, {"input": {
        "draft": {"idempotencyKey": key(), "implementationId": version.id},
        "materials": items}}, token=citizen.token))["applicationSubmit"]
    assert payload["errors"] == []
    app_ = payload["application"]
    assert [m["state"] for m in app_["materialChecklist"] if m["deferrable"]] == ["DEFERRED"]
    sid = staff_id(app_["id"])
    for name in ("applicationPreReviewStart", "applicationAccept"):
        await step_ok(client, clerk, name, sid)
    await step_ok(client, approver, "applicationReviewStart", sid)
    blocked = await step(client, approver, "applicationApprove", sid)
    assert [e["code"] for e in blocked["errors"]] == ["DEFERRED_MATERIALS_OUTSTANDING"]

    # only the 容缺 material may follow after submission
    deferred = next(m for m in version.materials if m["deferrable"])
    not_that_one = (await gql(client, ATTACH, {"input": {"applicationId": app_["id"], "materials": [
        {"materialId": version.materials[0]["id"], "sha256": await upload_pdf(
            client, citizen.token)}]}}, token=citizen.token))["applicationMaterialsAttach"]
    assert [e["code"] for e in not_that_one["errors"]] == ["NOT_EDITABLE"]
    supplied = (await gql(client, ATTACH, {"input": {"applicationId": app_["id"], "materials": [
        {"materialId": deferred["id"], "sha256": await upload_pdf(client, citizen.token)}]}},
        token=citizen.token))["applicationMaterialsAttach"]
    assert supplied["errors"] == []
    assert supplied["application"]["timeline"][-1]["action"] == "MATERIALS_SUPPLIED"
    approved = await step_ok(client, approver, "applicationApprove", sid)
    assert approved["application"]["status"] == "APPROVED"


async def test_suspension_pauses_and_resumes_where_it_left_off(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    sid = staff_id((await submitted(client, citizen, version))["id"])
    for name in ("applicationPreReviewStart", "applicationAccept"):
        await step_ok(client, clerk, name, sid)
    suspended = await step_ok(client, clerk, "applicationSuspend", sid, reason="申请人请求暂缓")
    assert suspended["application"]["status"] == "SUSPENDED"
    assert suspended["application"]["deadlineFlag"] == "PAUSED"
    assert set(suspended["application"]["availableActions"]) == {"RESUME"}
    resumed = await step_ok(client, clerk, "applicationResume", sid)
    assert resumed["application"]["status"] == "ACCEPTED"
    assert resumed["application"]["deadline"]["dueOn"] is not None


async def test_a_retried_submission_is_announced_once(client, app):
    """A phone that did not hear the answer submits again: same application, and
    the subscribers (the applicant, the department's queue) hear of it once."""
    import asyncio

    version = await make_version()
    citizen = await new_citizen(client, app)
    events = app.state.services["events"]
    stream = events.subscribe([f"applications:applicant:{citizen.account_id}"])
    heard: list[dict] = []

    async def listen() -> None:
        async for event in stream:
            heard.append(event)

    listener = asyncio.ensure_future(listen())
    try:
        await asyncio.sleep(0.1)
        items = await materials_for(client, citizen.token, version)
        request = {"input": {"draft": {"idempotencyKey": key(), "implementationId": version.id},
                             "materials": items}}
        first = (await gql(client, SUBMIT, request, token=citizen.token))["applicationSubmit"]
        again = (await gql(client, SUBMIT, request, token=citizen.token))["applicationSubmit"]
        assert first["errors"] == again["errors"] == []
        assert again["application"]["id"] == first["application"]["id"]
        await asyncio.sleep(0.5)  # anything published has arrived by now
        assert [e["action"] for e in heard] == ["SUBMIT"]
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await stream.aclose()
