"""Supervisor figures, computed for a department and year this test has to itself."""

from __future__ import annotations

from datetime import date, timedelta

from models.inspections.seed import item_id
from models.regions.seed import department_id
from schema.node import to_global_id
from tests.helpers import gql, staff_token
from tests.inspections.support import (
    import_subjects,
    industry,
    plan_step,
    plan_tasks,
    record_input,
    record_payload,
    subject_rows,
    sync,
    today,
)

SHANGCHENG = to_global_id("Department", department_id("330102", "market"))
SHANGCHENG_FOOD = to_global_id("InspectionItem", item_id("330102-SJ-001"))
FIGURES = """query($year: Int!, $d: ID) { inspectionFigures(year: $year, departmentId: $d) {
  year plans subjectsInDirectory subjectsInspected coverage tasks tasksFinished completion
  publishedOnTime publishedLate publicationOverdue onTimePublication items itemsWithForm
  formCoverage inspectors handheldsActivated handheldActivation } }"""


async def test_figures_count_coverage_completion_publication_and_forms(client):
    admin = await staff_token(client, "admin.shangcheng")
    trade = industry()
    await import_subjects(client, admin, subject_rows(4, trade, region="330102"))
    year = today().year + 5  # a year no other test plans in
    plan = (await gql(client, """mutation($input: InspectionPlanCreateInput!) {
      inspectionPlanCreate(input: $input) { plan { id } errors { code } } }""", {"input": {
        "name": "上城区食品抽查", "regionCode": "330102", "itemIds": [SHANGCHENG_FOOD],
        "startDate": date(year, 4, 1).isoformat(), "endDate": date(year, 4, 30).isoformat(),
        "industries": [trade], "count": 4}}, token=admin))["inspectionPlanCreate"]["plan"]
    for step in ("Commit", "Draw", "Reveal"):
        assert (await plan_step(client, admin, step, plan["id"]))["errors"] == []
    tasks = await plan_tasks(client, admin, plan["id"])
    form = (await gql(client, "query($id: ID!) { node(id: $id) { ... on InspectionItem {"
                      " currentForm { id } } } }", {"id": SHANGCHENG_FOOD})
            )["node"]["currentForm"]["id"]
    answers = {"license_displayed": True, "health_certificates": True, "hygiene": "良好"}
    for task in tasks[:2]:
        badge = task["inspectors"][0]["badgeNumber"]  # 3301022000N: inspector.shangcheng.N
        token = await staff_token(client, f"inspector.shangcheng.{badge[-1]}")
        payload = record_payload(task["id"], form, answers=answers)
        payload["evidence"] = payload["evidence"][1:]  # the signature only: no photo field
        assert (await sync(client, token, [record_input(payload)]))[0]["outcome"] == "ACCEPTED"
    await gql(client, """mutation($input: InspectionResultPublishInput!) {
      inspectionResultPublish(input: $input) { errors { code } } }""",
              {"input": {"taskId": tasks[0]["id"]}}, token=admin)

    figures = (await gql(client, FIGURES, {"year": year}, token=admin))["inspectionFigures"]
    assert figures == {**figures, "year": year, "plans": 1, "subjectsInspected": 4, "tasks": 4,
                       "tasksFinished": 2, "completion": 0.5, "publishedOnTime": 1,
                       "publishedLate": 0, "publicationOverdue": 0, "onTimePublication": 1.0,
                       "items": 1, "itemsWithForm": 1, "formCoverage": 1.0,
                       "inspectors": 3, "handheldsActivated": 0, "handheldActivation": 0.0}
    assert figures["coverage"] == round(4 / figures["subjectsInDirectory"], 4)
    supervisor = await staff_token(client, "supervisor.hz")
    seen = (await gql(client, FIGURES, {"year": year, "d": SHANGCHENG}, token=supervisor))
    assert seen["inspectionFigures"] == figures


async def test_the_demo_department_shows_an_item_without_a_form_and_late_publications(client):
    admin = await staff_token(client, "admin.xihu")
    year = (today() - timedelta(days=30)).year  # the seed's completed plan ended 30 days ago
    figures = (await gql(client, FIGURES, {"year": year}, token=admin))["inspectionFigures"]
    assert figures["itemsWithForm"] < figures["items"]  # 价格行为检查 has no form yet
    assert figures["formCoverage"] == round(figures["itemsWithForm"] / figures["items"], 4)
    assert figures["publishedLate"] >= 1 and figures["publicationOverdue"] >= 1
    assert figures["handheldActivation"] == round(
        figures["handheldsActivated"] / figures["inspectors"], 4)
