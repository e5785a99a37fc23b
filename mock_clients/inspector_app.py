"""Inspector app (掌上执法 handheld): activate the device, download the day's offline
bundle, inspect with no network (records and photos queued in a local JSON file), then
sync over a flaky connection and show each record's outcome; finish with a 简易程序
(on-the-spot penalty) case on the problem found, when the cases domain is served.

    python -m mock_clients.inspector_app --server http://127.0.0.1:8000 \\
        [--username inspector.xihu.1] [--activation-code XIHU-DEMO-0001] \\
        [--state-dir var/mock-handheld] [--records 3] [--partner inspector.xihu.2]

The device id and the offline queue live in ``--state-dir``, so a second run
signs in on the already activated device and resumes an unfinished sync. The
sync goes through a local proxy (``flaky_proxy``) that drops the first sync
request and cuts the second after the server has stored it; ``--steady`` turns
that off.

| screen | operation |
|---|---|
| 登录（绑定设备） | ``authSignIn(input: {username, password, deviceId})`` (SIGN_IN) |
| 设备激活（首次） | ``deviceActivate(input: {code, deviceId})`` (ACTIVATE) |
| 我的任务 | ``myInspectionTasks(status: [ASSIGNED])`` (MY_TASKS) |
| 下载离线包 | ``inspectionOfflineBundle(date:)`` (BUNDLE) |
| 离线检查（无网络） | none: records and photos go to the local queue |
| 补传照片 | ``fileUpload(purpose: EVIDENCE_PHOTO / SIGNATURE)`` through the flaky link |
| 同步检查记录 | ``inspectionRecordsSync`` in batches through the flaky link (SYNC) |
| 核对任务状态 | ``nodes(ids:)`` on the synced tasks (TASKS) |
| 行政行为码核验（企业扫码） | ``inspectionByActionCode(code:)`` anonymously (ACTION_CODE) |
| 简易程序·当场处罚 | see ``inspector_case`` |
"""

from __future__ import annotations

import argparse
import asyncio
import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mock_clients import inspector_case
from mock_clients.flaky_proxy import FlakyProxy
from mock_clients.graphql_client import GraphQLClient, UnexpectedAnswer, describe_errors
from mock_clients.offline_queue import OfflineQueue
from mock_clients.transcript import Transcript, common_arguments, exit_with

BEIJING = ZoneInfo("Asia/Shanghai")
ERRORS = "errors { code field message }"
SESSION = f"accessToken refreshToken viewer {{ id displayName badgeNumber boundDeviceId }} {ERRORS}"
SIGN_IN = f"""mutation SignIn($input: AuthSignInInput!) {{ authSignIn(input: $input) {{
  {SESSION} }} }}"""
ACTIVATE = f"""mutation Activate($input: DeviceActivateInput!) {{ deviceActivate(input: $input) {{
  {SESSION} }} }}"""
MY_TASKS = """query MyTasks { myInspectionTasks(status: [ASSIGNED], first: 50) {
  totalCount nodes { id plan { name startDate endDate } } } }"""
BUNDLE = """query Bundle($date: Date!) { inspectionOfflineBundle(date: $date) {
  date generatedAt
  tasks { id status actionCode subject { name creditCode address }
    plan { name items { id name currentForm { id } } } inspectors { displayName badgeNumber }
    record { clientId } }
  formTemplates { id version title fields { key label type required options unit minimum
    maximum maxLength photoCount } }
  actionCodes { taskId code qrPayload } } }"""
SYNC = """mutation Sync($input: InspectionRecordsSyncInput!) {
  inspectionRecordsSync(input: $input) {
  results { clientId outcome version reason message errors { code field message } }
  errors { code message } } }"""
TASKS = """query Tasks($ids: [ID!]!) { nodes(ids: $ids) { ... on InspectionTask {
  id status resultLabel publishDue caseLeadRequested subject { name }
  record { version evidence { kind uploaded } } } } }"""
ACTION_CODE = """query ActionCode($code: String!) { inspectionByActionCode(code: $code) {
  status subjectName planName inspectors { maskedName badgeNumber } items { name } } }"""

OUTCOME_LABELS = {"ACCEPTED": "已保存", "DUPLICATE": "已在中断的上传中保存（重复，未再写入）",
                  "CONFLICT": "冲突：服务器上已有他人的版本", "INVALID": "无效"}


class InspectorApp:
    def __init__(self, args: argparse.Namespace, show: Transcript, client: GraphQLClient) -> None:
        self.args, self.show, self.client = args, show, client
        self.state = Path(args.state_dir) / args.username
        self.queue = OfflineQueue(self.state)
        self.viewer: dict[str, Any] = {}
        self.synced: list[str] = []  # task ids synced in this run

    def device_id(self) -> str:
        file = self.state / "device-id"
        if not file.exists():
            self.state.mkdir(parents=True, exist_ok=True)
            file.write_text(f"HH-{uuid.uuid4().hex[:16]}", encoding="utf-8")
        return file.read_text(encoding="utf-8").strip()

    async def sign_in(self) -> None:
        show, device = self.show, self.device_id()
        self.client.device_id = device
        show.screen("登录（绑定设备）", "authSignIn")
        data = await self.client.call(SIGN_IN, {"input": {
            "username": self.args.username, "password": self.args.password, "deviceId": device}})
        payload = data["authSignIn"]
        if [e["code"] for e in payload["errors"]] == ["DEVICE_NOT_BOUND"]:
            show.line(f"本机 {device} 尚未激活：{payload['errors'][0]['message']}")
            show.screen("设备激活（首次）", "deviceActivate")
            payload = await self.client.mutate(ACTIVATE, {"input": {
                "code": self.args.activation_code, "deviceId": device}}, idempotent=True)
            show.ok(f"激活码 {self.args.activation_code[:5]}…已使用，本机绑定到该执法人员")
        elif payload["errors"]:
            raise UnexpectedAnswer(f"登录被拒绝：{describe_errors(payload['errors'])}")
        self.client.token, self.viewer = payload["accessToken"], payload["viewer"]
        show.check(self.viewer["boundDeviceId"] == device, "令牌应绑定本设备")
        show.ok(f"{self.viewer['displayName']}（执法证 {self.viewer['badgeNumber']}）已登录，"
                f"令牌绑定设备 {device}")

    async def work_day(self) -> date:
        """Today, or the next day a plan of mine is running (a plan may start later)."""
        self.show.screen("我的任务", "myInspectionTasks")
        tasks = (await self.client.call(MY_TASKS))["myInspectionTasks"]
        today = datetime.now(BEIJING).date()
        windows = sorted({(date.fromisoformat(t["plan"]["startDate"]),
                           date.fromisoformat(t["plan"]["endDate"]), t["plan"]["name"])
                          for t in tasks["nodes"]})
        self.show.line(f"待检查任务 {tasks['totalCount']} 项")
        for start, end, name in windows:
            self.show.line(f"· {name}：{start} 至 {end}")
        running = [w for w in windows if w[0] <= today <= w[1]]
        upcoming = [w for w in windows if w[0] > today]
        self.show.check(running or upcoming, "没有待检查的任务")
        return today if running else upcoming[0][0]

    async def download(self, day: date) -> dict[str, Any]:
        self.show.screen(f"下载离线包（{day}）", "inspectionOfflineBundle")
        bundle = (await self.client.call(BUNDLE, {"date": day.isoformat()})
                  )["inspectionOfflineBundle"]
        (self.state / "bundle.json").write_text(json.dumps(bundle, ensure_ascii=False),
                                                encoding="utf-8")
        self.show.line(f"{len(bundle['tasks'])} 项任务，{len(bundle['formTemplates'])} 张检查表单，"
                       f"{len(bundle['actionCodes'])} 个行政行为码，已存入本机")
        return bundle

    def inspect_offline(self, bundle: dict[str, Any]) -> None:
        show = self.show
        show.screen("离线检查（无网络）", "无：记录与照片存入本机队列")
        templates = {t["id"]: t for t in bundle["formTemplates"]}
        todo = [t for t in bundle["tasks"] if t["status"] == "ASSIGNED" and t["record"] is None]
        todo = todo[: self.args.records]
        show.check(todo, "离线包里没有可检查的任务")
        for index, task in enumerate(todo):
            problem = index == len(todo) - 1 and len(todo) > 1  # the last one finds a problem
            queued = self.queue.record(task, templates, datetime.now(UTC), problem=problem)
            show.line(f"✈ {task['subject']['name']}：{len(queued.payload['forms'])} 张表单，"
                      f"{len(queued.photos)} 个照片/签名文件，"
                      f"{'发现问题，移送案件线索' if problem else '未发现问题'}")
        show.ok(f"离线队列 {len(self.queue.pending())} 条 → {self.queue.file}")

    async def sync(self, link: GraphQLClient, proxy: FlakyProxy | None) -> list[dict]:
        show, pending = self.show, self.queue.pending()
        show.screen("补传照片", f"fileUpload ×{sum(len(r.photos) for r in pending)}")
        for record in pending:
            for photo in record.photos:
                data = await asyncio.to_thread(Path(photo.path).read_bytes)
                stored = await link.upload(data,
                                           filename=Path(photo.path).name,
                                           content_type="image/png",
                                           purpose="EVIDENCE_PHOTO" if photo.kind == "PHOTO"
                                           else "SIGNATURE")
                show.check(stored["sha256"] == photo.sha256, "服务器计算的文件哈希与本机不同")
        show.ok("照片与签名已上传（按内容寻址，重传不会重复保存）")

        show.screen("同步检查记录", "inspectionRecordsSync")
        if proxy is not None:
            show.line("网络模拟：第 1 次同步请求在途中丢失；第 2 次到达服务器但应答丢失")
        results = []
        for start in range(0, len(pending), self.args.batch):
            batch = pending[start:start + self.args.batch]
            records = [{"clientId": r.client_id, "baseVersion": None,
                        "contentHash": r.content_hash, "payload": r.payload} for r in batch]
            data = await link.call(SYNC, {"input": {"records": records}}, idempotent=True)
            payload = data["inspectionRecordsSync"]
            show.check(not payload["errors"], f"同步被拒绝：{payload['errors']}")
            attempts = link.last.attempts if link.last else 1
            show.line(f"第 {start // self.args.batch + 1} 批 {len(batch)} 条"
                      f"（第 {attempts} 次发送成功）：")
            for record, result in zip(batch, payload["results"], strict=True):
                record.outcome, record.version = result["outcome"], result["version"]
                self.synced.append(record.task_id)
                detail = result["message"] or describe_errors(result["errors"])
                show.line(f"  · {record.subject}：{result['outcome']} "
                          f"{OUTCOME_LABELS[result['outcome']]}，服务器版本 {result['version']}"
                          f"{'；' + detail if detail else ''}")
                results.append(result)
            self.queue.save()
        if proxy is not None:
            show.line(f"链路上发生的事：{' → '.join(proxy.faults)}")
        bad = [r for r in results if r["outcome"] not in ("ACCEPTED", "DUPLICATE")]
        show.check(not bad, f"{len(bad)} 条记录未能保存")
        show.ok(f"{len(results)} 条记录全部保存；队列剩余 {len(self.queue.pending())} 条")
        return results

    async def verify(self, bundle: dict[str, Any]) -> dict[str, Any] | None:
        show = self.show
        show.screen("核对任务状态", "nodes")
        ids = self.synced
        tasks = [t for t in (await self.client.call(TASKS, {"ids": ids}))["nodes"] if t]
        show.check(len(tasks) == len(ids), "有任务查不到")
        for task in tasks:
            uploaded = all(e["uploaded"] for e in task["record"]["evidence"])
            evidence = "已全部上传" if uploaded else "待上传"
            show.line(f"· {task['subject']['name']}：{task['status']} {task['resultLabel']}，"
                      f"公示期限 {task['publishDue']}，证据{evidence}")
            show.check(task["status"] == "FINISHED" and uploaded, "任务应已完成且证据齐全")
        lead = next((t for t in tasks if t["caseLeadRequested"]), None)
        code = next((c for c in bundle["actionCodes"] if c["taskId"] == ids[0]), None)
        scan = "行政行为码核验（企业扫码）"
        if code is not None and self.show.serves(scan, "inspectionByActionCode"):
            show.screen("行政行为码核验（企业扫码）", "inspectionByActionCode")
            view = (await self.client.call(ACTION_CODE, {"code": code["code"]}, anonymous=True)
                    )["inspectionByActionCode"]
            show.check(view is not None, "扫码查不到检查")
            show.line(f"{view['subjectName']} · {view['planName']} · {view['status']}；执法人员 "
                      + "、".join(f"{i['maskedName']}（{i['badgeNumber']}）"
                                 for i in view["inspectors"]))
        return lead


async def main(args: argparse.Namespace) -> None:
    show = Transcript("掌上执法", require_all=args.require_all)
    show.title(args.server)
    async with GraphQLClient(args.server, log=show.retry) as client:
        show.served = await client.served()
        app = InspectorApp(args, show, client)
        if show.serves("登录与设备激活", "authSignIn", "deviceActivate"):
            await app.sign_in()
        if client.token and show.serves("离线检查", "myInspectionTasks", "inspectionOfflineBundle",
                       "inspectionRecordsSync", "fileUpload"):
            if not app.queue.pending():
                bundle = await app.download(await app.work_day())
                app.inspect_offline(bundle)
            else:
                bundle = await app.download(await app.work_day())
                show.line(f"上次未同步的 {len(app.queue.pending())} 条记录继续同步")
            proxy = None if args.steady else FlakyProxy(
                args.server, match=b"inspectionRecordsSync", plan=["drop", "cut"])
            if proxy is not None:
                await proxy.__aenter__()
            try:
                async with GraphQLClient(proxy.url if proxy else args.server, token=client.token,
                                         device_id=client.device_id, keepalive=False,
                                         log=show.retry) as link:
                    await app.sync(link, proxy)
            finally:
                if proxy is not None:
                    await proxy.__aexit__()
            lead = await app.verify(bundle)
            if lead is not None and show.serves("简易程序·当场处罚", *inspector_case.FIELDS):
                await inspector_case.on_the_spot(client, show, lead, app.viewer, args)
    show.done()


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m mock_clients.inspector_app",
                                     description="掌上执法模拟终端")
    common_arguments(parser)
    parser.add_argument("--username", default="inspector.xihu.1")
    parser.add_argument("--password", default="Demo@2026")
    parser.add_argument("--activation-code", default="XIHU-DEMO-0001")
    parser.add_argument("--partner", default="inspector.xihu.2", help="同行的第二名执法人员")
    parser.add_argument("--state-dir", default="var/mock-handheld", help="本机数据目录")
    parser.add_argument("--records", type=int, default=3, help="离线检查的任务数")
    parser.add_argument("--batch", type=int, default=2, help="每批同步的记录数")
    parser.add_argument("--steady", action="store_true", help="不模拟网络故障")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse()
    exit_with(lambda: main(arguments))
