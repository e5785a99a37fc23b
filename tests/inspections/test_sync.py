"""Offline sync of inspection records: retries, cuts, concurrency, invalid records."""

from __future__ import annotations

import asyncio
import uuid

from auth.viewer import Viewer
from models.accounts.seed import account_id
from models.inspections.service import records as record_service
from models.inspections.tables import InspectionCaseLead, InspectionRecord, InspectionTask
from models.regions.seed import department_id
from schema.node import from_global_id
from tests.helpers import gql, gql_raw, staff_token
from tests.inspections.support import (
    FOOD_POOL,
    current_food_form,
    drawn_plan,
    import_subjects,
    industry,
    plan_tasks,
    record_input,
    record_payload,
    sync,
    token_for,
)
from tests.inspections.support import subject_rows as rows_for


async def tasks_for_everyone(client, n: int) -> list[dict]:
    """n tasks with every 食品安全 inspector of 西湖区 on each."""
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, rows_for(n, trade))
    plan_id = await drawn_plan(client, admin, trade, count=n, inspectorsPerSubject=FOOD_POOL)
    return await plan_tasks(client, admin, plan_id)


def key(global_id: str) -> str:
    decoded = from_global_id(global_id)
    assert decoded is not None
    return decoded[1]


async def test_the_same_batch_twice_answers_duplicate_for_each(client):
    tasks = await tasks_for_everyone(client, 3)
    form = await current_food_form(client)
    token = await staff_token(client, "inspector.xihu.1")
    batch = [record_input(record_payload(t["id"], form)) for t in tasks]
    first = await sync(client, token, batch)
    assert [(r["outcome"], r["version"]) for r in first] == [("ACCEPTED", 1)] * 3
    again = await sync(client, token, batch)
    assert [(r["outcome"], r["version"]) for r in again] == [("DUPLICATE", 1)] * 3
    assert [r["serverRecord"]["clientId"] for r in again] == [b["clientId"] for b in batch]
    assert await InspectionRecord.filter(task_id__in=[key(t["id"]) for t in tasks]).count() == 3
    finished = await InspectionTask.filter(id__in=[key(t["id"]) for t in tasks])
    assert {t.status for t in finished} == {"FINISHED"} and all(t.publish_due for t in finished)


async def test_a_batch_cut_by_the_client_is_completed_by_resending_it(client):
    tasks = await tasks_for_everyone(client, 4)
    form = await current_food_form(client)
    token = await staff_token(client, "inspector.xihu.2")
    batch = [record_input(record_payload(t["id"], form)) for t in tasks]
    await sync(client, token, batch[:2])  # the connection dropped after two
    retried = await sync(client, token, batch)
    assert [r["outcome"] for r in retried] == ["DUPLICATE", "DUPLICATE", "ACCEPTED", "ACCEPTED"]


async def test_a_batch_failing_on_the_server_stores_whole_records_only(client, monkeypatch):
    tasks = await tasks_for_everyone(client, 4)
    form = await current_food_form(client)
    token = await staff_token(client, "inspector.xihu.1")
    batch = [record_input(record_payload(t["id"], form)) for t in tasks]
    real_due = record_service.publication_due
    calls = []

    def failing_due(finished_at):
        calls.append(finished_at)
        if len(calls) == 3:  # after the third record's row was written
            raise ConnectionResetError("the database went away")
        return real_due(finished_at)

    monkeypatch.setattr(record_service, "publication_due", failing_due)
    body = await gql_raw(client, """mutation($input: InspectionRecordsSyncInput!) {
      inspectionRecordsSync(input: $input) { results { outcome } } }""",
                         {"input": {"records": batch}}, token=token)
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    monkeypatch.undo()
    stored = {str(r.id) for r in await InspectionRecord.filter(
        task_id__in=[key(t["id"]) for t in tasks])}
    assert stored == {batch[0]["clientId"], batch[1]["clientId"]}  # the third rolled back
    third = await InspectionTask.get(id=key(tasks[2]["id"]))
    assert third.status == "ASSIGNED" and third.finished_at is None
    retried = await sync(client, token, batch)
    assert [r["outcome"] for r in retried] == ["DUPLICATE", "DUPLICATE", "ACCEPTED", "ACCEPTED"]


def device_token(app, username: str, device: str) -> str:
    return token_for(app, Viewer(kind="STAFF", account_id=str(account_id(username)),
                                 roles=frozenset({"INSPECTOR"}), device_id=device,
                                 department_id=str(department_id("330106", "market"))))


async def test_concurrent_batches_from_two_devices_keep_one_record_per_task(client, app):
    tasks = await tasks_for_everyone(client, 3)
    form = await current_food_form(client)
    first = device_token(app, "inspector.xihu.1", "device-a")
    second = device_token(app, "inspector.xihu.2", "device-b")
    batch_a = [record_input(record_payload(t["id"], form, label="a")) for t in tasks]
    batch_b = [record_input(record_payload(t["id"], form, label="b")) for t in tasks]
    query = """mutation($input: InspectionRecordsSyncInput!) {
      inspectionRecordsSync(input: $input) {
        results { clientId outcome version serverRecord { clientId version } } } }"""
    a, b = await asyncio.gather(
        gql(client, query, {"input": {"records": batch_a}}, token=first,
            headers={"X-Device-Id": "device-a"}),
        gql(client, query, {"input": {"records": batch_b}}, token=second,
            headers={"X-Device-Id": "device-b"}))
    for ra, rb in zip(a["inspectionRecordsSync"]["results"],
                      b["inspectionRecordsSync"]["results"], strict=True):
        assert sorted([ra["outcome"], rb["outcome"]]) == ["ACCEPTED", "CONFLICT"]
        winner, loser = (ra, rb) if ra["outcome"] == "ACCEPTED" else (rb, ra)
        assert loser["serverRecord"] == {"clientId": winner["clientId"], "version": 1}
    for task in tasks:
        records = await InspectionRecord.filter(task_id=key(task["id"]))
        assert len(records) == 1 and records[0].device_id in ("device-a", "device-b")


async def test_the_same_batch_from_two_devices_at_once_is_stored_once(client, app):
    tasks = await tasks_for_everyone(client, 3)
    form = await current_food_form(client)
    token_a = device_token(app, "inspector.xihu.1", "phone")
    token_b = device_token(app, "inspector.xihu.1", "tablet")
    batch = [record_input(record_payload(t["id"], form)) for t in tasks]
    a, b = await asyncio.gather(
        sync_on(client, token_a, "phone", batch), sync_on(client, token_b, "tablet", batch))
    for ra, rb in zip(a, b, strict=True):
        assert sorted([ra["outcome"], rb["outcome"]]) == ["ACCEPTED", "DUPLICATE"]
    assert await InspectionRecord.filter(task_id__in=[key(t["id"]) for t in tasks]).count() == 3


async def sync_on(client, token: str, device: str, records: list[dict]) -> list[dict]:
    data = await gql(client, """mutation($input: InspectionRecordsSyncInput!) {
      inspectionRecordsSync(input: $input) { results { outcome } } }""",
                     {"input": {"records": records}}, token=token,
                     headers={"X-Device-Id": device})
    return data["inspectionRecordsSync"]["results"]


async def test_invalid_records_are_reported_and_valid_ones_stored(client):
    tasks = await tasks_for_everyone(client, 4)
    form = await current_food_form(client)
    token = await staff_token(client, "inspector.xihu.1")
    good = record_input(record_payload(tasks[0]["id"], form))
    tampered = record_input(record_payload(tasks[1]["id"], form))
    tampered["payload"]["finish"]["summary"] = "changed after hashing"
    wrong = record_payload(tasks[2]["id"], form, answers={
        "license_displayed": "yes", "health_certificates": True, "hygiene": "很好",
        "cold_storage_temperature": "45", "site_photos": []})
    wrong["finish"]["signature"] = "0" * 64
    bad_content = record_input(wrong)
    bad_id = record_input(record_payload(tasks[3]["id"], form), client_id="not-a-uuid")
    unknown_task = record_input(record_payload("SW5zcGVjdGlvblRhc2s6bm9uZQ", form))
    last = record_input(record_payload(tasks[3]["id"], form))
    results = await sync(client, token, [good, tampered, bad_content, bad_id, unknown_task, last])
    assert [r["outcome"] for r in results] == [
        "ACCEPTED", "INVALID", "INVALID", "INVALID", "INVALID", "ACCEPTED"]
    assert results[1]["reason"] == "HASH_MISMATCH" and results[3]["reason"] == "BAD_CLIENT_ID"
    assert results[4]["errors"][0]["field"] == ["input", "records", "4", "payload", "taskId"]
    problems = {(e["code"], "/".join(e["field"][2:])) for e in results[2]["errors"]}
    answers = "2/payload/forms/0/answers"
    assert problems == {
        ("WRONG_TYPE", f"{answers}/license_displayed"),
        ("NOT_AN_OPTION", f"{answers}/hygiene"),
        ("ABOVE_MAX", f"{answers}/cold_storage_temperature"),
        ("REQUIRED", f"{answers}/site_photos"),
        ("SIGNATURE_REQUIRED", "2/payload/finish/signature"),
    }
    assert all(e["message"] for e in results[2]["errors"])
    assert not await InspectionRecord.exists(task_id=key(tasks[2]["id"]))


async def test_a_stale_edit_conflicts_and_an_edit_on_the_server_version_is_accepted(client):
    tasks = await tasks_for_everyone(client, 1)
    form = await current_food_form(client)
    token = await staff_token(client, "inspector.xihu.1")
    draft = record_payload(tasks[0]["id"], form, finished=False)
    created = record_input(draft)
    assert (await sync(client, token, [created]))[0]["outcome"] == "ACCEPTED"
    changed = {**draft, "finish": record_payload(tasks[0]["id"], form)["finish"]}
    stale = record_input(changed, client_id=created["clientId"])  # base None: not seen v1
    conflict = (await sync(client, token, [stale]))[0]
    assert conflict["outcome"] == "CONFLICT" and conflict["reason"] == "STALE_BASE"
    assert conflict["serverRecord"]["payload"] == draft and conflict["version"] == 1
    ahead = (await sync(client, token, [record_input(changed, created["clientId"], 5)]))[0]
    assert ahead["outcome"] == "INVALID" and ahead["reason"] == "BASE_VERSION_AHEAD"
    merged = (await sync(client, token, [record_input(changed, created["clientId"], 1)]))[0]
    assert merged["outcome"] == "ACCEPTED" and merged["version"] == 2
    unfinish = (await sync(client, token, [record_input(draft, created["clientId"], 2)]))[0]
    assert unfinish["outcome"] == "INVALID"
    assert unfinish["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_a_second_record_for_a_task_conflicts_with_the_first(client):
    tasks = await tasks_for_everyone(client, 1)
    form = await current_food_form(client)
    token = await staff_token(client, "inspector.xihu.3")
    first = record_input(record_payload(tasks[0]["id"], form, finished=False))
    other = record_input(record_payload(tasks[0]["id"], form, label="other"))
    results = await sync(client, token, [first, other])
    assert [r["outcome"] for r in results] == ["ACCEPTED", "CONFLICT"]
    assert results[1]["reason"] == "TASK_HAS_RECORD"
    assert results[1]["serverRecord"]["clientId"] == first["clientId"]


async def test_records_only_for_tasks_assigned_to_the_inspector(client):
    tasks = await tasks_for_everyone(client, 1)
    form = await current_food_form(client)
    outsider = await staff_token(client, "inspector.xihu.5")  # 市场秩序 only: never drawn
    result = (await sync(client, outsider, [record_input(record_payload(tasks[0]["id"],
                                                                        form))]))[0]
    assert result["outcome"] == "INVALID" and result["reason"] == "TASK_NOT_FOUND"
    insider = await staff_token(client, "inspector.xihu.1")
    created = record_input(record_payload(tasks[0]["id"], form))
    await sync(client, insider, [created])
    # someone else's client id reveals nothing about the record behind it
    probe = (await sync(client, outsider, [record_input(
        record_payload(tasks[0]["id"], form, label="x"), client_id=created["clientId"])]))[0]
    assert probe["outcome"] == "INVALID" and probe["serverRecord"] is None


async def test_a_finding_opens_a_case_lead_only_for_a_problem_result(client):
    tasks = await tasks_for_everyone(client, 2)
    form = await current_food_form(client)
    token = await staff_token(client, "inspector.xihu.1")
    refused = record_input(record_payload(tasks[0]["id"], form, case_lead=True))
    lead = record_input(record_payload(tasks[1]["id"], form, result="FURTHER_ACTION",
                                       case_lead=True, label="无证经营冷库"))
    results = await sync(client, token, [refused, lead])
    assert results[0]["outcome"] == "INVALID"
    assert results[0]["errors"][0]["code"] == "CASE_LEAD_NOT_ALLOWED"
    assert results[1]["outcome"] == "ACCEPTED"
    task = await InspectionTask.get(id=key(tasks[1]["id"]))
    assert task.case_lead_requested
    row = await InspectionCaseLead.get(task_id=task.id)
    assert row.status == "PENDING" and row.summary == "无证经营冷库"
    assert str(row.department_id) == str(department_id("330106", "market"))


async def test_sync_refuses_people_who_are_not_inspectors(client):
    admin = await staff_token(client, "admin.xihu")
    body = await gql_raw(client, """mutation($input: InspectionRecordsSyncInput!) {
      inspectionRecordsSync(input: $input) { results { outcome } } }""",
                         {"input": {"records": [record_input({"taskId": str(uuid.uuid4())})]}},
                         token=admin)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
