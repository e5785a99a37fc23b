"""双随机 draws through the API: commit-reveal, public re-runs, inspectors, conflicts, caps."""

from __future__ import annotations

import json
from decimal import Decimal

from models.inspections.draw import draw, inputs_digest, seed_commitment, stratum_size
from models.inspections.draw_codec import parse_inputs
from models.inspections.tables import InspectionPlan
from schema.node import from_global_id
from tests.helpers import gql, staff_token
from tests.inspections.support import (
    FOOD_ITEM,
    FOOD_POOL,
    PRICE_ITEM,
    PUBLICATION,
    VERIFY,
    create_plan,
    drawn_plan,
    import_subjects,
    industry,
    plan_step,
    plan_tasks,
    subject_rows,
)

INSPECTORS = "{ inspectionInspectors { id badgeNumber enforcementFields } }"
SUBJECT_IDS = """query($q: String!) { inspectionSubjects(search: $q, first: 100) {
  nodes { id creditCode } } }"""
CONFLICT = """mutation($input: InspectionConflictDeclareInput!) {
  inspectionConflictDeclare(input: $input) { conflict { reason inspector { badgeNumber } }
    errors { code } } }"""


async def test_draw_is_reproducible_from_the_published_inputs_and_seed(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(12, trade))
    plan = await create_plan(client, admin, trade, count=5)
    committed = (await plan_step(client, admin, "Commit", plan["id"]))["plan"]
    before = (await gql(client, PUBLICATION, {"id": plan["id"]}))["inspectionDrawPublication"]
    assert before["commitment"] == committed["commitment"] and before["seed"] is None
    assert before["assignments"] == []  # nothing drawn yet, but inputs are public
    assert before["inputsDigest"] == inputs_digest(parse_inputs(before["inputs"]))
    unverifiable = (await gql(client, VERIFY, {"id": plan["id"]}))["inspectionDrawVerification"]
    assert unverifiable["verified"] is False and unverifiable["seedRevealed"] is False

    await plan_step(client, admin, "Draw", plan["id"])
    drawn = (await gql(client, PUBLICATION, {"id": plan["id"]}))["inspectionDrawPublication"]
    assert drawn["seed"] is None and len(drawn["assignments"]) == 5
    await plan_step(client, admin, "Reveal", plan["id"])
    public = (await gql(client, PUBLICATION, {"id": plan["id"]}))["inspectionDrawPublication"]

    # anyone can redo it with the published documents only
    seed = bytes.fromhex(public["seed"])
    assert seed_commitment(seed) == public["commitment"]
    rerun = draw(parse_inputs(public["inputs"]), seed)
    assert [(a.subject_id, list(a.inspector_ids)) for a in rerun.assignments] == [
        (a["subjectCreditCode"], a["inspectorBadgeNumbers"]) for a in public["assignments"]]
    check = (await gql(client, VERIFY, {"id": plan["id"]}))["inspectionDrawVerification"]
    assert check == {**check, "verified": True, "commitmentMatches": True, "inputsMatch": True,
                     "resultMatches": True, "tasksMatch": True}


async def test_verification_fails_when_the_stored_result_is_tampered_with(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(6, trade))
    plan_id = await drawn_plan(client, admin, trade, count=2)
    row = await InspectionPlan.get(id=from_global_id(plan_id)[1])
    row.result["assignments"][0]["inspectors"].reverse()
    await row.save(update_fields=["result"])
    check = (await gql(client, VERIFY, {"id": plan_id}))["inspectionDrawVerification"]
    assert check["verified"] is False and check["resultMatches"] is False


async def test_every_subject_gets_two_distinct_eligible_inspectors(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(15, trade))
    plan_id = await drawn_plan(client, admin, trade, count=15)
    directory = (await gql(client, INSPECTORS, token=admin))["inspectionInspectors"]
    eligible = {i["badgeNumber"] for i in directory if "食品安全" in i["enforcementFields"]}
    assert len(eligible) == FOOD_POOL
    tasks = await plan_tasks(client, admin, plan_id)
    assert len(tasks) == 15
    for task in tasks:
        badges = [i["badgeNumber"] for i in task["inspectors"]]
        assert len(badges) == len(set(badges)) == 2 and set(badges) <= eligible


async def test_declared_conflicts_are_never_drawn(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(4, trade))
    # every 食品安全 inspector but two declares a conflict with one subject
    rows = subject_rows(1, trade)
    await import_subjects(client, admin, rows)
    subject = (await gql(client, SUBJECT_IDS, {"q": rows[0]["code"]}, token=admin)
               )["inspectionSubjects"]["nodes"][0]
    directory = (await gql(client, INSPECTORS, token=admin))["inspectionInspectors"]
    food = [i for i in directory if "食品安全" in i["enforcementFields"]]
    conflicted = food[:FOOD_POOL - 2]
    for inspector in conflicted:
        result = await gql(client, CONFLICT, {"input": {
            "subjectId": subject["id"], "inspectorId": inspector["id"], "reason": "亲属关系"}},
            token=admin)
        assert result["inspectionConflictDeclare"]["errors"] == []
    plan_id = await drawn_plan(client, admin, trade, count=5)
    public = (await gql(client, PUBLICATION, {"id": plan_id}))["inspectionDrawPublication"]
    inputs = json.loads(public["inputs"])
    assert len([c for c in inputs["conflicts"] if c[1] == rows[0]["code"]]) == FOOD_POOL - 2
    for a in public["assignments"]:
        if a["subjectCreditCode"] == rows[0]["code"]:
            assert set(a["inspectorBadgeNumbers"]) == set(food_badge(food) - food_badge(
                conflicted))
            break
    else:
        raise AssertionError("every subject of the plan is drawn with count=5")


def food_badge(inspectors: list[dict]) -> set[str]:
    return {i["badgeNumber"] for i in inspectors}


async def test_conflict_declaration_is_idempotent(client):
    admin = await staff_token(client, "admin.xihu")
    inspector = await staff_token(client, "inspector.xihu.3")
    rows = subject_rows(1, industry())
    await import_subjects(client, admin, rows)
    subject = (await gql(client, SUBJECT_IDS, {"q": rows[0]["code"]}, token=admin)
               )["inspectionSubjects"]["nodes"][0]
    first = await gql(client, CONFLICT, {"input": {"subjectId": subject["id"],
                                                   "reason": "曾任该企业顾问"}}, token=inspector)
    again = await gql(client, CONFLICT, {"input": {"subjectId": subject["id"],
                                                   "reason": "另一个理由"}}, token=inspector)
    assert first == again
    assert first["inspectionConflictDeclare"]["conflict"]["inspector"]["badgeNumber"] == \
        "33010620003"


async def test_subjects_at_the_yearly_cap_are_excluded(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    capped = subject_rows(3, trade, count=2)
    await import_subjects(client, admin, capped + subject_rows(3, trade))
    plan_id = await drawn_plan(client, admin, trade, count=3, yearlyCap=2)
    public = (await gql(client, PUBLICATION, {"id": plan_id}))["inspectionDrawPublication"]
    excluded = {e["subjectCreditCode"]: e["reason"] for e in public["excluded"]}
    assert excluded == {r["code"]: "CAP_REACHED" for r in capped}
    drawn = {a["subjectCreditCode"] for a in public["assignments"]}
    assert not drawn & set(excluded)
    # the three drawn subjects now have one inspection each: a cap of 1 excludes them too
    plan = await create_plan(client, admin, trade, count=1, yearlyCap=1)
    refused = await plan_step(client, admin, "Commit", plan["id"])
    assert [e["code"] for e in refused["errors"]] == ["COUNT_EXCEEDS_ELIGIBLE"]


async def test_ratio_is_adjusted_by_credit_grade(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    rows = subject_rows(20, trade, credit="A") + subject_rows(20, trade, credit="D")
    await import_subjects(client, admin, rows)
    plan_id = await drawn_plan(client, admin, trade, baseRatio="0.1")
    public = (await gql(client, PUBLICATION, {"id": plan_id}))["inspectionDrawPublication"]
    grades = {r["code"]: r["credit"] for r in rows}
    drawn = [grades[a["subjectCreditCode"]] for a in public["assignments"]]
    assert drawn.count("A") == stratum_size(Decimal("0.1"), Decimal("0.5"), 20) == 1
    assert drawn.count("D") == stratum_size(Decimal("0.1"), Decimal("3"), 20) == 6


async def test_illegal_plan_steps_are_refused(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(3, trade))
    plan = await create_plan(client, admin, trade, count=1)
    assert plan["availableActions"] == ["COMMIT", "CANCEL"]
    for step in ("Draw", "Reveal"):
        refused = await plan_step(client, admin, step, plan["id"])
        assert [e["code"] for e in refused["errors"]] == ["INVALID_TRANSITION"]
    await plan_step(client, admin, "Commit", plan["id"])
    for step in ("Commit", "Reveal"):
        refused = await plan_step(client, admin, step, plan["id"])
        assert [e["code"] for e in refused["errors"]] == ["INVALID_TRANSITION"]
    await plan_step(client, admin, "Draw", plan["id"])
    for step in ("Commit", "Draw"):
        refused = await plan_step(client, admin, step, plan["id"])
        assert [e["code"] for e in refused["errors"]] == ["INVALID_TRANSITION"]
    cancel = await gql(client, """mutation($input: InspectionPlanCancelInput!) {
      inspectionPlanCancel(input: $input) { errors { code } } }""",
                       {"input": {"planId": plan["id"], "reason": "测试"}}, token=admin)
    assert [e["code"] for e in cancel["inspectionPlanCancel"]["errors"]] == [
        "INVALID_TRANSITION"]
    await plan_step(client, admin, "Reveal", plan["id"])
    refused = await plan_step(client, admin, "Reveal", plan["id"])
    assert [e["code"] for e in refused["errors"]] == ["INVALID_TRANSITION"]


async def test_cancelling_a_committed_plan_publishes_its_seed(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(3, trade))
    plan = await create_plan(client, admin, trade, count=1)
    await plan_step(client, admin, "Commit", plan["id"])
    await gql(client, """mutation($input: InspectionPlanCancelInput!) {
      inspectionPlanCancel(input: $input) { errors { code } } }""",
              {"input": {"planId": plan["id"], "reason": "计划调整"}}, token=admin)
    public = (await gql(client, PUBLICATION, {"id": plan["id"]}))["inspectionDrawPublication"]
    assert public["status"] == "CANCELLED" and public["assignments"] == []
    assert seed_commitment(bytes.fromhex(public["seed"])) == public["commitment"]
    check = (await gql(client, VERIFY, {"id": plan["id"]}))["inspectionDrawVerification"]
    # consistent: the commitment holds and nothing was drawn or assigned
    assert check["verified"] and check["commitmentMatches"] and check["inputsMatch"]
    assert "撤销" in check["message"]


async def test_invalid_plans_are_refused_with_the_field(client):
    admin = await staff_token(client, "admin.xihu")
    cases = [({"baseRatio": "0.1", "count": 3}, "RATIO_OR_COUNT_REQUIRED", "baseRatio"),
             ({"baseRatio": "1.5"}, "INVALID_RATIO", "baseRatio"),
             ({"count": 0}, "INVALID_COUNT", "count"),
             ({"yearlyCap": 0}, "INVALID_YEARLY_CAP", "yearlyCap"),
             ({"inspectorsPerSubject": 1}, "INVALID_INSPECTORS_PER_SUBJECT",
              "inspectorsPerSubject"),
             ({"gradeMultipliers": [{"grade": "A", "multiplier": "1"}]}, "INVALID_MULTIPLIER",
              "gradeMultipliers"),
             ({"regionCode": "330212"}, "REGION_OUT_OF_SCOPE", "regionCode"),
             ({"endDate": "2025-12-31"}, "INVALID_PERIOD", "endDate"),
             ({"itemIds": [PRICE_ITEM, "bm9wZTox"]}, "UNKNOWN_ITEM", "itemIds")]
    for overrides, code, field in cases:
        data = await gql(client, """mutation($input: InspectionPlanCreateInput!) {
          inspectionPlanCreate(input: $input) { plan { id } errors { code field } } }""",
            {"input": {"name": "无效计划", "regionCode": "330106", "itemIds": [FOOD_ITEM],
                       "startDate": "2026-01-05", "endDate": "2026-01-30", **overrides}},
            token=admin)
        payload = data["inspectionPlanCreate"]
        assert payload["plan"] is None
        assert payload["errors"] == [{"code": code, "field": ["input", field]}], overrides
