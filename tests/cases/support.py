"""Helpers for the case tests: a fixed clock, people in every role, and one-line case
actions through the public API."""

from __future__ import annotations

import random
import uuid
from datetime import date
from typing import Any

import httpx

from auth.passwords import hash_password
from models.accounts import clients
from models.accounts.seed import DEMO_PASSWORD
from models.accounts.tables import Account
from models.identity.rules import credit_code_check_char, resident_id_check_char
from models.regions.seed import department_id
from schema.node import to_global_id
from tests.helpers import gql, staff_token

XIHU = ("330106", "market")

CASE_FIELDS = """id number stage noticeState procedure version eventCount chainHead
  availableActions
  party { kind name creditCode idNumberMasked }
  notice { notifiedOn hearingOffered hearingRequestDeadline penalty { fine } }
  decision { decidedOn outcome penalty { fine description } revokedOn }
  deadlines { kind due status provisional metOn }
  payment { fine due lateFee amountDue paidOn }
  documents { kind number sha256 }
  officers { badgeNumber credentialed recused active }"""
ERRORS = "errors { code field message currentVersion }"
OPEN = f"""mutation($input: CaseOpenInput!) {{
  caseOpen(input: $input) {{ created case {{ {CASE_FIELDS} }} {ERRORS} }} }}"""
CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"
VERIFY = """query($id: ID!) { caseChainVerify(caseId: $id) {
  ok firstBadIndex head eventCount anchoredEventCount } }"""
PARTY_FIELDS = """id number stage noticeState version availableActions hearingRequestDeadline
  documents { kind number }"""

# mutation name -> its input type name
INPUTS = {
    "caseFile": "CaseFileInput", "caseLeadDrop": "CaseLeadDropInput",
    "caseDecideOnSpot": "CaseDecideOnSpotInput",
    "caseInvestigationStart": "CaseInvestigationStartInput",
    "caseExtensionApprove": "CaseExtensionApproveInput",
    "caseReviewSubmit": "CaseReviewSubmitInput",
    "caseLegalReviewPass": "CaseLegalReviewPassInput",
    "caseReturnForInvestigation": "CaseReturnForInvestigationInput",
    "caseNotify": "CaseNotifyInput", "caseHearingSchedule": "CaseHearingScheduleInput",
    "caseHearingHold": "CaseHearingHoldInput", "caseDecide": "CaseDecideInput",
    "caseServe": "CaseServeInput", "caseExecutionStart": "CaseExecutionStartInput",
    "caseCollectOnSpot": "CaseCollectOnSpotInput",
    "caseExecutionRecord": "CaseExecutionRecordInput", "caseClose": "CaseCloseInput",
    "caseArchive": "CaseArchiveInput", "caseOfficersAssign": "CaseOfficersAssignInput",
    "caseOfficerRecuse": "CaseOfficerRecuseInput", "caseReviewAssess": "CaseReviewAssessInput",
    "caseEvidenceAdd": "CaseEvidenceAddInput", "caseDecisionRevoke": "CaseDecisionRevokeInput",
    "casePublicationPublish": "CasePublicationPublishInput",
    "casePublicationWithdraw": "CasePublicationWithdrawInput",
}
PARTY_INPUTS = {
    "caseDefenceSubmit": "CaseDefenceSubmitInput", "caseDefenceWaive": "CaseDefenceWaiveInput",
    "caseHearingRequest": "CaseHearingRequestInput",
    "caseEServiceConsent": "CaseEServiceConsentInput",
    "caseRecusalRequest": "CaseRecusalRequestInput",
}


def credit_code() -> str:
    first17 = f"91330106MA2{random.randrange(10**6):06d}"
    return first17 + credit_code_check_char(first17)


def id_number() -> str:
    first17 = f"33010619900101{random.randrange(1000):03d}"
    return first17 + resident_id_check_char(first17)


def account_gid(account_id: object) -> str:
    return to_global_id("Account", account_id)


async def make_staff(roles: list[str], *, region: str = "330106", kind: str = "market",
                     **extra: Any) -> Account:
    """A staff account of our own (password Demo@2026)."""
    username = f"c.{'-'.join(r.lower() for r in roles)}.{uuid.uuid4().hex[:8]}"
    return await Account.create(
        id=uuid.uuid4(), kind="STAFF", username=username, display_name="测试人员",
        password_hash=hash_password(DEMO_PASSWORD), roles=roles,
        department_id=department_id(region, kind), **extra)


async def token_of(client: httpx.AsyncClient, account: Account) -> str:
    return await staff_token(client, account.username)


async def team(client: httpx.AsyncClient, n: int = 2) -> list[tuple[Account, str]]:
    """``n`` credentialed inspectors of 西湖区市场监管局 and their tokens."""
    out = []
    for _ in range(n):
        account = await make_staff(["INSPECTOR"], badge_number=f"3301{random.randrange(10**7)}")
        out.append((account, await token_of(client, account)))
    return out


async def open_case(client: httpx.AsyncClient, token: str, officers: list[Account], *,
                    party: dict[str, Any] | None = None, source: str = "COMPLAINT",
                    headers: dict | None = None, **extra: Any) -> dict[str, Any]:
    party = party or {"kind": "ORGANISATION", "name": "测试食品有限公司",
                      "creditCode": credit_code()}
    payload = (await gql(client, OPEN, {"input": {
        "source": source, "sourceId": f"TS-{uuid.uuid4().hex[:6]}", "summary": "销售过期食品",
        "legalBasis": "《食品安全法》第一百二十四条", "party": party,
        "officerIds": [account_gid(o.id) for o in officers], **extra}}, token=token,
        headers=headers))["caseOpen"]
    assert payload["errors"] == [], payload["errors"]
    return payload["case"]


async def run(client: httpx.AsyncClient, token: str, mutation: str, case: dict[str, Any],
              headers: dict | None = None, **fields: Any) -> dict[str, Any]:
    """One case mutation on ``case`` (its id and current version); returns the payload."""
    input_type = INPUTS.get(mutation) or PARTY_INPUTS[mutation]
    selection = PARTY_FIELDS if mutation in PARTY_INPUTS else CASE_FIELDS
    query = (f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ "
             f"case {{ {selection} }} {ERRORS} }} }}")
    variables = {"input": {"caseId": case["id"], "expectedVersion": case["version"], **fields}}
    return (await gql(client, query, variables, token=token, headers=headers))[mutation]


async def ok(client: httpx.AsyncClient, token: str, mutation: str, case: dict[str, Any],
             headers: dict | None = None, **fields: Any) -> dict[str, Any]:
    """Like ``run`` but the action must succeed; returns the case after it."""
    payload = await run(client, token, mutation, case, headers, **fields)
    assert payload["errors"] == [], (mutation, payload["errors"])
    return payload["case"]


async def refused(client: httpx.AsyncClient, token: str, mutation: str, case: dict[str, Any],
                  headers: dict | None = None, **fields: Any) -> str:
    """The action must be refused; returns the error code (the case is unchanged)."""
    payload = await run(client, token, mutation, case, headers, **fields)
    assert payload["case"] is None and payload["errors"], payload
    return payload["errors"][0]["code"]


async def read(client: httpx.AsyncClient, token: str, case_id: str) -> dict[str, Any] | None:
    return (await gql(client, CASE, {"id": case_id}, token=token))["case"]


async def verify(client: httpx.AsyncClient, token: str, case_id: str) -> dict[str, Any]:
    return (await gql(client, VERIFY, {"id": case_id}, token=token))["caseChainVerify"]


# --- parties and the payment platform --------------------------------------------

SMS_SEND = """mutation($input: AuthSmsCodeSendInput!) {
  authSmsCodeSend(input: $input) { errors { code } } }"""
SMS_SIGN_IN = """mutation($input: AuthSmsSignInInput!) {
  authSmsSignIn(input: $input) { accessToken refreshToken errors { code } } }"""
LINK = """mutation($input: EnterpriseLinkCreateInput!) {
  enterpriseLinkCreate(input: $input) { link { enterprise { id } } errors { code } } }"""
SWITCH = """mutation($input: AuthEnterpriseSwitchInput!) {
  authEnterpriseSwitch(input: $input) { accessToken errors { code } } }"""
GRANT = """mutation($input: AuthClientCredentialsGrantInput!) {
  authClientCredentialsGrant(input: $input) { accessToken errors { code } } }"""


def _phone() -> str:
    return f"1{random.choice('3456789')}{random.randrange(10**9):09d}"


async def citizen(client: httpx.AsyncClient, app, phone: str | None = None
                  ) -> tuple[str, dict[str, Any], str]:
    """A person signed in by SMS: (phone, session payload, access token)."""
    phone = phone or _phone()
    await gql(client, SMS_SEND, {"input": {"phone": phone}})
    code = app.state.services["sms"].last_code(phone)
    session = (await gql(client, SMS_SIGN_IN, {"input": {"phone": phone, "code": code}})
               )["authSmsSignIn"]
    assert session["errors"] == [], session
    return phone, session, session["accessToken"]


async def enterprise_party(client: httpx.AsyncClient, app, code: str) -> str:
    """A token of a legal representative acting for the enterprise ``code``."""
    phone, session, token = await citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    link = (await gql(client, LINK, {"input": {
        "creditCode": code, "enterpriseName": "测试食品有限公司", "phone": phone,
        "role": "LEGAL_REPRESENTATIVE"}}, token=clerk))["enterpriseLinkCreate"]
    assert link["errors"] == [], link
    switched = (await gql(client, SWITCH, {"input": {
        "refreshToken": session["refreshToken"], "enterpriseId": link["link"]["enterprise"]["id"]}},
        token=token))["authEnterpriseSwitch"]
    assert switched["errors"] == [], switched
    return switched["accessToken"]


async def payment_platform(client: httpx.AsyncClient) -> str:
    """A client-credentials token with the cases:payments scope."""
    row, secret = await clients.register("测试缴款平台", ["cases:payments"],
                                         hash_secret=hash_password,
                                         client_id=f"pay-{uuid.uuid4().hex[:10]}")
    grant = (await gql(client, GRANT, {"input": {"clientId": row.client_id,
                                                 "clientSecret": secret}}))
    payload = grant["authClientCredentialsGrant"]
    assert payload["errors"] == [], payload
    return payload["accessToken"]


def monday(year: int = 2026, month: int = 3, day: int = 2) -> date:
    d = date(year, month, day)
    assert d.weekday() == 0
    return d


class Desk:
    """One case team of 西湖区市场监管局: two inspectors of our own, the seeded legal
    reviewer and head. ``to_review`` and ``notified`` get a case to a stage quickly."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def setup(self) -> Desk:
        (self.one, self.insp), (self.two, self.insp2) = await team(self.client)
        self.head = await staff_token(self.client, "head.xihu")
        self.legal = await staff_token(self.client, "legal.xihu")
        return self

    async def open(self, **kw: Any) -> dict[str, Any]:
        return await open_case(self.client, self.insp, [self.one, self.two], **kw)

    async def to_review(self, **kw: Any) -> dict[str, Any]:
        case = await ok(self.client, self.head, "caseFile", await self.open(**kw))
        case = await ok(self.client, self.insp, "caseInvestigationStart", case)
        return await ok(self.client, self.insp, "caseReviewSubmit", case)

    async def notified(self, fine: str, **kw: Any) -> dict[str, Any]:
        case = await self.to_review(**kw)
        return await ok(self.client, self.insp, "caseNotify", case, penalty={"fine": fine})
