"""Routing, transfers between departments, dispatch of unrouted messages, holidays, escalation."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime

from models.consultations import service, submission
from models.consultations.drafts import Draft
from models.consultations.rules import Kind
from tests.consultations.support import (
    ASSIGN,
    NODE,
    QUEUE,
    TRANSFER,
    citizen,
    dept,
    run,
    staff,
    submitted,
)
from tests.helpers import gql, gql_raw, staff_token

ESCALATE = """mutation($input: ConsultationOverdueEscalateInput!) {
  consultationOverdueEscalate(input: $input) { escalated { id escalatedAt }
    errors { code field } } }"""
VIEWER_ID = "{ viewer { id } }"


async def test_a_transfer_moves_the_consultation_and_is_on_the_timeline(client, app):
    token = await citizen(client, app)
    made = await submitted(client, token, kind="HELP", content="我家小区电梯坏了一周没人修，求助。")
    assert made["department"]["id"] == dept("330106", "market")
    clerk = await staff(client, ["CLERK"])
    housing = await staff(client, ["CLERK"], kind="housing")

    missing = await run(client, TRANSFER, "consultationTransfer", clerk, id=made["id"],
                        departmentId=dept("330106", "housing"), reason=" ")
    assert missing["errors"][0]["code"] == "MISSING_INPUT"
    same = await run(client, TRANSFER, "consultationTransfer", clerk, id=made["id"],
                     departmentId=dept("330106", "market"), reason="重复")
    assert same["errors"][0]["code"] == "SAME_DEPARTMENT"

    moved = await run(client, TRANSFER, "consultationTransfer", clerk, id=made["id"],
                      departmentId=dept("330106", "housing"), reason="住宅电梯维修属物业管理")
    assert moved["errors"] == []
    event = moved["consultation"]["timeline"][-1]
    assert event["action"] == "TRANSFER" and event["note"] == "住宅电梯维修属物业管理"
    assert event["fromDepartment"]["name"] == "西湖区市场监督管理局"
    assert event["department"]["name"] == "西湖区住房和城乡建设局"
    # the first department no longer sees it; the new one does, and so does the sender
    assert (await gql(client, NODE, {"id": made["id"]}, token=clerk))["node"] is None
    assert (await gql(client, NODE, {"id": made["id"]}, token=housing))["node"]["status"] == \
        "ASSIGNED"
    timeline = (await gql(client, NODE, {"id": made["id"]}, token=token))["node"]["timeline"]
    assert [e["action"] for e in timeline] == ["SUBMIT", "ASSIGN", "TRANSFER"]


async def test_an_explicitly_chosen_department_takes_the_message(client, app):
    token = await citizen(client, app)
    made = await submitted(client, token, kind="SUGGESTION", regionCode=None,
                           departmentId=dept("330212", "hrss"),
                           content="建议社保窗口增加周末服务。")
    assert made["department"]["id"] == dept("330212", "hrss")
    assert made["region"]["code"] == "330212"


async def test_an_unroutable_message_waits_for_a_supervisor_to_assign_it(client, app):
    token = await citizen(client, app)
    made = await submitted(client, token, kind="SUGGESTION",
                           content="建议西湖景区游船码头增设遮阳棚和座椅。")
    assert made["status"] == "ACCEPTED" and made["department"] is None
    supervisor = await staff_token(client, "supervisor.hz")
    waiting = (await gql(client, QUEUE, {"filter": {"unassignedOnly": True}, "first": 100},
                         token=supervisor))["consultationQueue"]
    assert all(n["department"] is None for n in waiting["nodes"])
    clerk = await staff(client, ["CLERK"])
    refused = await gql_raw(client, ASSIGN, {"input": {
        "id": made["id"], "departmentId": dept("330106", "market")}}, token=clerk)
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assigned = await run(client, ASSIGN, "consultationAssign", supervisor, id=made["id"],
                         departmentId=dept("330106", "natural_resources"))
    assert assigned["errors"] == [] and assigned["consultation"]["status"] == "ASSIGNED"


async def test_a_complaint_filed_before_national_day_is_due_after_the_holiday(client, app):
    token = await citizen(client, app)
    account = (await gql(client, VIEWER_ID, token=token))["viewer"]["id"]
    from schema.node import from_global_id

    sender = submission.Sender(from_global_id(account)[1])
    draft = Draft(client_key=uuid.uuid4().hex, kind=Kind.COMPLAINT, region_code="330106",
                  content="国庆前在商场买的家电有质量问题，商家拒绝退货。")
    filed = datetime(2025, 9, 30, 3, 0, tzinfo=UTC)  # 11:00 in Beijing
    made = await submission.submit(sender, draft, now=filed, encrypt=str, decrypt=str,
                                   rng=random.Random(7))
    node = (await gql(client, NODE, {"id": _global(made.row.id)}, token=token))["node"]
    assert node["dueOn"] == "2025-10-14" and node["timeLimitDays"] == 5
    assert node["dueStatus"] == "OVERDUE" and not node["dueProvisional"]

    # the overdue sweep escalates it once and records it on the timeline
    changes = await service.escalate_overdue("330106", now=datetime(2025, 10, 15, 2, tzinfo=UTC))
    assert str(made.row.id) in [str(c.row.id) for c in changes]
    again = await service.escalate_overdue("330106", now=datetime(2025, 10, 16, 2, tzinfo=UTC))
    assert str(made.row.id) not in [str(c.row.id) for c in again]
    node = (await gql(client, NODE, {"id": _global(made.row.id)}, token=token))["node"]
    assert node["timeline"][-1]["action"] == "ESCALATE" and node["escalatedAt"]
    supervisor = await staff_token(client, "supervisor.hz")
    escalated = (await gql(client, QUEUE, {"filter": {"escalatedOnly": True}, "first": 100},
                           token=supervisor))["consultationQueue"]
    assert _global(made.row.id) in [n["id"] for n in escalated["nodes"]]


async def test_the_escalation_sweep_is_for_supervisors_within_their_region(client, app):
    supervisor = await staff_token(client, "supervisor.hz")
    ok = (await gql(client, ESCALATE, {"input": {"regionCode": "330106"}}, token=supervisor))
    assert ok["consultationOverdueEscalate"]["errors"] == []
    outside = (await gql(client, ESCALATE, {"input": {"regionCode": "330212"}},
                         token=supervisor))["consultationOverdueEscalate"]
    assert outside["errors"][0]["code"] == "REGION_NOT_FOUND"
    clerk = await staff(client, ["CLERK"])
    body = await gql_raw(client, ESCALATE, {"input": {}}, token=clerk)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def _global(key: object) -> str:
    from schema.node import to_global_id

    return to_global_id("Consultation", key)
