"""Helpers for the inspection tests: unique subjects, plans, records and tokens."""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from auth.viewer import Viewer
from models.identity.rules import credit_code_check_char
from models.inspections.publication import LOCAL
from models.inspections.seed import item_id
from models.inspections.sync_rules import content_hash
from schema.node import to_global_id
from tests.helpers import gql

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
HEADER = ("统一社会信用代码,名称,法定代表人,联系电话,地址,行业,区划代码,风险等级,信用等级,"
          "本年度已检查次数")
FOOD_ITEM = to_global_id("InspectionItem", item_id("330106-SJ-001"))
DISCLOSURE_ITEM = to_global_id("InspectionItem", item_id("330106-SJ-003"))
PRICE_ITEM = to_global_id("InspectionItem", item_id("330106-SJ-005"))  # has no form
# 西湖区 market inspectors holding 食品安全 (the seed's pool for FOOD_ITEM)
FOOD_POOL = 6


def today() -> date:
    return datetime.now(UTC).astimezone(LOCAL).date()


def credit_code(region: str = "330106") -> str:
    body = "91" + region + "".join(random.choice(CHARSET) for _ in range(9))
    return body + credit_code_check_char(body)


def industry() -> str:
    """A unique industry: plans filtered by it draw only this test's subjects."""
    return f"测试行业{uuid.uuid4().hex[:8]}"


def csv_rows(rows: list[dict[str, Any]]) -> str:
    lines = [HEADER]
    for r in rows:
        lines.append(",".join(str(r.get(k, "")) for k in (
            "code", "name", "rep", "phone", "address", "industry", "region", "risk", "credit",
            "count")))
    return "\n".join(lines) + "\n"


def subject_rows(n: int, trade: str, *, region: str = "330106", credit: str = "B",
                 count: int = 0) -> list[dict[str, Any]]:
    return [{"code": credit_code(region), "name": f"测试企业{i}有限公司", "rep": "张三",
             "phone": "13800138000", "address": "杭州市西湖区测试路1号", "industry": trade,
             "region": region, "risk": "LOW", "credit": credit, "count": count}
            for i in range(n)]


IMPORT = """mutation($input: InspectionSubjectsImportInput!) {
  inspectionSubjectsImport(input: $input) { valid stored created updated
    rows { line creditCode valid errors { code field message } }
    errors { code field message } } }"""

PLAN_FIELDS = """id name status commitment inputsDigest committedAt drawnAt revealedAt
  availableActions"""
PLAN_CREATE = f"""mutation($input: InspectionPlanCreateInput!) {{
  inspectionPlanCreate(input: $input) {{ plan {{ {PLAN_FIELDS} }} errors {{ code field message }} }}
}}"""
PLAN_STEP = """mutation($input: InspectionPlanActionInput!) {
  inspectionPlan%s(input: $input) { plan { %s } errors { code field message } } }"""
PUBLICATION = """query($id: ID!) { inspectionDrawPublication(planId: $id) {
  planId status algorithm commitment inputs inputsDigest seed
  assignments { position subjectCreditCode subjectName inspectorBadgeNumbers
    inspectors { maskedName badgeNumber } }
  excluded { subjectCreditCode reason } items { code legalBasis } } }"""
VERIFY = """query($id: ID!) { inspectionDrawVerification(planId: $id) {
  verified seedRevealed commitmentMatches inputsMatch resultMatches tasksMatch message } }"""
TASKS = """query($id: ID!, $first: Int) { inspectionTasks(planId: $id, first: $first) {
  totalCount nodes { id status actionCode subject { creditCode name }
    inspectors { id badgeNumber displayName } } } }"""


async def import_subjects(client: httpx.AsyncClient, token: str,
                          rows: list[dict[str, Any]]) -> dict[str, Any]:
    data = await gql(client, IMPORT, {"input": {"csv": csv_rows(rows)}}, token=token)
    payload = data["inspectionSubjectsImport"]
    assert payload["stored"], payload
    return payload


async def plan_step(client: httpx.AsyncClient, token: str, step: str,
                    plan_id: str) -> dict[str, Any]:
    data = await gql(client, PLAN_STEP % (step, PLAN_FIELDS), {"input": {"planId": plan_id}},
                     token=token)
    return data[f"inspectionPlan{step}"]


async def create_plan(client: httpx.AsyncClient, token: str, trade: str, **overrides: Any
                      ) -> dict[str, Any]:
    start = overrides.pop("start", today())
    variables = {"name": f"测试计划{uuid.uuid4().hex[:6]}", "regionCode": "330106",
                 "itemIds": [FOOD_ITEM], "startDate": start.isoformat(),
                 "endDate": overrides.pop("end", start).isoformat(), "industries": [trade],
                 **overrides}
    data = await gql(client, PLAN_CREATE, {"input": variables}, token=token)
    payload = data["inspectionPlanCreate"]
    assert payload["errors"] == [], payload["errors"]
    return payload["plan"]


async def drawn_plan(client: httpx.AsyncClient, token: str, trade: str, *,
                     reveal: bool = True, **overrides: Any) -> str:
    """A plan taken through commit and draw (and reveal); returns its id."""
    plan = await create_plan(client, token, trade, **overrides)
    for step in ("Commit", "Draw", *(("Reveal",) if reveal else ())):
        payload = await plan_step(client, token, step, plan["id"])
        assert payload["errors"] == [], (step, payload["errors"])
    return plan["id"]


async def plan_tasks(client: httpx.AsyncClient, token: str, plan_id: str) -> list[dict]:
    data = await gql(client, TASKS, {"id": plan_id, "first": 100}, token=token)
    return data["inspectionTasks"]["nodes"]


def token_for(app, viewer: Viewer) -> str:
    return app.state.services["tokens"].issue_access(viewer)[0]


def citizen_token(app) -> str:
    return token_for(app, Viewer(kind="CITIZEN", account_id=str(uuid.uuid4()),
                                 roles=frozenset({"CITIZEN"})))


def sha(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def moment(minutes_ago: int = 30) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat()


def food_answers(photo: str) -> dict[str, Any]:
    """Complete answers for the seeded food form, version 2."""
    return {"license_displayed": True, "health_certificates": True, "hygiene": "良好",
            "cold_storage_temperature": "4.5", "site_photos": [photo]}


def record_payload(task_id: str, template_id: str, *, finished: bool = True,
                   answers: dict[str, Any] | None = None, result: str = "NO_PROBLEM",
                   case_lead: bool = False, label: str = "") -> dict[str, Any]:
    photo, signature = sha(f"photo{task_id}{label}"), sha(f"signature{task_id}{label}")
    payload: dict[str, Any] = {
        "taskId": task_id, "startedAt": moment(60),
        "forms": [{"templateId": template_id,
                   "answers": food_answers(photo) if answers is None else answers}],
        "evidence": [
            {"sha256": photo, "kind": "PHOTO", "latitude": "30.2741", "longitude": "120.1551",
             "capturedAt": moment(50)},
            {"sha256": signature, "kind": "SIGNATURE", "capturedAt": moment(40)}],
        "finish": None}
    if finished:
        payload["finish"] = {"finishedAt": moment(30), "result": result, "summary": label,
                             "caseLeadRequested": case_lead, "signature": signature}
    return payload


def record_input(payload: dict[str, Any], client_id: str | None = None,
                 base_version: int | None = None) -> dict[str, Any]:
    return {"clientId": client_id or str(uuid.uuid4()), "baseVersion": base_version,
            "contentHash": content_hash(payload), "payload": payload}


SYNC = """mutation($input: InspectionRecordsSyncInput!) {
  inspectionRecordsSync(input: $input) {
    results { clientId outcome version reason message errors { code field message }
      serverRecord { clientId version contentHash payload } }
    errors { code message } } }"""


async def sync(client: httpx.AsyncClient, token: str, records: list[dict[str, Any]]
               ) -> list[dict[str, Any]]:
    data = await gql(client, SYNC, {"input": {"records": records}}, token=token)
    return data["inspectionRecordsSync"]["results"]


async def current_food_form(client: httpx.AsyncClient) -> str:
    data = await gql(client, "query($id: ID!) { node(id: $id) { ... on InspectionItem {"
                     " currentForm { id version } } } }", {"id": FOOD_ITEM})
    return data["node"]["currentForm"]["id"]
