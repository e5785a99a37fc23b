"""Helpers for the catalogue tests: tokens of every kind, current versions, drafts."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from auth.passwords import hash_password
from auth.viewer import Viewer
from models.accounts.tables import Account
from models.catalogue import cache
from models.regions.seed import department_id
from tests.helpers import gql, gql_raw, staff_token

XIHU = "330106"  # 西湖区: the demo DEPT_ADMIN admin.xihu works for its 市场监管局

CURRENT = """query($code: String!, $region: String!) {
  matter(basicCode: $code) { id implementation(regionCode: $region) {
    id code version status promisedTimeLimit { value unit } } } }"""

IMPLEMENTATION_FIELDS = """id code version status name isCurrent availableActions
  legalTimeLimit { value unit } promisedTimeLimit { value unit label }
  caseType handlingForm onsiteVisits serviceScope crossProvinceModes
  materials { name form copies required deferrable } fees { name amountFen basis }
  department { name } region { code }"""

CREATE = f"""mutation($input: MatterImplementationCreateInput!) {{
  matterImplementationCreate(input: $input) {{
    implementation {{ {IMPLEMENTATION_FIELDS} }} errors {{ code field message }} }} }}"""
UPDATE = f"""mutation($input: MatterImplementationUpdateInput!) {{
  matterImplementationUpdate(input: $input) {{
    implementation {{ {IMPLEMENTATION_FIELDS} }} errors {{ code field message }} }} }}"""
PUBLISH = f"""mutation($input: MatterImplementationPublishInput!) {{
  matterImplementationPublish(input: $input) {{
    implementation {{ {IMPLEMENTATION_FIELDS} }} errors {{ code field message }} }} }}"""
RETIRE = f"""mutation($input: MatterImplementationRetireInput!) {{
  matterImplementationRetire(input: $input) {{
    implementation {{ {IMPLEMENTATION_FIELDS} }} errors {{ code field message }} }} }}"""


def mint(app, **viewer: Any) -> str:
    """An access token for a viewer that needs no account row (citizens, clients)."""
    token, _jti, _exp = app.state.services["tokens"].issue_access(Viewer(**viewer))
    return token


def citizen_token(app) -> str:
    return mint(app, kind="CITIZEN", account_id=str(uuid.uuid4()),
                roles=frozenset({"CITIZEN"}))


def client_token(app, *scopes: str) -> str:
    return mint(app, kind="CLIENT", client_id=f"test-{uuid.uuid4().hex[:8]}",
                scopes=frozenset(scopes))


async def make_staff_token(client: httpx.AsyncClient, roles: list[str], *,
                           region: str = XIHU, kind: str = "market") -> str:
    """A staff account of our own, signed in the ordinary way."""
    username = f"cat.{uuid.uuid4().hex[:10]}"
    await Account.create(id=uuid.uuid4(), kind="STAFF", username=username,
                         display_name="目录测试", password_hash=hash_password("Demo@2026"),
                         roles=roles, department_id=department_id(region, kind))
    return await staff_token(client, username)


async def admin_token(client: httpx.AsyncClient) -> str:
    return await staff_token(client, "admin.xihu")


async def current(client: httpx.AsyncClient, basic_code: str, region: str = XIHU,
                  token: str | None = None) -> dict[str, Any]:
    data = await gql(client, CURRENT, {"code": basic_code, "region": region}, token=token)
    return {"matter_id": data["matter"]["id"], **(data["matter"]["implementation"] or {})}


async def mutate(client: httpx.AsyncClient, document: str, input: dict[str, Any],
                 token: str) -> dict[str, Any]:
    """The payload of a catalogue mutation (top-level errors fail the test)."""
    data = await gql(client, document, {"input": input}, token=token)
    return next(iter(data.values()))


async def mutate_raw(client: httpx.AsyncClient, document: str, input: dict[str, Any],
                     token: str | None) -> dict[str, Any]:
    return await gql_raw(client, document, {"input": input}, token=token)


async def new_draft(client: httpx.AsyncClient, token: str, basic_code: str,
                    fields: dict[str, Any] | None = None, region: str = XIHU) -> dict[str, Any]:
    """A draft based on the current version of this entry (with ``fields`` changed)."""
    now = await current(client, basic_code, region, token)
    payload = await mutate(client, CREATE, {
        "idempotencyKey": uuid.uuid4().hex, "matterId": now["matter_id"],
        "basedOnId": now["id"], "fields": fields or {}}, token)
    assert payload["errors"] == [], payload["errors"]
    return payload["implementation"]


def full_fields(**overrides: Any) -> dict[str, Any]:
    """Every required field of a valid entry (a 承诺件 at a window)."""
    fields = {
        "legalTimeLimit": {"value": 20, "unit": "WORKING_DAY"},
        "promisedTimeLimit": {"value": 5, "unit": "WORKING_DAY"},
        "caseType": "PROMISED", "handlingForm": "BOTH", "onsiteVisits": 1,
        "serviceScope": "PROVINCE", "address": "西湖区政务服务中心二楼",
        "officeHours": "工作日 9:00-17:00",
        "consultPhone": "0571-12345", "complaintPhone": "12345",
        "materials": [{"name": "申请书", "form": "ORIGINAL"}],
    }
    fields.update(overrides)
    return fields


async def invalidate(app) -> None:
    """What any change to published data does: a new cache generation in Redis,
    announced to every process's local catalogue cache and response cache."""
    await cache.invalidate(app.state.redis)
    await app.state.services["events"].announce("public:catalogue", {"topic": "catalogue"})
