"""公示 and 行政行为码: publication within 20 working days, public results, overdue flags."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.calendar.rules import add_working_days
from models.inspections.publication import holiday_table, local_date
from models.inspections.tables import InspectionTask
from schema.node import from_global_id
from tests.helpers import error_codes, gql, gql_raw, staff_token
from tests.inspections.support import (
    FOOD_POOL,
    current_food_form,
    drawn_plan,
    import_subjects,
    industry,
    plan_tasks,
    record_input,
    record_payload,
    subject_rows,
    sync,
)

PUBLISH = """mutation($input: InspectionResultPublishInput!) {
  inspectionResultPublish(input: $input) { task { status publishedAt publicationStatus }
    errors { code } } }"""
BY_CODE = """query($code: String!) { inspectionByActionCode(code: $code) {
  code status subjectName subjectCreditCode planName department { name }
  items { name legalBasis } inspectors { maskedName badgeNumber }
  result { result resultLabel summary publishedOnTime inspectedOn } } }"""
RESULTS = """query($code: String!) { inspectionResults(creditCode: $code) { totalCount
  nodes { subjectName result resultLabel summary publishedOnTime department { name }
    items { name legalBasis } } } }"""


async def finished_task(client) -> tuple[dict, dict, str]:
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    rows = subject_rows(1, trade)
    await import_subjects(client, admin, rows)
    plan_id = await drawn_plan(client, admin, trade, count=1, inspectorsPerSubject=FOOD_POOL)
    task = (await plan_tasks(client, admin, plan_id))[0]
    token = await staff_token(client, "inspector.xihu.1")
    form = await current_food_form(client)
    result = await sync(client, token, [record_input(record_payload(
        task["id"], form, result="RECTIFICATION_ORDERED", label="责令改正冷库温度"))])
    assert result[0]["outcome"] == "ACCEPTED"
    return task, rows[0], admin


async def test_action_code_shows_who_inspects_and_later_the_result(client):
    task, subject, admin = await finished_task(client)
    before = (await gql(client, BY_CODE, {"code": task["actionCode"]}))["inspectionByActionCode"]
    assert before["subjectCreditCode"] == subject["code"] and before["result"] is None
    assert before["department"]["name"] == "西湖区市场监督管理局"
    assert before["items"][0]["legalBasis"].startswith("《中华人民共和国食品安全法》")
    assert len(before["inspectors"]) == FOOD_POOL
    names = {i["displayName"] for i in task["inspectors"]}
    for shown in before["inspectors"]:
        assert shown["maskedName"].endswith("**") and shown["maskedName"] not in names
        assert shown["badgeNumber"].startswith("3301062000")

    published = (await gql(client, PUBLISH, {"input": {"taskId": task["id"]}}, token=admin)
                 )["inspectionResultPublish"]
    assert published["task"]["status"] == "PUBLISHED"
    assert published["task"]["publicationStatus"] == "PUBLISHED_ON_TIME"
    after = (await gql(client, BY_CODE, {"code": task["actionCode"]}))["inspectionByActionCode"]
    assert after["result"] == {**after["result"], "result": "RECTIFICATION_ORDERED",
                               "resultLabel": "发现问题已责令改正", "summary": "责令改正冷库温度",
                               "publishedOnTime": True}


async def test_published_results_are_public_by_credit_code(client):
    task, subject, admin = await finished_task(client)
    hidden = (await gql(client, RESULTS, {"code": subject["code"]}))["inspectionResults"]
    assert hidden["totalCount"] == 0  # not published yet
    await gql(client, PUBLISH, {"input": {"taskId": task["id"]}}, token=admin)
    shown = (await gql(client, RESULTS, {"code": subject["code"].lower()}))["inspectionResults"]
    assert shown["totalCount"] == 1
    assert shown["nodes"][0] == {**shown["nodes"][0], "resultLabel": "发现问题已责令改正",
                                 "department": {"name": "西湖区市场监督管理局"}}
    bad = await gql_raw(client, RESULTS, {"code": "91330106MA2H0001X"})
    assert error_codes(bad) == ["BAD_USER_INPUT"]


async def test_unknown_action_codes_are_null(client):
    data = await gql(client, BY_CODE, {"code": "no-such-code"})
    assert data["inspectionByActionCode"] is None


async def test_publication_is_due_20_working_days_after_the_inspection(client):
    task, _subject, _admin = await finished_task(client)
    row = await InspectionTask.get(id=from_global_id(task["id"])[1])
    expected = add_working_days(holiday_table(), local_date(row.finished_at), 20)
    assert row.publish_due == expected.due
    assert row.publish_due_provisional == expected.provisional


async def test_publication_steps_are_guarded(client):
    task, _subject, admin = await finished_task(client)
    inspector = await staff_token(client, "inspector.xihu.1")
    forbidden = await gql_raw(client, PUBLISH, {"input": {"taskId": task["id"]}},
                              token=inspector)
    assert error_codes(forbidden) == ["FORBIDDEN"]
    other = await staff_token(client, "admin.shangcheng")
    missing = await gql_raw(client, PUBLISH, {"input": {"taskId": task["id"]}}, token=other)
    assert error_codes(missing) == ["NOT_FOUND"]
    await gql(client, PUBLISH, {"input": {"taskId": task["id"]}}, token=admin)
    twice = (await gql(client, PUBLISH, {"input": {"taskId": task["id"]}}, token=admin)
             )["inspectionResultPublish"]
    assert twice["errors"] == [{"code": "INVALID_TRANSITION"}]
    record = (await gql(client, "query($id: ID!) { node(id: $id) { ... on InspectionTask {"
                        " record { clientId version payload } } } }", {"id": task["id"]},
                        token=inspector))["node"]["record"]
    changed = {**record["payload"], "finish": {**record["payload"]["finish"], "summary": "更正"}}
    edit = await sync(client, inspector, [record_input(changed, record["clientId"],
                                                       record["version"])])
    assert edit[0]["outcome"] == "INVALID"
    assert edit[0]["errors"][0]["code"] == "INVALID_TRANSITION"  # published: no more edits


async def test_an_unfinished_inspection_cannot_be_published(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(1, trade))
    plan_id = await drawn_plan(client, admin, trade, count=1)
    task = (await plan_tasks(client, admin, plan_id))[0]
    refused = (await gql(client, PUBLISH, {"input": {"taskId": task["id"]}}, token=admin)
               )["inspectionResultPublish"]
    assert refused["errors"] == [{"code": "INVALID_TRANSITION"}]


OVERDUE = """query($id: ID!) { inspectionTasks(planId: $id, publicationOverdue: true) {
  nodes { id publicationStatus publishDue } } }"""


async def test_overdue_publications_are_flagged(client):
    task, _subject, admin = await finished_task(client)
    row = await InspectionTask.get(id=from_global_id(task["id"])[1])
    plan_id = (await gql(client, "query($id: ID!) { node(id: $id) { ... on InspectionTask {"
                         " plan { id } } } }", {"id": task["id"]}, token=admin)
               )["node"]["plan"]["id"]
    assert (await gql(client, OVERDUE, {"id": plan_id}, token=admin)
            )["inspectionTasks"]["nodes"] == []
    # as if inspected 40 days ago and never published
    row.publish_due = local_date(datetime.now(UTC) - timedelta(days=10))
    await row.save(update_fields=["publish_due"])
    flagged = (await gql(client, OVERDUE, {"id": plan_id}, token=admin))["inspectionTasks"]
    assert [(n["id"], n["publicationStatus"]) for n in flagged["nodes"]] == [
        (task["id"], "OVERDUE")]
    late = (await gql(client, PUBLISH, {"input": {"taskId": task["id"]}}, token=admin)
            )["inspectionResultPublish"]
    assert late["task"]["publicationStatus"] == "PUBLISHED_LATE"
