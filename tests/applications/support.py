"""Helpers for the 办件 tests: citizens, implementation versions of our own, uploads,
GraphQL documents and a movable clock."""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from models.catalogue.tables import Implementation, ImplementationMaterial, Matter
from models.regions.seed import department_id
from schema.applications.common import CLOCK_SERVICE
from schema.node import to_global_id
from tests.accounts.support import make_staff, sms_sign_in, unique_phone
from tests.api.test_uploads import upload
from tests.helpers import gql, gql_raw, staff_token

__all__ = ["gql", "gql_raw", "make_staff", "staff_token"]

APP_FIELDS = """id number status statusLabel matterName queryCode deemedAccepted
  receivedOn acceptedOn decidedOn availableActions deadlineFlag
  deadline { kind dueOn flag provisional pausedSince workingDaysLeftAtPause workingDaysLeft }
  crossProvince { mode handoverStep receivingRegionCode handlingRegionCode }
  materialChecklist { materialId name required deferrable supplied state }
  correctionItems
  timeline { action label toStatus actorRoleLabel side reason missingItems trackingNumber
             actor { id } documents { kind number } }
  documents { kind kindLabel number title body }"""
STAFF_FIELDS = """id number status side availableActions deadlineFlag
  deadline { kind dueOn flag pausedSince workingDaysLeftAtPause }
  applicant { displayName phone idNumber }
  timeline { action side reason actor { displayName } }
  documents { kind number }
  attachments { sha256 materialName }"""
ERRORS = "errors { code field message }"

DRAFT_CREATE = f"""mutation($input: ApplicationDraftCreateInput!) {{
  applicationDraftCreate(input: $input) {{ application {{ {APP_FIELDS} }} {ERRORS} }} }}"""
SUBMIT = f"""mutation($input: ApplicationSubmitInput!) {{
  applicationSubmit(input: $input) {{ application {{ {APP_FIELDS} }} {ERRORS} }} }}"""
ATTACH = f"""mutation($input: ApplicationMaterialsAttachInput!) {{
  applicationMaterialsAttach(input: $input) {{ application {{ {APP_FIELDS} }} {ERRORS} }} }}"""
WITHDRAW = f"""mutation($input: ApplicationWithdrawInput!) {{
  applicationWithdraw(input: $input) {{ application {{ id status }} {ERRORS} }} }}"""
CORRECTION_SUBMIT = f"""mutation($input: ApplicationCorrectionSubmitInput!) {{
  applicationCorrectionSubmit(input: $input) {{ application {{ {APP_FIELDS} }} {ERRORS} }} }}"""
APPLICATION = f"query($id: ID!) {{ application(id: $id) {{ {APP_FIELDS} }} }}"
STAFF_APPLICATION = f"query($id: ID!) {{ staffApplication(id: $id) {{ {STAFF_FIELDS} }} }}"
QUEUE = f"""query($side: ApplicationSide, $number: String, $first: Int, $department: ID) {{
  applicationQueue(side: $side, number: $number, first: $first, departmentId: $department) {{
    totalCount nodes {{ {STAFF_FIELDS} }} }} }}"""
MY_APPLICATIONS = """query($first: Int) { myApplications(first: $first) {
  totalCount nodes { id number status } } }"""

# staff mutation name -> its input type
STAFF_INPUTS = {
    "applicationPreReviewStart": "ApplicationStepInput",
    "applicationAccept": "ApplicationStepInput",
    "applicationReject": "ApplicationReasonInput",
    "applicationCorrectionRequest": "ApplicationCorrectionRequestInput",
    "applicationReviewStart": "ApplicationStepInput",
    "applicationSpecialProcedureStart": "ApplicationSpecialProcedureStartInput",
    "applicationSpecialProcedureEnd": "ApplicationStepInput",
    "applicationApprove": "ApplicationApproveInput",
    "applicationDeny": "ApplicationReasonInput",
    "applicationSuspend": "ApplicationReasonInput",
    "applicationResume": "ApplicationStepInput",
    "applicationDeliver": "ApplicationDeliverInput",
    "applicationFormalCheckPass": "ApplicationFormalCheckPassInput",
    "applicationForward": "ApplicationForwardInput",
    "applicationForwardedReceive": "ApplicationStepInput",
}


def staff_mutation(name: str) -> str:
    return f"""mutation($input: {STAFF_INPUTS[name]}!) {{ {name}(input: $input) {{
      application {{ {STAFF_FIELDS} }} event {{ action label documents {{ kind }} }}
      documents {{ kind number title body }} {ERRORS} }} }}"""


async def step(client: httpx.AsyncClient, token: str, name: str, application_id: str,
               **fields: Any) -> dict[str, Any]:
    """Run one staff move; returns its payload (errors included)."""
    data = await gql(client, staff_mutation(name),
                     {"input": {"applicationId": application_id, **fields}}, token=token)
    return data[name]


async def step_ok(client: httpx.AsyncClient, token: str, name: str, application_id: str,
                  **fields: Any) -> dict[str, Any]:
    payload = await step(client, token, name, application_id, **fields)
    assert payload["errors"] == [], (name, payload["errors"])
    return payload


def staff_id(application_id: str) -> str:
    """The StaffApplication ID of the same 办件 (citizen and staff views have their own)."""
    from schema.node import from_global_id

    decoded = from_global_id(application_id)
    assert decoded is not None
    return to_global_id("StaffApplication", decoded[1])


@dataclass
class Citizen:
    token: str
    phone: str
    account_id: str


async def new_citizen(client: httpx.AsyncClient, app) -> Citizen:
    """A fresh citizen signed in by SMS: their applications are theirs alone."""
    payload = await sms_sign_in(client, app, unique_phone())
    from schema.node import from_global_id

    decoded = from_global_id(payload["viewer"]["id"])
    assert decoded is not None
    return Citizen(payload["accessToken"], payload["phone"], decoded[1])


def key() -> str:
    return "k-" + uuid.uuid4().hex


@dataclass
class Version:
    id: str  # global ID
    row_id: str
    materials: list[dict[str, Any]]  # {"id", "name", "required", "deferrable"}
    department_id: str


def _code(n: int) -> str:
    return "".join(random.choices(string.ascii_uppercase + string.digits, k=n))


async def make_version(*, region: str = "330106", kind: str = "market", promised: int = 5,
                       legal: int = 20, cross: tuple[str, ...] = (),
                       materials: tuple[tuple[str, bool, bool], ...] = (
                           ("申请书", True, False), ("营业执照", True, False),
                           ("场所证明", True, True), ("委托书", False, False)),
                       matter_name: str | None = None) -> Version:
    """A published implementation version of our own (never a seeded one)."""
    matter = await Matter.create(
        id=uuid.uuid4(), basic_code=_code(12), name=matter_name or f"测试事项{_code(4)}",
        matter_type="LICENSING", department_kind=kind, for_person=True, for_legal_entity=True,
        theme="测试", levels=["县级"], legal_basis="《测试条例》")
    dept = department_id(region, kind)
    row = await Implementation.create(
        id=uuid.uuid4(), code=_code(30), version=1, status="PUBLISHED", matter=matter,
        region_id=region, department_id=dept, legal_limit=legal,
        legal_limit_unit="WORKING_DAY", promised_limit=promised,
        promised_limit_unit="WORKING_DAY", case_type="PROMISED", handling_form="BOTH",
        onsite_visits=0, service_scope="CROSS_PROVINCE" if cross else "LOCAL",
        cross_fully_online="FULLY_ONLINE" in cross, cross_proxy="PROXY" in cross,
        cross_multi_place="MULTI_PLACE" in cross, published_at=datetime.now(UTC))
    found = []
    for position, (name, required, deferrable) in enumerate(materials):
        m = await ImplementationMaterial.create(
            id=uuid.uuid4(), implementation=row, position=position, name=name, form="ELECTRONIC",
            required=required, deferrable=deferrable)
        found.append({"id": str(m.id), "name": name, "required": required,
                      "deferrable": deferrable})
    return Version(to_global_id("MatterImplementation", row.id), str(row.id), found, str(dept))


def pdf(text: str = "") -> bytes:
    return f"%PDF-1.4\n% {text or uuid.uuid4().hex}\n%%EOF\n".encode()


async def upload_pdf(client: httpx.AsyncClient, token: str, text: str = "") -> str:
    body = (await upload(client, token, pdf(text), name="m.pdf",
                         content_type="application/pdf")).json()
    payload = body["data"]["fileUpload"]
    assert payload["errors"] == [], payload
    return payload["file"]["sha256"]


async def materials_for(client: httpx.AsyncClient, token: str, version: Version, *,
                        skip_deferrable: bool = False) -> list[dict[str, str]]:
    """One uploaded PDF for every required material (容缺 ones too unless skipped)."""
    items = []
    for m in version.materials:
        if not m["required"] or (skip_deferrable and m["deferrable"]):
            continue
        items.append({"materialId": m["id"], "sha256": await upload_pdf(client, token),
                      "filename": f"{m['name']}.pdf"})
    return items


async def submitted(client: httpx.AsyncClient, citizen: Citizen, version: Version,
                    **draft: Any) -> dict[str, Any]:
    """A submitted application with every required material."""
    items = await materials_for(client, citizen.token, version)
    data = await gql(client, SUBMIT, {"input": {
        "draft": {"idempotencyKey": key(), "implementationId": version.id, **draft},
        "materials": items}}, token=citizen.token)
    payload = data["applicationSubmit"]
    assert payload["errors"] == [], payload["errors"]
    return payload["application"]


@contextmanager
def clock_at(app, when: datetime) -> Iterator[list[datetime]]:
    """Freeze the applications clock at ``when``; assign ``holder[0]`` to move it."""
    holder = [when]
    services = app.state.services
    services[CLOCK_SERVICE] = lambda: holder[0]
    try:
        yield holder
    finally:
        services.pop(CLOCK_SERVICE, None)


def beijing(year: int, month: int, day: int, hour: int = 10) -> datetime:
    """An instant on a Beijing day (10:00 local = 02:00 UTC)."""
    return datetime(year, month, day, hour - 8, tzinfo=UTC)
