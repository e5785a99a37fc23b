"""Optimistic locking and idempotent retries."""

from __future__ import annotations

import uuid

from tests.cases.support import OPEN, Desk, account_gid, credit_code, ok, run
from tests.helpers import gql

EVIDENCE = """mutation($input: CaseEvidenceAddInput!) { caseEvidenceAdd(input: $input) {
  case { version eventCount evidence { title } } errors { code field } } }"""


async def test_a_stale_edit_is_refused_with_the_current_version(client, clock):
    desk = await Desk(client).setup()
    case = await desk.open()
    first = await run(client, desk.head, "caseFile", case)
    assert first["errors"] == [] and first["case"]["version"] == case["version"] + 1
    # a second head, still looking at the old version, tries to drop the lead
    stale = await run(client, desk.head, "caseLeadDrop", case, reason="重复线索")
    assert stale["case"] is None
    assert stale["errors"] == [{"code": "CONFLICT", "field": ["input", "expectedVersion"],
                                "message": stale["errors"][0]["message"],
                                "currentVersion": first["case"]["version"]}]
    # refreshed, the same edit is judged on the current state
    again = await run(client, desk.head, "caseLeadDrop", first["case"], reason="重复线索")
    assert again["errors"][0]["code"] == "ILLEGAL_TRANSITION"


async def test_a_retried_action_with_the_same_key_is_applied_once(client, clock):
    desk = await Desk(client).setup()
    case = await desk.open()
    key = uuid.uuid4().hex
    first = await ok(client, desk.head, "caseFile", case, idempotencyKey=key)
    retry = await ok(client, desk.head, "caseFile", case, idempotencyKey=key)
    assert retry["version"] == first["version"] and retry["eventCount"] == first["eventCount"]
    reused = await run(client, desk.insp, "caseInvestigationStart", first, idempotencyKey=key)
    assert reused["errors"][0]["code"] == "IDEMPOTENCY_KEY_REUSED"


async def test_opening_and_evidence_are_idempotent_by_client_id(client, clock):
    desk = await Desk(client).setup()
    client_case_id = str(uuid.uuid4())
    variables = {"input": {"clientCaseId": client_case_id, "source": "ON_SITE",
                           "summary": "现场发现", "officerIds": [account_gid(desk.one.id),
                                                            account_gid(desk.two.id)],
                           "party": {"kind": "ORGANISATION", "name": "某公司",
                                     "creditCode": credit_code()}}}
    first = (await gql(client, OPEN, variables, token=desk.insp))["caseOpen"]
    retry = (await gql(client, OPEN, variables, token=desk.insp))["caseOpen"]
    assert first["created"] is True and retry["created"] is False
    assert retry["case"]["id"] == first["case"]["id"] and retry["case"]["number"] == (
        first["case"]["number"])

    evidence = {"caseId": first["case"]["id"], "evidenceId": str(uuid.uuid4()),
                "kind": "WITNESS", "title": "证人证言"}
    once = (await gql(client, EVIDENCE, {"input": evidence}, token=desk.insp))["caseEvidenceAdd"]
    twice = (await gql(client, EVIDENCE, {"input": evidence}, token=desk.insp))["caseEvidenceAdd"]
    assert once["errors"] == twice["errors"] == []
    assert twice["case"]["eventCount"] == once["case"]["eventCount"]
    assert [e["title"] for e in twice["case"]["evidence"]] == ["证人证言"]
    stale = {**evidence, "evidenceId": str(uuid.uuid4()), "expectedVersion": 1}
    refused = (await gql(client, EVIDENCE, {"input": stale}, token=desk.insp))["caseEvidenceAdd"]
    assert refused["errors"][0]["code"] == "CONFLICT"
    bad_file = {**evidence, "evidenceId": str(uuid.uuid4()), "fileSha256": "0" * 64}
    missing = (await gql(client, EVIDENCE, {"input": bad_file}, token=desk.insp))[
        "caseEvidenceAdd"]
    assert missing["errors"][0] == {"code": "FILE_NOT_FOUND", "field": ["input", "fileSha256"]}


async def test_two_simultaneous_edits_of_one_version_let_exactly_one_through(client, clock):
    import asyncio

    desk = await Desk(client).setup()
    case = await desk.open()
    results = await asyncio.gather(
        run(client, desk.head, "caseFile", case),
        run(client, desk.head, "caseLeadDrop", case, reason="重复线索"))
    codes = sorted(r["errors"][0]["code"] if r["errors"] else "OK" for r in results)
    assert codes == ["CONFLICT", "OK"]
    winner = next(r for r in results if not r["errors"])["case"]
    assert winner["version"] == case["version"] + 1 and winner["eventCount"] == 2
