"""Inspector app, 简易程序: a fine decided, handed over and collected on the spot
(行政处罚法 Art. 51–52, 68) for the problem an inspection found.

| screen | operation |
|---|---|
| 同行执法人员确认 | ``authSignIn`` of the second officer (SIGN_IN; two officers, Art. 42) |
| 立案前线索 → 案件 | ``caseOpen(source: INSPECTION_FINDING)`` (CASE_OPEN) |
| 当场处罚决定 | ``caseDecideOnSpot`` (DECIDE_ON_SPOT) |
| 当场交付决定书 | ``caseServe(method: ON_SPOT)`` (SERVE) |
| 执行 | ``caseExecutionStart`` (EXECUTION_START) |
| 当场收缴（≤ ¥100） | ``caseCollectOnSpot`` (COLLECT_ON_SPOT) |
"""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from mock_clients.graphql_client import GraphQLClient, UnexpectedAnswer
from mock_clients.transcript import Transcript

FIELDS = ("caseOpen", "caseDecideOnSpot", "caseServe", "caseExecutionStart",
          "caseCollectOnSpot")
FINE_YUAN = "50"  # within the ¥100 that may be collected on the spot
ERRORS = "errors { code field message }"
CASE_FIELDS = """id number stage stageLabel procedure version availableActions
  party { name } decision { penalty { description } }
  documents { kind number title } payment { amountDue paidOn }"""
SIGN_IN = f"""mutation PartnerSignIn($input: AuthSignInInput!) {{ authSignIn(input: $input) {{
  viewer {{ id displayName badgeNumber }} {ERRORS} }} }}"""
CASE_OPEN = f"""mutation CaseOpen($input: CaseOpenInput!) {{ caseOpen(input: $input) {{
  created case {{ {CASE_FIELDS} }} {ERRORS} }} }}"""


def _move(name: str, input_type: str) -> str:
    return f"""mutation {name[0].upper()}{name[1:]}($input: {input_type}!) {{
  {name}(input: $input) {{ case {{ {CASE_FIELDS} }} {ERRORS} }} }}"""


DECIDE_ON_SPOT = _move("caseDecideOnSpot", "CaseDecideOnSpotInput")
SERVE = _move("caseServe", "CaseServeInput")
EXECUTION_START = _move("caseExecutionStart", "CaseExecutionStartInput")
COLLECT_ON_SPOT = _move("caseCollectOnSpot", "CaseCollectOnSpotInput")


async def _step(client: GraphQLClient, show: Transcript, document: str, case: dict[str, Any],
                **fields: Any) -> dict[str, Any]:
    """One move on the case, with its version and a key that makes a resend safe."""
    payload = await client.mutate(document, {"input": {
        "caseId": case["id"], "expectedVersion": case["version"],
        "idempotencyKey": f"hh-{uuid.uuid4().hex}", **fields}}, idempotent=True)
    moved = payload["case"]
    show.ok(f"{moved['stageLabel']}（版本 {moved['version']}）")
    return moved


async def on_the_spot(client: GraphQLClient, show: Transcript, task: dict[str, Any],
                      viewer: dict[str, Any], args: argparse.Namespace) -> None:
    show.screen("同行执法人员确认", "authSignIn（第二名执法人员）")
    async with GraphQLClient(args.server, log=show.retry) as partner_client:
        data = await partner_client.call(SIGN_IN, {"input": {
            "username": args.partner, "password": args.password}})
    partner = data["authSignIn"]
    if partner["errors"]:
        raise UnexpectedAnswer(f"同行执法人员确认失败：{partner['errors']}")
    show.ok(f"{viewer['displayName']}（{viewer['badgeNumber']}）与 "
            f"{partner['viewer']['displayName']}（{partner['viewer']['badgeNumber']}）两人执法")

    show.screen("检查发现 → 案件", "caseOpen")
    opened = await client.mutate(CASE_OPEN, {"input": {
        "clientCaseId": str(uuid.uuid4()), "source": "INSPECTION_FINDING",
        "sourceId": task["id"], "summary": "检查发现：食品经营场所卫生状况不符合要求",
        "legalBasis": "《中华人民共和国食品安全法》第一百二十六条",
        "officerIds": [viewer["id"], partner["viewer"]["id"]]}}, idempotent=True)
    case = opened["case"]
    show.ok(f"案件 {case['number']}，当事人 {case['party']['name']}，{case['stageLabel']}")
    show.check("DECIDE_ON_SPOT" in case["availableActions"], "应可当场作出处罚决定")

    show.screen("当场处罚决定（简易程序）", "caseDecideOnSpot")
    case = await _step(client, show, DECIDE_ON_SPOT, case,
                       penalty={"warning": True, "fine": FINE_YUAN}, partyHeard=True,
                       statement="当事人对事实无异议，表示立即整改")
    show.check(case["procedure"] == "SIMPLE", "应为简易程序")
    show.line(f"决定：{case['decision']['penalty']['description']}")
    show.screen("当场交付决定书", "caseServe")
    case = await _step(client, show, SERVE, case, method="ON_SPOT",
                       recipient=case["party"]["name"])
    for document in case["documents"]:
        show.line(f"文书：{document['title']} {document['number']}")
    show.screen("执行", "caseExecutionStart")
    case = await _step(client, show, EXECUTION_START, case)
    show.screen(f"当场收缴罚款 ¥{FINE_YUAN}", "caseCollectOnSpot")
    case = await _step(client, show, COLLECT_ON_SPOT, case, amount=FINE_YUAN,
                       receiptNumber=f"ZJ{uuid.uuid4().int % 10**10:010d}")
    show.check(case["payment"] and case["payment"]["paidOn"], "罚款应已收缴")
    show.ok(f"罚款已收缴（{case['payment']['paidOn']}），待负责人结案")
