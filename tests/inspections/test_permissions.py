"""Permission matrix: anonymous / citizen / staff of another department / the right staff."""

from __future__ import annotations

from models.regions.seed import department_id
from schema.node import to_global_id
from tests.helpers import error_codes, gql, gql_raw, staff_token
from tests.inspections.support import (
    PUBLICATION,
    citizen_token,
    create_plan,
    csv_rows,
    drawn_plan,
    import_subjects,
    industry,
    plan_tasks,
    subject_rows,
    today,
)

XIHU = to_global_id("Department", department_id("330106", "market"))

# operation, variables, who may (usernames); everyone else with a staff role gets the
# code given, anonymous UNAUTHENTICATED, citizens FORBIDDEN.
QUERIES = {
    "subjects": "{ inspectionSubjects(first: 1) { totalCount } }",
    "inspectors": "query($d: ID) { inspectionInspectors(departmentId: $d) { badgeNumber } }",
    "plans": "query($d: ID) { inspectionPlans(departmentId: $d, first: 1) { totalCount } }",
    "figures": "query($d: ID) { inspectionFigures(year: 2026, departmentId: $d) { tasks } }",
    "myTasks": "{ myInspectionTasks(first: 1) { totalCount } }",
    "bundle": "query($day: Date!) { inspectionOfflineBundle(date: $day) { date } }",
}
MATRIX = [
    # (query, staff user, expected: None = allowed, else the error code)
    ("subjects", "admin.xihu", None), ("subjects", "inspector.xihu.1", None),
    ("subjects", "clerk.xihu", "FORBIDDEN"), ("subjects", "supervisor.hz", None),
    ("inspectors", "admin.xihu", None), ("inspectors", "admin.shangcheng", "NOT_FOUND"),
    ("inspectors", "supervisor.hz", None), ("inspectors", "clerk.yinzhou", "FORBIDDEN"),
    ("plans", "admin.xihu", None), ("plans", "inspector.xihu.2", None),
    ("plans", "admin.shangcheng", "NOT_FOUND"), ("plans", "supervisor.hz", None),
    ("plans", "approver.xihu", "FORBIDDEN"),
    ("figures", "admin.xihu", None), ("figures", "head.xihu", None),
    ("figures", "supervisor.hz", None), ("figures", "sysadmin", None),
    ("figures", "inspector.xihu.1", "FORBIDDEN"), ("figures", "admin.shangcheng", "NOT_FOUND"),
    ("myTasks", "inspector.xihu.1", None), ("myTasks", "admin.xihu", "FORBIDDEN"),
    ("bundle", "inspector.shangcheng.1", None), ("bundle", "supervisor.hz", "FORBIDDEN"),
]


def _variables(name: str) -> dict:
    return {"d": XIHU, "day": today().isoformat()} if name in ("plans", "inspectors",
                                                              "figures", "bundle") else {}


def _clean(name: str, variables: dict) -> dict:
    query = QUERIES[name]
    return {k: v for k, v in variables.items() if f"${k}" in query}


async def test_staff_queries_follow_the_matrix(client):
    for name, username, expected in MATRIX:
        token = await staff_token(client, username)
        body = await gql_raw(client, QUERIES[name], _clean(name, _variables(name)), token=token)
        assert error_codes(body) == ([expected] if expected else []), (name, username, body)


async def test_anonymous_and_citizens_get_no_staff_query(client, app):
    citizen = citizen_token(app)
    for name in QUERIES:
        variables = _clean(name, _variables(name))
        anonymous = await gql_raw(client, QUERIES[name], variables)
        assert error_codes(anonymous) == ["UNAUTHENTICATED"], name
        citizens = await gql_raw(client, QUERIES[name], variables, token=citizen)
        assert error_codes(citizens) == ["FORBIDDEN"], name


MUTATIONS = {
    "import": ("""mutation($input: InspectionSubjectsImportInput!) {
      inspectionSubjectsImport(input: $input) { stored } }""", "admin.xihu"),
    "planCreate": ("""mutation($input: InspectionPlanCreateInput!) {
      inspectionPlanCreate(input: $input) { errors { code } } }""", "admin.xihu"),
    "sync": ("""mutation($input: InspectionRecordsSyncInput!) {
      inspectionRecordsSync(input: $input) { results { outcome } } }""", "inspector.xihu.1"),
}


async def test_mutations_need_the_right_role(client, app):
    inputs = {"import": {"csv": csv_rows(subject_rows(1, industry()))},
              "planCreate": {"name": "x", "regionCode": "330106", "itemIds": [],
                             "startDate": "2026-01-05", "endDate": "2026-01-06"},
              "sync": {"records": []}}
    citizen = citizen_token(app)
    wrong = {"import": "inspector.xihu.1", "planCreate": "inspector.xihu.1",
             "sync": "admin.xihu"}
    for name, (mutation, _right) in MUTATIONS.items():
        variables = {"input": inputs[name]}
        assert error_codes(await gql_raw(client, mutation, variables)) == ["UNAUTHENTICATED"]
        assert error_codes(await gql_raw(client, mutation, variables, token=citizen)) == [
            "FORBIDDEN"]
        token = await staff_token(client, wrong[name])
        assert error_codes(await gql_raw(client, mutation, variables, token=token)) == [
            "FORBIDDEN"], name


async def test_plans_and_tasks_of_another_department_look_missing(client, app):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(2, trade))
    plan_id = await drawn_plan(client, admin, trade, count=2)
    tasks = await plan_tasks(client, admin, plan_id)
    step = """mutation($input: InspectionPlanActionInput!) {
      inspectionPlanReveal(input: $input) { errors { code } } }"""
    other_admin = await staff_token(client, "admin.shangcheng")
    assert error_codes(await gql_raw(client, step, {"input": {"planId": plan_id}},
                                     token=other_admin)) == ["NOT_FOUND"]
    inspector = await staff_token(client, "inspector.xihu.1")
    assert error_codes(await gql_raw(client, step, {"input": {"planId": plan_id}},
                                     token=inspector)) == ["FORBIDDEN"]
    tasks_query = "query($id: ID!) { inspectionTasks(planId: $id) { totalCount } }"
    assert error_codes(await gql_raw(client, tasks_query, {"id": plan_id},
                                     token=other_admin)) == ["NOT_FOUND"]

    node = "query($id: ID!) { node(id: $id) { id } }"
    assigned = sorted(i["badgeNumber"] for i in tasks[0]["inspectors"])
    # token: (sees the task, sees the plan)
    viewers = {
        None: (False, False), citizen_token(app): (False, False),
        await staff_token(client, "inspector.shangcheng.1"): (False, False),
        other_admin: (False, False), admin: (True, True),
        await staff_token(client, "supervisor.hz"): (True, True),
        await staff_token(client, f"inspector.xihu.{assigned[0][-1]}"): (True, True),
    }
    if "33010620005" not in assigned:  # 徐执法 is in the department but not on the task
        viewers[await staff_token(client, "inspector.xihu.5")] = (False, True)
    for token, (task_visible, plan_visible) in viewers.items():
        found = (await gql(client, node, {"id": tasks[0]["id"]}, token=token))["node"]
        assert (found is not None) == task_visible
        plan = (await gql(client, node, {"id": plan_id}, token=token))["node"]
        assert (plan is not None) == plan_visible


async def test_public_operations_need_no_sign_in(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(1, trade))
    plan_id = await drawn_plan(client, admin, trade, count=1)
    code = (await plan_tasks(client, admin, plan_id))[0]["actionCode"]
    assert (await gql(client, PUBLICATION, {"id": plan_id}))["inspectionDrawPublication"]
    assert (await gql(client, "query($c: String!) { inspectionByActionCode(code: $c) { code } }",
                      {"c": code}))["inspectionByActionCode"]["code"] == code
    assert (await gql(client, "{ inspectionItems { totalCount } }"))["inspectionItems"][
        "totalCount"] >= 5
    draft = await create_plan(client, admin, trade, count=1)
    assert (await gql(client, PUBLICATION, {"id": draft["id"]}))[
        "inspectionDrawPublication"] is None  # nothing is public before the commitment
