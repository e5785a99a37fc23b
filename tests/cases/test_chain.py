"""全过程记录: the hash chain detects an event altered, removed or cut off in the database."""

from __future__ import annotations

import uuid

from models.cases.tables import Case as CaseRow
from models.cases.tables import CaseEvent
from tests.cases.support import Desk, ok, verify
from tests.helpers import error_codes, gql, gql_raw, staff_token

ANCHOR = "mutation { caseAnchorCreate { anchor { root caseCount createdAt } errors { code } } }"
EVENTS = """query($id: ID!) { caseEvents(caseId: $id, first: 2) {
  totalCount edges { node { seq kind hash prevHash payload } } pageInfo { hasNextPage } } }"""


def _key(case: dict) -> uuid.UUID:
    from schema.node import from_global_id

    return uuid.UUID(from_global_id(case["id"])[1])


async def test_an_event_altered_in_the_database_fails_verification(client, clock):
    desk = await Desk(client).setup()
    case = await desk.notified("5000.00")
    assert (await verify(client, desk.head, case["id"]))["ok"] is True

    # someone edits the notified fine of event 5 (the notice) directly in the table
    event = await CaseEvent.get(case_id=_key(case), seq=5)
    payload = dict(event.payload)
    notice = payload["data"]["payload"]
    payload["data"] = {**payload["data"], "payload": {
        **notice, "penalty": {**notice["penalty"], "fine_fen": 1}}}
    await CaseEvent.filter(id=event.id).update(payload=payload)

    check = await verify(client, desk.head, case["id"])
    assert check["ok"] is False and check["firstBadIndex"] == 4
    assert check["eventCount"] == case["eventCount"]


async def test_a_truncated_chain_fails_against_the_last_anchor(client, clock):
    desk = await Desk(client).setup()
    case = await desk.to_review()
    sysadmin = await staff_token(client, "sysadmin")
    anchor = (await gql(client, ANCHOR, token=sysadmin))["caseAnchorCreate"]["anchor"]
    assert len(anchor["root"]) == 64 and anchor["caseCount"] >= 1
    check = await verify(client, desk.head, case["id"])
    assert check["ok"] is True and check["anchoredEventCount"] == case["eventCount"]

    # the last event vanishes: the case row still remembers the chain's length
    last = await CaseEvent.get(case_id=_key(case), seq=case["eventCount"])
    await CaseEvent.filter(id=last.id).delete()
    check = await verify(client, desk.head, case["id"])
    assert check["ok"] is False and check["firstBadIndex"] == case["eventCount"] - 1
    # and when the row is "fixed" to match, the rest still chains but misses the anchor
    await CaseRow.filter(id=_key(case)).update(event_count=case["eventCount"] - 1,
                                               chain_head=last.prev_hash)
    check = await verify(client, desk.head, case["id"])
    assert check["ok"] is False and check["firstBadIndex"] == case["eventCount"] - 1


async def test_the_event_log_pages_through_the_chain(client, clock):
    desk = await Desk(client).setup()
    case = await desk.to_review()
    page = (await gql(client, EVENTS, {"id": case["id"]}, token=desk.insp))["caseEvents"]
    assert page["totalCount"] == case["eventCount"] and page["pageInfo"]["hasNextPage"]
    first, second = (e["node"] for e in page["edges"])
    assert first["kind"] == "OPENED" and first["prevHash"] == "0" * 64
    assert second["prevHash"] == first["hash"] and second["kind"] == "FILE_CASE"


async def test_a_rewritten_previous_hash_column_is_noticed(client, clock):
    desk = await Desk(client).setup()
    case = await ok(client, desk.head, "caseFile", await desk.open())
    await CaseEvent.filter(case_id=_key(case), seq=2).update(prev_hash="f" * 64)
    check = await verify(client, desk.head, case["id"])
    assert check["ok"] is False and check["firstBadIndex"] == 1


async def test_only_the_system_administrator_anchors(client):
    head = await staff_token(client, "head.xihu")
    body = await gql_raw(client, ANCHOR, token=head)
    assert error_codes(body) == ["FORBIDDEN"]
    assert error_codes(await gql_raw(client, ANCHOR)) == ["UNAUTHENTICATED"]


async def test_events_record_who_acted_and_the_documents_issued(client, clock):
    desk = await Desk(client).setup()
    case = await ok(client, desk.head, "caseFile", await desk.open())
    event = await CaseEvent.get(case_id=_key(case), seq=2)
    assert event.payload["actor"]["role"] == "AGENCY_HEAD"
    document = event.payload["data"]["document"]
    assert document["kind"] == "FILING_APPROVAL"
    assert document["sha256"] == case["documents"][0]["sha256"]
