"""The whole general procedure through the API: complaint → case → hearing → legal
review → decision → service → payment → closed, with the chain verified at the end."""

from __future__ import annotations

from datetime import timedelta

from models.accounts.seed import account_id
from tests.api.test_uploads import png, upload
from tests.cases.support import (
    account_gid,
    credit_code,
    enterprise_party,
    gql,
    ok,
    open_case,
    payment_platform,
    read,
    refused,
    run,
    team,
    verify,
)
from tests.helpers import staff_token

FINE = "150000.00"  # in the hearing range for an organisation (≥ ¥100,000)
PUBLIC = """query($code: String!) { penaltyPublications(creditCode: $code) {
  decisionNumber partyName creditCode content } }"""
PARTY_CASES = "{ partyCases { id number stage availableActions documents { kind } } }"
EVIDENCE = """mutation($input: CaseEvidenceAddInput!) { caseEvidenceAdd(input: $input) {
  case { version evidence { kind title fileSha256 eventSeq } } errors { code field } } }"""


async def test_general_procedure_from_lead_to_closed_case_with_a_verified_chain(
        client, app, clock):
    (one, insp), (two, _) = await team(client)
    head = await staff_token(client, "head.xihu")
    legal = await staff_token(client, "legal.xihu")
    code = credit_code()
    party = await enterprise_party(client, app, code)

    case = await open_case(client, insp, [one, two],
                           party={"kind": "ORGANISATION", "name": "测试食品有限公司",
                                  "creditCode": code})
    assert case["stage"] == "LEAD" and case["availableActions"] == ["DECIDE_ON_SPOT"]
    case = await ok(client, head, "caseFile", case)
    assert case["stage"] == "FILED" and case["documents"][0]["kind"] == "FILING_APPROVAL"
    assert [d["kind"] for d in case["deadlines"]] == ["DECISION"]
    case = await ok(client, insp, "caseInvestigationStart", case)

    # evidence: a photo through fileUpload, its hash recorded on the chain
    photo = (await upload(client, insp, png(b"expired"), purpose="EVIDENCE_PHOTO")
             ).json()["data"]["fileUpload"]["file"]
    added = (await gql(client, EVIDENCE, {"input": {
        "caseId": case["id"], "kind": "AUDIO_VISUAL", "title": "过期食品照片",
        "fileSha256": photo["sha256"]}}, token=insp))["caseEvidenceAdd"]
    assert added["errors"] == [] and added["case"]["evidence"][0]["fileSha256"] == photo["sha256"]
    case = await read(client, insp, case["id"])

    case = await ok(client, insp, "caseReviewSubmit", case)
    case = await ok(client, legal, "caseReviewAssess", case, reasons=["MAJOR_PUBLIC_INTEREST"])
    clock.day += timedelta(days=1)
    case = await ok(client, insp, "caseNotify", case, penalty={"fine": FINE})
    assert case["notice"]["hearingOffered"] is True  # offered because the fine qualifies
    assert case["noticeState"] == "AWAITING_RESPONSE"

    # the party asks for a hearing within the 5-working-day window
    clock.day += timedelta(days=1)
    mine = (await gql(client, PARTY_CASES, token=party))["partyCases"]
    assert [c["id"] for c in mine] == [case["id"]]
    assert "REQUEST_HEARING" in mine[0]["availableActions"]
    assert {d["kind"] for d in mine[0]["documents"]} == {"NOTICE"}  # approval forms stay inside
    requested = await run(client, party, "caseHearingRequest", case)
    assert requested["errors"] == [] and requested["case"]["noticeState"] == "HEARING_REQUESTED"
    case = await read(client, head, case["id"])

    # notice 7 working days ahead, chaired by the legal office (not an investigator)
    hearing_on = clock.day + timedelta(days=14)
    case = await ok(client, head, "caseHearingSchedule", case, hearingOn=hearing_on.isoformat(),
                    chairId=account_gid(account_id("legal.xihu")))
    clock.day = hearing_on
    case = await ok(client, legal, "caseHearingHold", case, record="当事人对事实无异议")

    # after a hearing the decision waits for 法制审核 on the hearing record
    decide = {"outcome": "PENALTY", "penalty": {"fine": FINE}, "reasons": "事实清楚"}
    assert await refused(client, head, "caseDecide", case, **decide) == "LEGAL_REVIEW_REQUIRED"
    case = await ok(client, legal, "caseLegalReviewPass", case, opinion="同意")
    case = await ok(client, head, "caseDecide", case, **decide)
    assert case["stage"] == "DECIDED" and case["decision"]["penalty"]["fine"] == FINE
    assert "DECISION" in [d["kind"] for d in case["documents"]]

    clock.day += timedelta(days=1)
    case = await ok(client, insp, "caseServe", case, method="DIRECT", recipient="法定代表人")
    case = await ok(client, insp, "caseExecutionStart", case)
    assert case["payment"]["amountDue"] == FINE and case["payment"]["lateFee"] == "0.00"
    case = await ok(client, head, "casePublicationPublish", case)

    # the bank's receipt arrives from the payment platform, twice: recorded once
    bank = await payment_platform(client)
    receipt = {"caseId": case["id"], "amount": FINE, "paidOn": clock.day.isoformat(),
               "receiptNumber": f"R{case['version']}{case['id'][:6]}"}
    for _ in range(2):
        paid = (await gql(client, """mutation($input: CasePaymentRecordInput!) {
          casePaymentRecord(input: $input) { recorded version errors { code } } }""",
                          {"input": receipt}, token=bank))["casePaymentRecord"]
        assert paid["errors"] == [] and paid["recorded"] is True
    case = await read(client, head, case["id"])
    assert case["payment"]["paidOn"] == clock.day.isoformat()
    case = await ok(client, head, "caseClose", case)
    assert case["stage"] == "CLOSED" and case["availableActions"] == []

    check = await verify(client, head, case["id"])
    assert check == {"ok": True, "firstBadIndex": None, "head": case["chainHead"],
                     "eventCount": case["eventCount"], "anchoredEventCount": None}
    public = (await gql(client, PUBLIC, {"code": code}))["penaltyPublications"]
    assert len(public) == 1 and public[0]["decisionNumber"].endswith("号")
    assert {d["kind"] for d in case["deadlines"]} >= {"DECISION", "SERVICE", "PAYMENT",
                                                       "PUBLICATION"}
    assert all(d["status"] == "MET" for d in case["deadlines"])
