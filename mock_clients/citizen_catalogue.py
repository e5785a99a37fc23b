"""Citizen app, first half: host-platform ticket sign-in and the catalogue screens.

The catalogue screens are anonymous, cacheable queries, so the app sends them
as persisted queries over GET (hash only; the text once, on a miss).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx

from mock_clients.graphql_client import GraphQLClient, UnexpectedAnswer
from mock_clients.transcript import Transcript

ERRORS = "errors { code field message }"
TICKET_SIGN_IN = f"""mutation TicketSignIn($input: AuthTicketSignInInput!) {{
  authTicketSignIn(input: $input) {{ accessToken accountCreated
    viewer {{ displayName }} {ERRORS} }} }}"""
ME = """query Me { viewer { displayName realNameVerified phone idNumber
  enterprises { role enterprise { name } } } }"""
BROWSE = """query Browse($filter: MatterFilter, $first: Int) {
  matters(filter: $filter, first: $first) { totalCount
    nodes { name department { name } promisedTimeLimit { label } handlingFormLabel
      onsiteVisits } } }"""
SEARCH = """query Search($q: String!, $region: String, $first: Int) {
  searchMatters(query: $q, regionCode: $region, first: $first) {
    totalCount nodes { id name basicCode } } }"""
MATTER = """query MatterDetail($code: String!, $region: String!) {
  matter(basicCode: $code) { name typeLabel legalBasis
    implementation(regionCode: $region) { id code name isFree
      department { name } legalTimeLimit { label } promisedTimeLimit { label }
      caseTypeLabel serviceScopeLabel crossProvinceModes location { address officeHours }
      materials { name formLabel required deferrable } fees { name amountYuan } } } }"""

# ISO 7064 MOD 11-2 (GB 11643-1999): the weights and the check characters.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


@dataclass(frozen=True)
class Person:
    """Who signs in to the host platform (a new person per run unless given)."""

    name: str
    id_number: str
    phone: str

    @classmethod
    def invent(cls, rng: random.Random) -> Person:
        born = date(1970, 1, 1) + timedelta(days=rng.randrange(40 * 365))
        first17 = f"330106{born:%Y%m%d}{rng.randrange(1000):03d}"
        check = _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]
        phone = f"139{rng.randrange(10**8):08d}"
        return cls(rng.choice(["赵", "钱", "孙", "周", "吴", "郑"]) + rng.choice(
            ["小明", "晓燕", "建华", "丽娟", "志强"]), first17 + check, phone)


async def sign_in(client: GraphQLClient, show: Transcript, idp: str, person: Person) -> None:
    show.screen("浙里办票据登录", "authTicketSignIn")
    async with httpx.AsyncClient(timeout=10) as http:
        issued = await http.post(f"{idp}/api/v1/tickets", json={
            "idNumber": person.id_number, "name": person.name, "phone": person.phone})
    if issued.status_code != 201:
        raise UnexpectedAnswer(f"身份认证服务未发放票据：HTTP {issued.status_code}")
    show.line(f"宿主平台已认证 {person.name}，发放一次性票据"
              f"（{issued.json()['expiresIn']} 秒有效）")
    payload = await client.mutate(TICKET_SIGN_IN, {"input": {"ticket": issued.json()["ticket"]}})
    client.token = payload["accessToken"]
    show.ok(f"{payload['viewer']['displayName']} 已登录"
            f"{'（首次登录，已建账户）' if payload['accountCreated'] else ''}")

    show.screen("我的", "viewer")
    viewer = (await client.call(ME))["viewer"]
    show.check(viewer and viewer["realNameVerified"], "票据登录后应为实名用户")
    show.check(viewer["idNumber"] == person.id_number, "本人应看到完整身份证号")
    show.line(f"{viewer['displayName']} · 实名已认证 · 手机 {viewer['phone']}")


def _via(client: GraphQLClient) -> str:
    last = client.last
    if last is None:
        return ""
    return ("GET 持久化查询命中" if last.via == "GET"
            else "GET 未命中 → POST 登记查询文本（下次只发哈希）")


async def browse(client: GraphQLClient, show: Transcript, region: str) -> None:
    show.screen("办事指南·个人事项", "matters (persisted GET)")
    data = await client.persisted(BROWSE, {"filter": {"regionCode": region, "audience": "PERSON"},
                                           "first": 5})
    page = data["matters"]
    show.check(page["totalCount"] > 0, f"{region} 没有面向个人的事项")
    show.line(f"本地共 {page['totalCount']} 项，前 5 项：（{_via(client)}）")
    for node in page["nodes"]:
        show.line(f"· {node['name']} — {node['department']['name']}，承诺 "
                  f"{node['promisedTimeLimit']['label']}，{node['handlingFormLabel']}，"
                  f"跑动 {node['onsiteVisits']} 次")


async def search(client: GraphQLClient, show: Transcript, query: str, expected: str,
                 region: str | None = None) -> dict[str, Any]:
    """Search as typed; ``expected`` must be among the results. Returns its node."""
    show.screen(f"搜索「{query}」", "searchMatters (persisted GET)")
    data = await client.persisted(SEARCH, {"q": query, "region": region, "first": 10})
    nodes = data["searchMatters"]["nodes"]
    show.line(f"{data['searchMatters']['totalCount']} 项（{_via(client)}）："
              + "、".join(n["name"] for n in nodes[:5]))
    found = [n for n in nodes if n["name"] == expected]
    show.check(found, f"搜索「{query}」没有找到「{expected}」")
    show.ok(f"找到「{expected}」")
    return found[0]


async def matter_detail(client: GraphQLClient, show: Transcript, basic_code: str,
                        region: str) -> dict[str, Any]:
    show.screen("事项详情（办事指南）", "matter (persisted GET)")
    matter = (await client.persisted(MATTER, {"code": basic_code, "region": region}))["matter"]
    show.check(matter and matter["implementation"], f"{region} 不实施事项 {basic_code}")
    entry = matter["implementation"]
    show.line(f"{matter['name']}（{matter['typeLabel']}）· {entry['department']['name']}")
    show.line(f"法定 {entry['legalTimeLimit']['label']}，承诺 {entry['promisedTimeLimit']['label']}"
              f"，{entry['caseTypeLabel']}，{entry['serviceScopeLabel']}"
              f"{'，免费' if entry['isFree'] else ''}")
    for m in entry["materials"]:
        flag = ("必需" if m["required"] else "非必需") + ("，可容缺" if m["deferrable"] else "")
        show.line(f"  材料：{m['name']}（{m['formLabel']}，{flag}）")
    return entry
