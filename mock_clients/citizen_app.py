"""Citizen app (浙里办-style): sign in with a host-platform ticket, find a matter, apply
with uploads, follow progress live while a clerk works it, answer a correction request,
rate the result, and file a cross-province application.

    python -m mock_clients.citizen_app --server http://127.0.0.1:8000 \\
        [--idp http://127.0.0.1:8001] [--clerk console|direct] [--require-all]

TICKET_SIGN_IN, ME, BROWSE, SEARCH and MATTER are in ``citizen_catalogue``.
Without ``--idp`` it uses the mock identity provider on the gateway's default
``IDP_URL`` (http://127.0.0.1:8001), starting one there if none answers. The
clerk's moves are made by the clerk console run as a separate program
(``--clerk console``, default) or in-process (``--clerk direct``).

| screen | operation |
|---|---|
| 浙里办票据登录 | IdP ``POST /api/v1/tickets``, then ``authTicketSignIn`` (TICKET_SIGN_IN) |
| 我的 | ``viewer`` (ME) |
| 办事指南·个人事项 | ``matters(filter:, first:)`` as a persisted GET (BROWSE) |
| 搜索（医保 / jzz / 个体户 / 社保） | ``searchMatters`` as a persisted GET (SEARCH) |
| 事项详情 | ``matter(basicCode:) { implementation(regionCode:) }`` as a persisted GET (MATTER) |
| 在线申请（草稿） | ``applicationDraftCreate`` (DRAFT_CREATE) |
| 上传材料 | ``fileUpload`` multipart, once per material |
| 提交申请（含重发） | ``applicationSubmit`` with the draft's idempotency key (SUBMIT) |
| 办件进度（实时） | subscription ``applicationUpdated(applicationId:)`` (APPLICATION_UPDATED) |
| 补正材料 | ``application`` (APPLICATION), ``applicationCorrectionSubmit`` (CORRECTION_SUBMIT) |
| 评价（好差评） | ``ratingLevels`` by GET (RATING_LEVELS), ``ratingSubmit`` (RATING_SUBMIT) |
| 跨省通办申请 | search, detail and apply again with ``crossProvince: {mode: FULLY_ONLINE}`` |
| 免登录进度查询 | ``applicationProgress(number:, queryCode:)`` anonymously (PROGRESS_LOOKUP) |
| 我的办件 | ``myApplications`` (MY_APPLICATIONS) |
"""

from __future__ import annotations

import argparse
import asyncio
import random
import uuid
from typing import Any

from mock_clients import citizen_catalogue as catalogue
from mock_clients.clerk_console import ClerkConsole
from mock_clients.graphql_client import GraphQLClient, Subscription, UnexpectedAnswer
from mock_clients.processes import identity_provider, run_program
from mock_clients.transcript import Transcript, common_arguments, exit_with

ERRORS = "errors { code field message }"
APP_FIELDS = """id number status statusLabel matterName queryCode availableActions
  deadline { kindLabel dueOn flagLabel } correctionItems
  crossProvince { modeLabel receivingRegionCode handlingRegionCode }
  materialChecklist { materialId name required deferrable state }"""
DRAFT_CREATE = f"""mutation DraftCreate($input: ApplicationDraftCreateInput!) {{
  applicationDraftCreate(input: $input) {{ application {{ {APP_FIELDS} }} {ERRORS} }} }}"""
SUBMIT = f"""mutation Submit($input: ApplicationSubmitInput!) {{
  applicationSubmit(input: $input) {{ application {{ {APP_FIELDS} }} {ERRORS} }} }}"""
APPLICATION_UPDATED = """subscription Progress($id: ID) { applicationUpdated(applicationId: $id) {
  action status occurredAt application { statusLabel } } }"""
APPLICATION = f"""query Application($id: ID!) {{ application(id: $id) {{ {APP_FIELDS}
  timeline {{ label occurredAt }} documents {{ kindLabel number title }} }} }}"""
CORRECTION_SUBMIT = f"""mutation CorrectionSubmit($input: ApplicationCorrectionSubmitInput!) {{
  applicationCorrectionSubmit(input: $input) {{ application {{ {APP_FIELDS} }} {ERRORS} }} }}"""
RATING_LEVELS = """query RatingLevels { ratingLevels(channel: ONLINE) { level label bad tags } }"""
RATING_SUBMIT = f"""mutation RatingSubmit($input: RatingSubmitInput!) {{
  ratingSubmit(input: $input) {{ rating {{ id level levelLabel tags counted }} {ERRORS} }} }}"""
PROGRESS_LOOKUP = """query ProgressLookup($number: String!, $code: String) {
  applicationProgress(number: $number, queryCode: $code) { number matterName departmentName
    statusLabel crossProvinceMode steps { label statusLabel } } }"""
MY_APPLICATIONS = """query MyApplications { myApplications(first: 10) {
  totalCount nodes { number matterName statusLabel } } }"""

HOME_REGION, CROSS_REGION, CLIENT_HOME = "330106", "330212", "310104"  # 西湖, 鄞州, 上海黄浦
SUBSCRIBE_SETTLE_SECONDS = 1.0  # graphql-transport-ws does not acknowledge a subscribe
CORRECTION = "申请人居民身份证（清晰扫描件，正反面）"


def pdf(label: str) -> bytes:
    return f"%PDF-1.4\n% {label} {uuid.uuid4().hex}\n%%EOF\n".encode()


class CitizenApp:
    def __init__(self, args: argparse.Namespace, show: Transcript, client: GraphQLClient) -> None:
        self.args, self.show, self.client = args, show, client

    # ---- applying -----------------------------------------------------------------------

    async def apply(self, entry: dict[str, Any], cross: dict[str, Any] | None = None
                    ) -> dict[str, Any]:
        show, key = self.show, f"citizen-{uuid.uuid4().hex}"
        draft_input = {"idempotencyKey": key, "implementationId": entry["id"],
                       **({"crossProvince": cross} if cross else {})}
        show.screen("在线申请（草稿）", "applicationDraftCreate")
        draft = (await self.client.mutate(DRAFT_CREATE, {"input": draft_input},
                                          idempotent=True))["application"]
        show.ok(f"草稿已保存：{draft['matterName']}（{draft['statusLabel']}）")
        needed = [m for m in draft["materialChecklist"] if m["required"]]

        show.screen("上传材料", f"fileUpload ×{len(needed)}")
        items = []
        for m in needed:
            stored = await self.client.upload(pdf(m["name"]), filename=f"{m['name']}.pdf",
                                              content_type="application/pdf",
                                              purpose="MATERIAL")
            items.append({"materialId": m["materialId"], "sha256": stored["sha256"],
                          "filename": f"{m['name']}.pdf"})
            show.line(f"· {m['name']} → {stored['sha256'][:12]}…（{stored['size']} 字节）")

        show.screen("提交申请", "applicationSubmit")
        submit = {"input": {"draft": draft_input, "materials": items}}
        application = (await self.client.mutate(SUBMIT, submit, idempotent=True))["application"]
        show.check(application["status"] == "SUBMITTED", f"提交后状态为 {application['status']}")
        show.ok(f"已提交，办件编号 {application['number']}，查询码 {application['queryCode']}")
        again = (await self.client.mutate(SUBMIT, submit, idempotent=True))["application"]
        show.check(again["number"] == application["number"], "重发提交产生了另一件办件")
        show.ok("模拟应答丢失后用同一幂等键重发：仍是同一办件，未重复建件")
        return application

    # ---- live progress -------------------------------------------------------------------

    async def clerk(self, number: str, steps: list[str], username: str,
                    approver: str | None = None) -> None:
        """The clerk's moves: the console as another program, or in-process."""
        prefix = "    │ 窗口 "
        if self.args.clerk == "direct":
            show = Transcript("窗口（直接调用）", prefix=prefix)
            show.served = self.show.served
            async with ClerkConsole(self.args.server, show) as console:
                await console.sign_in(username, approver)
                await console.work(number, steps)
            return
        args = ["--server", self.args.server, "--username", username, "--number", number]
        args += ["--approver", approver] if approver else []
        for step in steps:
            args += ["--do", step]
        await run_program("mock_clients.clerk_console", args, prefix)

    async def follow(self, updates: Subscription, expected: list[str],
                     clerk: asyncio.Task | None) -> None:
        """Print live updates until ``expected`` actions have arrived, in that order."""
        seen: list[str] = []
        while len(seen) < len(expected):
            waiting = asyncio.ensure_future(updates.next(30))
            racing = {waiting} | ({clerk} if clerk is not None and not clerk.done() else set())
            done, _ = await asyncio.wait(racing, return_when=asyncio.FIRST_COMPLETED)
            if clerk in done and waiting not in done:
                clerk.result()  # a failed clerk stops us here
                done, _ = await asyncio.wait({waiting}, timeout=30)
                if not done:
                    waiting.cancel()
                    raise UnexpectedAnswer(f"30 秒内没有收到推送（已收到 {seen}）")
            event = waiting.result()["applicationUpdated"]
            seen.append(event["action"])
            self.show.line(f"📱 推送 {event['occurredAt'][11:19]} {event['action']} → "
                           f"{event['application']['statusLabel']}")
        if clerk is not None:
            await clerk
        self.show.check(seen == expected, f"推送顺序为 {seen}，应为 {expected}")
        self.show.ok(f"实时收到 {len(seen)} 条进度推送")

    async def correct(self, application: dict[str, Any]) -> None:
        show = self.show
        show.screen("补正材料", "application → applicationCorrectionSubmit")
        mine = (await self.client.call(APPLICATION, {"id": application["id"]}))["application"]
        show.check(mine["status"] == "NEEDS_CORRECTION", f"应待补正，实为 {mine['status']}")
        show.line("一次性告知需补正：" + "；".join(mine["correctionItems"] or []))
        show.check("RESUBMIT" in mine["availableActions"], "应可补正后重新提交")
        wanted = [m for m in mine["materialChecklist"]
                  if any(m["name"] in item or item.startswith(m["name"][:4])
                         for item in mine["correctionItems"] or [])] or [
                  mine["materialChecklist"][0]]
        items = []
        for m in wanted:
            stored = await self.client.upload(pdf(f"补正 {m['name']}"), filename="补正.pdf",
                                              content_type="application/pdf",
                                              purpose="MATERIAL")
            items.append({"materialId": m["materialId"], "sha256": stored["sha256"],
                          "filename": f"{m['name']}（补正）.pdf"})
            show.line(f"· 重新上传 {m['name']}")
        payload = await self.client.mutate(CORRECTION_SUBMIT, {"input": {
            "applicationId": application["id"], "materials": items}})
        show.ok(f"补正后重新提交 → {payload['application']['statusLabel']}")

    async def journey(self, entry: dict[str, Any]) -> dict[str, Any] | None:
        """Apply, and follow the application live through correction to delivery."""
        show = self.show
        if not show.serves("在线申请", "applicationDraftCreate", "applicationSubmit",
                           "fileUpload"):
            return None
        application = await self.apply(entry)
        if not show.serves("办件进度（实时）", "applicationUpdated", "applicationQueue",
                           "applicationCorrectionSubmit"):
            return application
        number = application["number"]
        async with self.client.subscribe(APPLICATION_UPDATED, {"id": application["id"]}) as live:
            await asyncio.sleep(SUBSCRIBE_SETTLE_SECONDS)
            show.screen("办件进度（实时）", "subscription applicationUpdated")
            show.line("已订阅本办件的进度推送；窗口人员开始预审……")
            clerk = asyncio.ensure_future(self.clerk(
                number, ["pre-review", f"correct:{CORRECTION}"], "clerk.xihu"))
            await self.follow(live, ["START_PRE_REVIEW", "REQUEST_CORRECTION"], clerk)
            await self.correct(application)
            show.screen("办件进度（实时）", "subscription applicationUpdated")
            clerk = asyncio.ensure_future(self.clerk(
                number, ["pre-review", "accept", "review", "approve", "deliver:ONLINE"],
                "clerk.xihu", "approver.xihu"))
            await self.follow(live, ["RESUBMIT", "START_PRE_REVIEW", "ACCEPT", "START_REVIEW",
                                     "APPROVE", "DELIVER"], clerk)
        final = (await self.client.call(APPLICATION, {"id": application["id"]}))["application"]
        show.check(final["status"] == "DELIVERED", f"最终状态为 {final['status']}")
        for document in final["documents"]:
            show.line(f"文书：{document['kindLabel']} {document['number']}")
        return final

    async def rate(self, application: dict[str, Any]) -> None:
        show = self.show
        if not show.serves("评价（好差评）", "ratingLevels", "ratingSubmit"):
            return
        show.screen("评价（好差评）", "ratingLevels (persisted GET) → ratingSubmit")
        levels = (await self.client.persisted(RATING_LEVELS))["ratingLevels"]
        best = next(option for option in levels if option["level"] == 5)
        show.line("可选：" + "、".join(f"{o['level']} {o['label']}" for o in levels))
        rating = {"applicationId": application["id"], "level": 5, "tags": best["tags"][:2],
                  "comment": "网上办理很方便，一次都没跑", "idempotencyKey": f"rate-{uuid.uuid4()}"}
        payload = await self.client.mutate(RATING_SUBMIT, {"input": rating}, idempotent=True)
        given = payload["rating"]
        show.ok(f"已评价：{given['level']} {given['levelLabel']}（{'、'.join(given['tags'])}）")

    async def cross_province(self) -> None:
        show = self.show
        show.screen("跨省通办", "（以下为跨省通办的几个屏幕）")
        show.line(f"居住在上海（{CLIENT_HOME}）的参保人，向宁波鄞州申领社会保障卡（全程网办）")
        found = await catalogue.search(self.client, show, "社保", "社会保障卡申领", CROSS_REGION)
        entry = await catalogue.matter_detail(self.client, show, found["basicCode"], CROSS_REGION)
        show.check("FULLY_ONLINE" in entry["crossProvinceModes"], "该事项应支持全程网办")
        if not show.serves("跨省通办申请", "applicationDraftCreate", "applicationSubmit"):
            return
        application = await self.apply(entry, {"mode": "FULLY_ONLINE",
                                               "receivingRegionCode": CLIENT_HOME})
        cross = application["crossProvince"]
        show.line(f"{cross['modeLabel']}：收件地 {cross['receivingRegionCode']} → "
                  f"办理地 {cross['handlingRegionCode']}")
        if show.serves("办理地受理", "applicationQueue"):
            show.screen("办理地受理", "窗口控制台：applicationPreReviewStart → applicationAccept")
            await self.clerk(application["number"], ["pre-review", "accept"], "clerk.yinzhou")
        if show.serves("免登录进度查询", "applicationProgress"):
            show.screen("免登录进度查询", "applicationProgress")
            progress = (await self.client.call(PROGRESS_LOOKUP, {
                "number": application["number"], "code": application["queryCode"]},
                anonymous=True))["applicationProgress"]
            show.check(progress is not None, "凭编号和查询码查不到办件")
            show.line(f"{progress['number']} {progress['matterName']} · "
                      f"{progress['departmentName']} · {progress['statusLabel']}")
            for step in progress["steps"]:
                show.line(f"  {step['label']}（{step['statusLabel']}）")
            show.check(progress["statusLabel"] and progress["crossProvinceMode"] ==
                       "FULLY_ONLINE", "进度查询应显示跨省通办")


async def main(args: argparse.Namespace) -> None:
    show = Transcript("市民端", require_all=args.require_all)
    show.title(args.server)
    async with GraphQLClient(args.server, log=show.retry) as client, \
            identity_provider(args.idp) as (idp, started):
        show.line(f"身份认证服务 {idp}{'（本次启动）' if started else ''}")
        show.served = await client.served()
        app = CitizenApp(args, show, client)
        person = catalogue.Person.invent(random.Random())
        if show.serves("浙里办票据登录", "authTicketSignIn", "viewer"):
            await catalogue.sign_in(client, show, idp, person)
        if not show.serves("办事指南", "matters", "searchMatters", "matter"):
            show.done()
            return
        await catalogue.browse(client, show, HOME_REGION)
        await catalogue.search(client, show, "医保", "基本医疗保险关系转移接续")
        await catalogue.search(client, show, "jzz", "居住证申领")
        found = await catalogue.search(client, show, "个体户", "个体工商户设立登记", HOME_REGION)
        entry = await catalogue.matter_detail(client, show, found["basicCode"], HOME_REGION)
        if client.token is None:
            show.done()
            return
        final = await app.journey(entry)
        if final is not None and final["status"] == "DELIVERED":
            await app.rate(final)
        await app.cross_province()
        if show.serves("我的办件", "myApplications"):
            show.screen("我的办件", "myApplications")
            mine = (await client.call(MY_APPLICATIONS))["myApplications"]
            for node in mine["nodes"]:
                show.line(f"· {node['number']} {node['matterName']} [{node['statusLabel']}]")
        show.line(f"持久化查询：命中 {client.apq.hits} 次，登记 {client.apq.registered} 次")
    show.done()


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m mock_clients.citizen_app",
                                     description="市民端模拟 App")
    common_arguments(parser)
    parser.add_argument("--idp", default=None,
                        help="身份认证服务地址（默认使用或启动 8001 端口上的）")
    parser.add_argument("--clerk", choices=["console", "direct"], default="console",
                        help="窗口操作：另起窗口控制台进程，或在本进程直接调用")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse()
    exit_with(lambda: main(arguments))
