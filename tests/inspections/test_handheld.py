"""Handheld screens: my tasks, the offline bundle, and the online inspection steps."""

from __future__ import annotations

import uuid
from datetime import date

from tests.helpers import gql, post, staff_token
from tests.inspections.support import (
    FOOD_POOL,
    current_food_form,
    drawn_plan,
    food_answers,
    import_subjects,
    industry,
    moment,
    plan_tasks,
    sha,
    subject_rows,
    today,
)

MY_TASKS = """query($status: [InspectionTaskStatus!]) {
  myInspectionTasks(status: $status, first: 100) { totalCount nodes { id status } } }"""
BUNDLE = """query($date: Date!) { inspectionOfflineBundle(date: $date) {
  date
  tasks { id status actionCode publishDue
    subject { creditCode name legalRepresentative address phoneMasked region { name } }
    plan { name startDate endDate items { id name legalBasis currentForm { id } } }
    inspectors { displayName badgeNumber }
    record { clientId version } }
  subjects { creditCode name }
  items { code name legalBasis }
  formTemplates { id version title fields { key label type required options unit
    minimum maximum maxLength photoCount } }
  actionCodes { taskId code qrPayload } } }"""


async def everyone_plan(client, n: int, day: date) -> str:
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(n, trade))
    return await drawn_plan(client, admin, trade, count=n, inspectorsPerSubject=FOOD_POOL,
                            start=day, end=day)


async def test_offline_bundle_has_the_day_in_one_request_with_constant_sql(client):
    year = today().year + 3  # days no other test plans on
    small, large = date(year, 3, 10), date(year, 6, 10)
    await everyone_plan(client, 1, small)
    await everyone_plan(client, 5, large)
    token = await staff_token(client, "inspector.xihu.1")
    counts = {}
    for day, size in ((small, 1), (large, 5)):
        response = await post(client, BUNDLE, {"date": day.isoformat()}, token=token)
        body = response.json()
        assert "errors" not in body, body
        bundle = body["data"]["inspectionOfflineBundle"]
        assert len(bundle["tasks"]) == len(bundle["subjects"]) == len(bundle["actionCodes"]) \
            == size
        assert {a["code"] for a in bundle["actionCodes"]} == {t["actionCode"]
                                                             for t in bundle["tasks"]}
        assert [i["name"] for i in bundle["items"]] == ["食品经营者日常监督检查"]
        assert bundle["formTemplates"][0]["id"] == \
            bundle["tasks"][0]["plan"]["items"][0]["currentForm"]["id"]
        assert all(len(t["inspectors"]) == FOOD_POOL for t in bundle["tasks"])
        assert bundle["tasks"][0]["subject"]["phoneMasked"] == "138****8000"
        counts[size] = int(response.headers["X-SQL-Count"])
    assert counts[1] == counts[5], counts


MY_TASKS_SCREEN = """query($first: Int!) { myInspectionTasks(first: $first) {
  nodes { id status actionCode publicationStatus subject { name address }
    plan { name items { name currentForm { version } } } inspectors { displayName }
    record { version } } } }"""


async def test_my_tasks_screen_runs_a_fixed_number_of_statements(client):
    await everyone_plan(client, 5, today())
    token = await staff_token(client, "inspector.xihu.1")
    counts = []
    for first in (1, 5):
        response = await post(client, MY_TASKS_SCREEN, {"first": first}, token=token)
        assert len(response.json()["data"]["myInspectionTasks"]["nodes"]) == first
        counts.append(int(response.headers["X-SQL-Count"]))
    assert counts[0] == counts[1], counts


async def test_my_tasks_lists_only_the_inspectors_own(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(2, trade))
    plan_id = await drawn_plan(client, admin, trade, count=2)
    tasks = await plan_tasks(client, admin, plan_id)
    for task in tasks:
        for inspector in task["inspectors"]:
            # the demo badges are 3301062000N for inspector.xihu.N
            token = await staff_token(client, f"inspector.xihu.{inspector['badgeNumber'][-1]}")
            mine = (await gql(client, MY_TASKS, {"status": ["ASSIGNED"]}, token=token)
                    )["myInspectionTasks"]["nodes"]
            assert task["id"] in {t["id"] for t in mine}
    drawn = {i["badgeNumber"] for t in tasks for i in t["inspectors"]}
    if "33010620005" not in drawn:  # 徐执法 holds no 食品安全 credential: never drawn
        outsider = await staff_token(client, "inspector.xihu.5")
        theirs = (await gql(client, MY_TASKS, token=outsider))["myInspectionTasks"]["nodes"]
        assert not {t["id"] for t in tasks} & {t["id"] for t in theirs}


START = """mutation($input: InspectionStartInput!) { inspectionStart(input: $input) {
  outcome record { clientId version contentHash } errors { code field message } } }"""
FILL = """mutation($input: InspectionFormFillInput!) { inspectionFormFill(input: $input) {
  outcome record { version forms { template { version } answers } }
  errors { code field message } } }"""
ATTACH = """mutation($input: InspectionEvidenceAttachInput!) {
  inspectionEvidenceAttach(input: $input) { outcome record { version evidence { sha256 kind
    latitude } } errors { code field message } } }"""
FINISH = """mutation($input: InspectionFinishInput!) { inspectionFinish(input: $input) {
  outcome record { version } errors { code field message } } }"""


async def test_online_steps_are_versioned_and_safe_to_retry(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(1, trade))
    plan_id = await drawn_plan(client, admin, trade, count=1, inspectorsPerSubject=FOOD_POOL)
    task = (await plan_tasks(client, admin, plan_id))[0]
    token = await staff_token(client, "inspector.xihu.4")
    client_id = str(uuid.uuid4())
    start = {"input": {"taskId": task["id"], "clientId": client_id}}
    started = (await gql(client, START, start, token=token))["inspectionStart"]
    assert started["outcome"] == "ACCEPTED" and started["record"]["version"] == 1
    again = (await gql(client, START, start, token=token))["inspectionStart"]
    assert again["outcome"] == "DUPLICATE" and again["record"] == started["record"]

    form = await current_food_form(client)
    photo, signature = sha(f"online photo {client_id}"), sha(f"online signature {client_id}")
    fill = {"input": {"clientId": client_id, "baseVersion": 1, "templateId": form,
                      "answers": food_answers(photo)}}
    filled = (await gql(client, FILL, fill, token=token))["inspectionFormFill"]
    # the photo is not registered as evidence yet: a draft may say so only once finished
    assert filled["outcome"] == "INVALID"
    assert filled["errors"][0]["code"] == "EVIDENCE_MISSING"
    assert filled["errors"][0]["field"] == ["input", "answers", "site_photos"]
    attach = {"input": {"clientId": client_id, "baseVersion": 1, "sha256": photo,
                        "kind": "PHOTO", "capturedAt": moment(20), "latitude": "30.27",
                        "longitude": "120.15"}}
    attached = (await gql(client, ATTACH, attach, token=token))["inspectionEvidenceAttach"]
    assert attached["outcome"] == "ACCEPTED" and attached["record"]["version"] == 2
    retry = (await gql(client, ATTACH, attach, token=token))["inspectionEvidenceAttach"]
    assert retry["outcome"] == "DUPLICATE" and retry["record"]["version"] == 2
    stale = (await gql(client, FILL, fill, token=token))["inspectionFormFill"]
    assert stale["outcome"] == "CONFLICT" and stale["errors"][0]["code"] == "STALE_BASE"
    fill["input"]["baseVersion"] = 2
    filled = (await gql(client, FILL, fill, token=token))["inspectionFormFill"]
    assert filled["outcome"] == "ACCEPTED" and filled["record"]["forms"][0]["template"][
        "version"] == 2
    no_photo = {**attach["input"], "sha256": sha("x"), "latitude": None, "baseVersion": 3}
    refused = (await gql(client, ATTACH, {"input": no_photo}, token=token)
               )["inspectionEvidenceAttach"]
    assert refused["outcome"] == "INVALID" and refused["errors"][0]["code"] == \
        "INVALID_LOCATION"

    finish = {"input": {"clientId": client_id, "baseVersion": 3, "result": "NO_PROBLEM",
                        "signature": signature, "summary": "未发现问题"}}
    unsigned = (await gql(client, FINISH, finish, token=token))["inspectionFinish"]
    assert unsigned["errors"][0]["code"] == "SIGNATURE_REQUIRED"
    assert unsigned["errors"][0]["field"] == ["input", "signature"]
    sign = {"input": {**attach["input"], "sha256": signature, "kind": "SIGNATURE",
                      "latitude": None, "longitude": None, "baseVersion": 3}}
    await gql(client, ATTACH, sign, token=token)
    finish["input"]["baseVersion"] = 4
    done = (await gql(client, FINISH, finish, token=token))["inspectionFinish"]
    assert done["outcome"] == "ACCEPTED" and done["record"]["version"] == 5
    retried = (await gql(client, FINISH, finish, token=token))["inspectionFinish"]
    assert retried["outcome"] == "DUPLICATE" and retried["record"]["version"] == 5
    status = (await gql(client, "query($id: ID!) { node(id: $id) { ... on InspectionTask {"
                        " status publishDue } } }", {"id": task["id"]}, token=token))["node"]
    assert status["status"] == "FINISHED" and status["publishDue"]
