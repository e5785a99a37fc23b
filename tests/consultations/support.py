"""Helpers for the consultation tests: queries, citizens, staff, a matter of our own."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from models.catalogue.keywords import index_matters, name_pinyin
from models.catalogue.tables import (
    Implementation,
    ImplementationFee,
    ImplementationMaterial,
    Matter,
)
from models.regions.seed import department_id
from schema.node import to_global_id
from tests.accounts.support import make_staff, sms_sign_in
from tests.helpers import gql, staff_token

FIELDS = """id number kind status title content answerSource reply rating reopenCount
  dueOn dueStatus dueProvisional timeLimitDays handlingDays onTime escalatedAt closedAt
  senderName senderPhone availableActions
  department { id name } region { code } matter { id name basicCode }
  timeline { sequence action label fromStatus toStatus actorRole note
             department { name } fromDepartment { name } }"""

SUBMIT = f"""mutation($input: ConsultationSubmitInput!) {{
  consultationSubmit(input: $input) {{ queryCode consultation {{ {FIELDS} }}
    errors {{ code field message }} }} }}"""
REPLY = f"""mutation($input: ConsultationReplyInput!) {{
  consultationReply(input: $input) {{ consultation {{ {FIELDS} }}
    errors {{ code field message }} }} }}"""
EVALUATE = f"""mutation($input: ConsultationEvaluateInput!) {{
  consultationEvaluate(input: $input) {{ consultation {{ {FIELDS} }}
    errors {{ code field message }} }} }}"""
TRANSFER = f"""mutation($input: ConsultationTransferInput!) {{
  consultationTransfer(input: $input) {{ consultation {{ {FIELDS} }}
    errors {{ code field message }} }} }}"""
ASSIGN = f"""mutation($input: ConsultationAssignInput!) {{
  consultationAssign(input: $input) {{ consultation {{ {FIELDS} }}
    errors {{ code field message }} }} }}"""
CLOSE = f"""mutation($input: ConsultationCloseInput!) {{
  consultationClose(input: $input) {{ consultation {{ {FIELDS} }}
    errors {{ code field message }} }} }}"""
NODE = f"""query($id: ID!) {{ node(id: $id) {{ ... on Consultation {{ {FIELDS} }} }} }}"""
QUEUE = """query($filter: ConsultationQueueFilter, $first: Int, $after: String) {
  consultationQueue(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id number status kind dueOn dueStatus department { id } } } }"""
MINE = """query($first: Int) { myConsultations(first: $first) { totalCount
  nodes { id number status title } } }"""


def dept(region: str, kind: str) -> str:
    return to_global_id("Department", department_id(region, kind))


def key() -> str:
    return uuid.uuid4().hex


async def citizen(client: httpx.AsyncClient, app) -> str:
    """A fresh citizen signed in by SMS; returns the access token."""
    return (await sms_sign_in(client, app))["accessToken"]


async def staff(client: httpx.AsyncClient, roles: list[str], *, region: str = "330106",
                kind: str = "market") -> str:
    account = await make_staff(roles, region=region, kind=kind)
    return await staff_token(client, account.username)


async def submit(client: httpx.AsyncClient, token: str | None, **fields: Any) -> dict[str, Any]:
    values = {"clientKey": key(), "kind": "CONSULTATION", "regionCode": "330106", **fields}
    data = await gql(client, SUBMIT, {"input": values}, token=token)
    return data["consultationSubmit"]


async def submitted(client: httpx.AsyncClient, token: str | None, **fields: Any
                    ) -> dict[str, Any]:
    payload = await submit(client, token, **fields)
    assert payload["errors"] == [], payload["errors"]
    return payload["consultation"]


async def run(client: httpx.AsyncClient, query: str, name: str, token: str | None,
              **values: Any) -> dict[str, Any]:
    return (await gql(client, query, {"input": values}, token=token))[name]


async def make_matter(name: str, *, region: str = "330106", kind: str = "market",
                      fees: int = 0) -> Matter:
    """A published matter of our own with one implementation, indexed for search."""
    code = uuid.uuid4().hex[:12].upper()
    matter = await Matter.create(
        id=uuid.uuid4(), basic_code=code, name=name, name_pinyin=name_pinyin(name),
        matter_type="LICENSING", department_kind=kind, for_person=True, theme="测试",
        levels=["县级"], legal_basis="《测试条例》")
    implementation = await Implementation.create(
        id=uuid.uuid4(), code=f"T{code}{region}", version=1, status="PUBLISHED",
        matter=matter, region_id=region, department_id=department_id(region, kind),
        legal_limit=20, legal_limit_unit="WORKING_DAY", promised_limit=5,
        promised_limit_unit="WORKING_DAY", case_type="PROMISED", handling_form="BOTH",
        onsite_visits=0, service_scope="PROVINCE", address="西湖区政务服务中心3号窗口",
        office_hours="工作日 9:00-17:00", consult_phone="0571-12345")
    await ImplementationMaterial.create(
        id=uuid.uuid4(), implementation=implementation, position=0, name="营业执照", form="COPY")
    if fees:
        await ImplementationFee.create(id=uuid.uuid4(), implementation=implementation,
                                       position=0, name="工本费", amount_fen=fees)
    await index_matters([matter])
    return matter
