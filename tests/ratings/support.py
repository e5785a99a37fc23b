"""Helpers for the 好差评 tests: a department of our own with its staff and matter,
concluded applications made through the applications API, documents and a clock."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from auth.viewer import Viewer
from models.accounts.tables import Account
from models.catalogue.tables import Implementation, ImplementationMaterial, Matter
from models.regions.seed import department_id
from models.regions.tables import Department
from schema.node import from_global_id, to_global_id
from schema.ratings.common import CLOCK_SERVICE
from tests.applications.support import (
    Citizen,
    Version,
    new_citizen,
    staff_id,
    step_ok,
    submitted,
)
from tests.helpers import gql, staff_token

__all__ = ["Citizen", "new_citizen", "staff_token"]

ERRORS = "errors { code field message }"
MY_RATING = """id level levelLabel tags comment channel counted caseStatus feedback
  followupLevel canAddFollowup followupClosesAt matterName applicationId"""
PUBLIC_RATING = "id level tags comment channel matterName reply followupLevel department { id }"
CASE = """id status statusLabel contactDue rectifyDue contactedAt fedBackAt closedAt closeReason
  appealDecision escalatedSteps overdue dueSoon availableActions applicationNumber
  alerts { step overdue dueSoon escalated } rating { id level }
  events { action fromStatus toStatus actorRole late note }"""

SUBMIT = f"""mutation($input: RatingSubmitInput!) {{
  ratingSubmit(input: $input) {{ rating {{ {MY_RATING} }} {ERRORS} }} }}"""
ON_SITE_ISSUE = f"""mutation($input: RatingOnSiteCodeIssueInput!) {{
  ratingOnSiteCodeIssue(input: $input) {{ onSiteCode {{ code expiresAt }} {ERRORS} }} }}"""
ON_SITE_SUBMIT = f"""mutation($input: RatingOnSiteSubmitInput!) {{
  ratingOnSiteSubmit(input: $input) {{ rating {{ {PUBLIC_RATING} }} {ERRORS} }} }}"""
FOLLOWUP_ADD = f"""mutation($input: RatingFollowupAddInput!) {{
  ratingFollowupAdd(input: $input) {{ rating {{ {MY_RATING} }} {ERRORS} }} }}"""
REPLY = f"""mutation($input: RatingReplyInput!) {{
  ratingReply(input: $input) {{ rating {{ {PUBLIC_RATING} }} {ERRORS} }} }}"""
CASES = f"""query($status: [RatingCaseStatus!], $attention: Boolean, $overdue: Boolean,
  $department: ID, $first: Int) {{
  ratingCases(status: $status, needsAttention: $attention, overdueOnly: $overdue,
    departmentId: $department, first: $first) {{ totalCount nodes {{ {CASE} }} }} }}"""
CASE_BY_ID = f"query($id: ID!) {{ ratingCase(id: $id) {{ {CASE} }} }}"
MY_RATINGS = f"{{ myRatings(first: 50) {{ totalCount nodes {{ {MY_RATING} }} }} }}"
STATS = """query($filter: RatingStatsFilter) { ratingStats(filter: $filter) {
  validRatings badRatings invalidatedRatings byLevel { level count } score satisfactionRate
  badRate concludedApplications ratedApplications activeRatingRate contactedBadRatings
  rectifiedBadRatings contactRate rectificationRate } }"""
RANKINGS = """query($by: RatingRankingUnit!, $region: String!) {
  ratingRankings(by: $by, regionCode: $region) {
    rank badRate validRatings region { code } department { id } } }"""
MATTER_RATINGS = f"""query($matter: ID!, $first: Int) {{
  matterRatings(matterId: $matter, first: $first) {{ totalCount nodes {{ {PUBLIC_RATING} }} }} }}"""

CASE_MUTATIONS = {
    "ratingCaseContact": "RatingCaseContactInput",
    "ratingCaseRectificationStart": "RatingCaseRectificationStartInput",
    "ratingCaseFeedback": "RatingCaseFeedbackInput",
    "ratingCaseAppeal": "RatingCaseAppealInput",
    "ratingCaseAppealDecide": "RatingCaseAppealDecideInput",
}


def case_mutation(name: str) -> str:
    return f"""mutation($input: {CASE_MUTATIONS[name]}!) {{
      {name}(input: $input) {{ case {{ {CASE} }} {ERRORS} }} }}"""


async def case_move(client: httpx.AsyncClient, token: str, name: str, case_id: str,
                    **fields: Any) -> dict[str, Any]:
    data = await gql(client, case_mutation(name), {"input": {"caseId": case_id, **fields}},
                     token=token)
    return data[name]


async def case_move_ok(client: httpx.AsyncClient, token: str, name: str, case_id: str,
                       **fields: Any) -> dict[str, Any]:
    payload = await case_move(client, token, name, case_id, **fields)
    assert payload["errors"] == [], (name, payload["errors"])
    return payload["case"]


def _code(n: int) -> str:
    return uuid.uuid4().hex.upper()[:n]


def key() -> str:
    return "rate-" + uuid.uuid4().hex


@dataclass
class Unit:
    """A department of our own (so no other test's ratings change its figures), its
    staff tokens and a matter it alone carries out."""

    department: Department
    department_gid: str
    version: Version
    matter_gid: str
    clerk: str
    approver: str
    head: str  # DEPT_ADMIN


async def _staff(app, department: Department, role: str) -> str:
    """A staff account of our own with a token minted for it: password sign-in is
    covered by the accounts tests and costs an Argon2 hash per account."""
    account = await Account.create(
        id=uuid.uuid4(), kind="STAFF", username=f"rt.{role.lower()}.{uuid.uuid4().hex[:8]}",
        display_name="评价测试", roles=[role], department=department)
    token, _jti, _exp = app.state.services["tokens"].issue_access(Viewer(
        kind="STAFF", account_id=str(account.id), roles=frozenset({role}),
        department_id=str(department.id), region_code=department.region_id))
    return token


# Seeded departments no other test or seed rates or concludes applications in: each
# unit takes the next one, so its figures are exactly what its test made. (Creating
# departments would change the department lists other tests count.)
_KINDS = ("ecology", "natural_resources", "education", "civil_affairs", "transport")
_COUNTIES = ("330108", "330109", "330110", "330111", "330112", "330113", "330114", "330102",
             "330105", "330106")
_POOL = iter([(county, kind) for kind in _KINDS for county in _COUNTIES])
_USED: set[tuple[str, str]] = set()


def _next_department(region: str | None) -> tuple[str, str]:
    if region is None:
        while (pair := next(_POOL)) in _USED:
            pass
    else:  # a region of its own (a policy override, a sweep): any unused kind there
        pair = next((region, k) for k in _KINDS if (region, k) not in _USED)
    _USED.add(pair)
    return pair


async def make_unit(client: httpx.AsyncClient, app, region: str | None = None) -> Unit:
    region, kind = _next_department(region)
    department = await Department.get(id=department_id(region, kind))
    suffix = uuid.uuid4().hex[:8]
    matter = await Matter.create(
        id=uuid.uuid4(), basic_code=_code(12), name=f"评价测试事项{suffix}",
        matter_type="LICENSING", department_kind=kind, for_person=True,
        for_legal_entity=True, theme="测试", levels=["县级"], legal_basis="《测试条例》")
    row = await Implementation.create(
        id=uuid.uuid4(), code=_code(30), version=1, status="PUBLISHED", matter=matter,
        region_id=region, department=department, legal_limit=20,
        legal_limit_unit="WORKING_DAY", promised_limit=5, promised_limit_unit="WORKING_DAY",
        case_type="PROMISED", handling_form="BOTH", onsite_visits=0, service_scope="LOCAL",
        published_at=datetime.now(UTC))
    material = await ImplementationMaterial.create(
        id=uuid.uuid4(), implementation=row, position=0, name="申请书", form="ELECTRONIC",
        required=True, deferrable=False)
    version = Version(to_global_id("MatterImplementation", row.id), str(row.id),
                      [{"id": str(material.id), "name": "申请书", "required": True,
                        "deferrable": False}], str(department.id))
    return Unit(department, to_global_id("Department", department.id), version,
                to_global_id("Matter", matter.id), await _staff(app, department, "CLERK"),
                await _staff(app, department, "APPROVER"),
                await _staff(app, department, "DEPT_ADMIN"))


async def open_application(client: httpx.AsyncClient, citizen: Citizen, unit: Unit
                           ) -> dict[str, Any]:
    """Submitted and accepted: still open (not yet 办结)."""
    application = await submitted(client, citizen, unit.version)
    sid = staff_id(application["id"])
    await step_ok(client, unit.clerk, "applicationPreReviewStart", sid)
    await step_ok(client, unit.clerk, "applicationAccept", sid)
    return application


async def concluded_application(client: httpx.AsyncClient, citizen: Citizen, unit: Unit
                                ) -> dict[str, Any]:
    """An application taken through the applications API to a decision (办结)."""
    application = await open_application(client, citizen, unit)
    sid = staff_id(application["id"])
    await step_ok(client, unit.approver, "applicationReviewStart", sid)
    await step_ok(client, unit.approver, "applicationApprove", sid)
    return application


async def rate(client: httpx.AsyncClient, citizen: Citizen, application_id: str, level: int,
               *, tags: list[str] | None = None, comment: str | None = None,
               idempotency_key: str | None = None) -> dict[str, Any]:
    data = await gql(client, SUBMIT, {"input": {
        "applicationId": application_id, "level": level, "tags": tags or [],
        "comment": comment, "idempotencyKey": idempotency_key or key()}}, token=citizen.token)
    return data["ratingSubmit"]


async def issue_code(client: httpx.AsyncClient, clerk: str, matter_gid: str | None = None
                     ) -> str:
    data = await gql(client, ON_SITE_ISSUE, {"input": {"matterId": matter_gid}}, token=clerk)
    payload = data["ratingOnSiteCodeIssue"]
    assert payload["errors"] == [], payload["errors"]
    return payload["onSiteCode"]["code"]


async def rate_on_site(client: httpx.AsyncClient, code: str, level: int, *,
                       tags: list[str] | None = None, comment: str | None = None,
                       token: str | None = None) -> dict[str, Any]:
    data = await gql(client, ON_SITE_SUBMIT, {"input": {
        "code": code, "level": level, "tags": tags or [], "comment": comment}}, token=token)
    return data["ratingOnSiteSubmit"]


def public_id(my_rating_gid: str) -> str:
    """The public Rating ID of the rating behind a MyRating ID."""
    decoded = from_global_id(my_rating_gid)
    assert decoded is not None and decoded[0] == "MyRating"
    return to_global_id("Rating", decoded[1])


async def find_case(client: httpx.AsyncClient, token: str, unit: Unit, rating_gid: str
                    ) -> dict[str, Any]:
    """The department's case for a rating (given its MyRating or Rating ID)."""
    wanted = public_id(rating_gid) if from_global_id(rating_gid)[0] == "MyRating" \
        else rating_gid  # type: ignore[index]
    data = await gql(client, CASES, {"department": unit.department_gid, "first": 100},
                     token=token)
    found = [n for n in data["ratingCases"]["nodes"] if n["rating"]["id"] == wanted]
    assert len(found) == 1, data
    return found[0]


@contextmanager
def rating_clock(app, when: datetime) -> Iterator[list[datetime]]:
    """Freeze the ratings clock at ``when``; assign ``holder[0]`` to move it."""
    holder = [when]
    services = app.state.services
    services[CLOCK_SERVICE] = lambda: holder[0]
    try:
        yield holder
    finally:
        services.pop(CLOCK_SERVICE, None)
