"""Retries and races never duplicate: one key, one application; one move, one event."""

from __future__ import annotations

import asyncio

from models.applications.tables import Application, ApplicationEvent
from schema.node import from_global_id
from tests.applications.support import (
    DRAFT_CREATE,
    SUBMIT,
    gql,
    key,
    make_version,
    materials_for,
    new_citizen,
    staff_id,
    staff_token,
    step_ok,
    submitted,
)

PARALLEL = 20


async def test_twenty_identical_parallel_submissions_make_one_application(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    items = await materials_for(client, citizen.token, version)
    variables = {"input": {"draft": {"idempotencyKey": key(), "implementationId": version.id},
                           "materials": items}}
    results = await asyncio.gather(*[gql(client, SUBMIT, variables, token=citizen.token)
                                     for _ in range(PARALLEL)])
    payloads = [r["applicationSubmit"] for r in results]
    assert all(p["errors"] == [] for p in payloads), payloads
    assert len({p["application"]["id"] for p in payloads}) == 1
    assert len({p["application"]["number"] for p in payloads}) == 1
    assert {p["application"]["status"] for p in payloads} == {"SUBMITTED"}
    assert await Application.filter(applicant_id=citizen.account_id).count() == 1
    row_id = from_global_id(payloads[0]["application"]["id"])[1]
    assert await ApplicationEvent.filter(application_id=row_id).count() == 1


async def test_parallel_submissions_of_one_draft_submit_it_once(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    items = await materials_for(client, citizen.token, version)
    draft = (await gql(client, DRAFT_CREATE, {"input": {
        "idempotencyKey": key(), "implementationId": version.id}}, token=citizen.token)
    )["applicationDraftCreate"]["application"]
    await gql(client, """mutation($input: ApplicationMaterialsAttachInput!) {
      applicationMaterialsAttach(input: $input) { errors { code } } }""",
              {"input": {"applicationId": draft["id"], "materials": items}},
              token=citizen.token)
    results = await asyncio.gather(*[gql(
        client, SUBMIT, {"input": {"applicationId": draft["id"]}}, token=citizen.token)
        for _ in range(PARALLEL)])
    assert {r["applicationSubmit"]["application"]["number"] for r in results} != {None}
    assert len({r["applicationSubmit"]["application"]["number"] for r in results}) == 1
    row_id = from_global_id(draft["id"])[1]
    assert await ApplicationEvent.filter(application_id=row_id, action="SUBMIT").count() == 1


async def test_a_key_reused_for_another_matter_is_refused(client, app):
    first, second = await make_version(), await make_version()
    citizen = await new_citizen(client, app)
    reused = key()
    made = (await gql(client, DRAFT_CREATE, {"input": {
        "idempotencyKey": reused, "implementationId": first.id}}, token=citizen.token)
    )["applicationDraftCreate"]
    assert made["errors"] == []
    clash = (await gql(client, DRAFT_CREATE, {"input": {
        "idempotencyKey": reused, "implementationId": second.id}}, token=citizen.token)
    )["applicationDraftCreate"]
    assert [e["code"] for e in clash["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]
    short = (await gql(client, DRAFT_CREATE, {"input": {
        "idempotencyKey": "abc", "implementationId": second.id}}, token=citizen.token)
    )["applicationDraftCreate"]
    assert [e["field"] for e in short["errors"]] == [["input", "idempotencyKey"]]


async def test_the_same_key_from_two_citizens_makes_two_applications(client, app):
    version = await make_version()
    one, two = await new_citizen(client, app), await new_citizen(client, app)
    shared = key()
    ids = set()
    for citizen in (one, two):
        payload = (await gql(client, DRAFT_CREATE, {"input": {
            "idempotencyKey": shared, "implementationId": version.id}}, token=citizen.token)
        )["applicationDraftCreate"]
        ids.add(payload["application"]["id"])
    assert len(ids) == 2


async def test_a_retried_staff_move_returns_the_first_result(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    sid = staff_id((await submitted(client, citizen, version))["id"])
    await step_ok(client, clerk, "applicationPreReviewStart", sid)
    first = await step_ok(client, clerk, "applicationAccept", sid)
    retry = await step_ok(client, clerk, "applicationAccept", sid)
    assert retry["documents"] == first["documents"]
    assert retry["application"]["status"] == "ACCEPTED"
    row_id = from_global_id(sid)[1]
    assert await ApplicationEvent.filter(application_id=row_id, action="ACCEPT").count() == 1


async def test_a_refused_one_shot_submission_leaves_nothing_behind(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    refused = (await gql(client, SUBMIT, {"input": {"draft": {
        "idempotencyKey": key(), "implementationId": version.id}, "materials": []}},
        token=citizen.token))["applicationSubmit"]
    assert {e["code"] for e in refused["errors"]} == {"MATERIALS_MISSING"}
    assert await Application.filter(applicant_id=citizen.account_id).count() == 0
    unknown = (await gql(client, SUBMIT, {"input": {"draft": {
        "idempotencyKey": key(), "implementationId": "nothing-here"}}},
        token=citizen.token))["applicationSubmit"]
    assert [(e["code"], e["field"]) for e in unknown["errors"]] == [
        ("NOT_PUBLISHED", ["input", "draft", "implementationId"])]
