"""Clerk console (窗口受理 / 审批, command line): sign in and work the application queue.

    python -m mock_clients.clerk_console --server http://127.0.0.1:8000 \\
        [--username clerk.xihu] [--approver approver.xihu] [--number 办件编号] \\
        [--do pre-review --do "correct:材料一;材料二" --do accept --do review \\
         --do approve --do "deliver:POST:SF1234567890"]

Without ``--number`` it shows the queue and stops. With it, it opens that
application and makes the moves given by ``--do`` in order; a move the state
machine refuses is an unexpected answer (exit 1).

| screen | operation |
|---|---|
| 登录（窗口人员、审批人员） | ``authSignIn`` (SIGN_IN) |
| 办件队列 | ``applicationQueue(side:, status:, number:, first:)`` (QUEUE) |
| 办件详情 | ``staffApplication(id:)`` (DETAIL) |
| 新办件提醒（``--watch``） | subscription ``applicationUpdated`` (QUEUE_UPDATED) |
| 开始预审 ``pre-review`` | ``applicationPreReviewStart`` (PRE_REVIEW_START) |
| 受理 ``accept`` | ``applicationAccept`` (ACCEPT) |
| 一次性告知补正 ``correct:项;项`` | ``applicationCorrectionRequest`` (CORRECTION_REQUEST) |
| 不予受理 ``reject:理由`` | ``applicationReject`` (REJECT) |
| 开始审查 ``review`` | ``applicationReviewStart`` (REVIEW_START) |
| 批准 ``approve`` | ``applicationApprove`` (APPROVE) |
| 不予许可 ``deny:理由`` | ``applicationDeny`` (DENY) |
| 送达 ``deliver[:方式[:单号]]`` | ``applicationDeliver`` (DELIVER) |
| 收件地形式审查 ``formal-check`` | ``applicationFormalCheckPass`` (FORMAL_CHECK_PASS) |
| 转递 ``forward:单号`` | ``applicationForward`` (FORWARD) |
| 办理地接收 ``receive`` | ``applicationForwardedReceive`` (FORWARDED_RECEIVE) |
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from mock_clients.graphql_client import GraphQLClient, UnexpectedAnswer
from mock_clients.transcript import Transcript, common_arguments, exit_with

DEMO_PASSWORD = "Demo@2026"
ERRORS = "errors { code field message }"
STAFF_FIELDS = """id number status statusLabel matterName side availableActions deadlineFlag
  deadline { kindLabel dueOn flagLabel } applicant { displayName phone }
  crossProvince { modeLabel handoverLabel } correctionItems
  attachments { materialName } timeline { label actor { displayName } }"""

SIGN_IN = f"""mutation SignIn($input: AuthSignInInput!) {{ authSignIn(input: $input) {{
  accessToken viewer {{ displayName roles department {{ name }} }} {ERRORS} }} }}"""
QUEUE = f"""query Queue($side: ApplicationSide!, $status: [ApplicationStatus!], $number: String,
  $first: Int) {{
  applicationQueue(side: $side, status: $status, number: $number, first: $first) {{
    totalCount nodes {{ {STAFF_FIELDS} }} }} }}"""
DETAIL = f"query Detail($id: ID!) {{ staffApplication(id: $id) {{ {STAFF_FIELDS} }} }}"
QUEUE_UPDATED = """subscription QueueUpdated { applicationUpdated {
  action status staffApplication { number matterName statusLabel side } } }"""


def _move(name: str, input_type: str) -> str:
    return f"""mutation {name[0].upper()}{name[1:]}($input: {input_type}!) {{
  {name}(input: $input) {{ application {{ {STAFF_FIELDS} }} event {{ label }}
    documents {{ kindLabel number title }} {ERRORS} }} }}"""


PRE_REVIEW_START = _move("applicationPreReviewStart", "ApplicationStepInput")
ACCEPT = _move("applicationAccept", "ApplicationStepInput")
CORRECTION_REQUEST = _move("applicationCorrectionRequest", "ApplicationCorrectionRequestInput")
REJECT = _move("applicationReject", "ApplicationReasonInput")
REVIEW_START = _move("applicationReviewStart", "ApplicationStepInput")
APPROVE = _move("applicationApprove", "ApplicationApproveInput")
DENY = _move("applicationDeny", "ApplicationReasonInput")
DELIVER = _move("applicationDeliver", "ApplicationDeliverInput")
FORMAL_CHECK_PASS = _move("applicationFormalCheckPass", "ApplicationFormalCheckPassInput")
FORWARD = _move("applicationForward", "ApplicationForwardInput")
FORWARDED_RECEIVE = _move("applicationForwardedReceive", "ApplicationStepInput")


@dataclass(frozen=True)
class Move:
    title: str
    document: str
    approver: bool  # made with the approver's account when one is signed in

    @property
    def operation(self) -> str:
        return self.document.split("{", 2)[1].split("(", 1)[0].strip()


MOVES = {
    "pre-review": Move("开始预审", PRE_REVIEW_START, False),
    "accept": Move("受理", ACCEPT, False),
    "correct": Move("一次性告知补正", CORRECTION_REQUEST, False),
    "reject": Move("不予受理", REJECT, False),
    "review": Move("开始审查", REVIEW_START, True),
    "approve": Move("批准", APPROVE, True),
    "deny": Move("不予许可", DENY, True),
    "deliver": Move("送达", DELIVER, False),
    "formal-check": Move("收件地形式审查", FORMAL_CHECK_PASS, False),
    "forward": Move("转递办理地", FORWARD, False),
    "receive": Move("办理地接收", FORWARDED_RECEIVE, False),
}


def move_input(step: str, application_id: str) -> tuple[Move, dict[str, Any]]:
    """``correct:a;b`` → (the move, its input)."""
    name, _, arg = step.partition(":")
    if name not in MOVES:
        raise UnexpectedAnswer(f"未知操作 {name!r}（可用：{', '.join(MOVES)}）")
    fields: dict[str, Any] = {"applicationId": application_id}
    if name == "correct":
        fields["missingItems"] = [item for item in arg.split(";") if item] or ["申请书（签字页）"]
    elif name in ("reject", "deny"):
        fields["reason"] = arg or "不符合法定条件"
    elif name == "deliver":
        method, _, tracking = arg.partition(":")
        fields["method"] = method or "ONLINE"
        if tracking:
            fields["trackingNumber"] = tracking
    elif name == "formal-check":
        fields["identityChecked"] = True
    elif name == "forward":
        fields["trackingNumber"] = arg or "EMS0000000000CN"
    return MOVES[name], fields


class ClerkConsole:
    """The console's screens; also driven in-process by the citizen app (``--clerk direct``)."""

    def __init__(self, server: str, show: Transcript) -> None:
        self.show = show
        self.clerk = GraphQLClient(server, log=show.retry)
        self.approver: GraphQLClient | None = None

    async def __aenter__(self) -> ClerkConsole:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.clerk.__aexit__()
        if self.approver is not None:
            await self.approver.__aexit__()

    async def sign_in(self, username: str, approver: str | None,
                      password: str = DEMO_PASSWORD) -> None:
        self.show.screen("登录", "authSignIn")
        self.clerk.token = await self._sign_in(self.clerk, username, password)
        if approver and approver != username:
            self.approver = GraphQLClient(self.clerk.server, log=self.show.retry)
            self.approver.token = await self._sign_in(self.approver, approver, password)

    async def _sign_in(self, client: GraphQLClient, username: str, password: str) -> str:
        payload = await client.mutate(SIGN_IN, {"input": {"username": username,
                                                          "password": password}})
        viewer = payload["viewer"]
        self.show.ok(f"{viewer['displayName']}（{'、'.join(viewer['roles'])}）"
                     f" · {(viewer['department'] or {}).get('name', '')}")
        return payload["accessToken"]

    async def queue(self, side: str, number: str | None = None,
                    status: list[str] | None = None) -> list[dict[str, Any]]:
        self.show.screen("办件队列" + (f"（编号 {number}）" if number else ""),
                         "applicationQueue")
        data = await self.clerk.call(QUEUE, {"side": side, "number": number, "first": 10,
                                             "status": status})
        rows = data["applicationQueue"]["nodes"]
        self.show.line(f"共 {data['applicationQueue']['totalCount']} 件（{side}）")
        for row in rows:
            due = row["deadline"] or {}
            self.show.line(f"· {row['number'] or '（草稿）'}  {row['matterName']}  "
                           f"[{row['statusLabel']}]  {due.get('kindLabel', '')} "
                           f"{due.get('dueOn') or ''} {due.get('flagLabel', '')}".rstrip())
        return rows

    async def open(self, number: str, side: str, status: list[str] | None = None
                   ) -> dict[str, Any]:
        rows = await self.queue(side, number, status)
        self.show.check(len(rows) == 1, f"队列里找不到办件 {number}")
        self.show.screen("办件详情", "staffApplication")
        detail = (await self.clerk.call(DETAIL, {"id": rows[0]["id"]}))["staffApplication"]
        self.show.check(detail is not None, f"看不到办件 {number}")
        applicant = detail["applicant"] or {}
        self.show.line(f"申请人 {applicant.get('displayName')} {applicant.get('phone')}"
                       f"（脱敏）；材料 {len(detail['attachments'])} 份")
        self.show.line(f"可执行操作：{', '.join(detail['availableActions']) or '无'}")
        return detail

    async def work(self, number: str, steps: list[str], side: str = "HANDLING",
                   status: list[str] | None = None) -> str:
        """Open the application and make each move; returns the final status."""
        detail = await self.open(number, side, status)
        for step in steps:
            move, fields = move_input(step, detail["id"])
            client = self.approver if move.approver and self.approver else self.clerk
            self.show.screen(move.title, move.operation)
            payload = await client.mutate(move.document, {"input": fields})
            detail = payload["application"]
            self.show.ok(f"{payload['event']['label']} → {detail['statusLabel']}")
            for document in payload["documents"]:
                self.show.line(f"文书：{document['kindLabel']} {document['number']}")
        return detail["status"]

    async def watch(self, seconds: float) -> int:
        self.show.screen("新办件提醒", "subscription applicationUpdated")
        seen = 0
        async with self.clerk.subscribe(QUEUE_UPDATED) as updates:
            try:
                while True:
                    event = (await updates.next(seconds))["applicationUpdated"]
                    staff = event["staffApplication"] or {}
                    seen += 1
                    self.show.line(f"📨 {staff.get('number')} {staff.get('matterName')} "
                                   f"{event['action']} → {staff.get('statusLabel')}")
            except TimeoutError:
                pass
        self.show.line(f"{seconds:g} 秒内收到 {seen} 条推送")
        return seen


async def main(args: argparse.Namespace) -> None:
    show = Transcript(args.title, require_all=args.require_all, prefix=args.prefix)
    show.title(f"{args.server}")
    async with ClerkConsole(args.server, show) as console:
        show.served = await console.clerk.served()
        if not show.serves("登录", "authSignIn"):
            return
        await console.sign_in(args.username, args.approver, args.password)
        if not show.serves("办件队列", "applicationQueue", "staffApplication"):
            return
        if args.number:
            status = await console.work(args.number, args.do or [], args.side, args.status)
            if args.expect:
                show.check(status == args.expect, f"办件状态为 {status}，应为 {args.expect}")
        else:
            await console.queue(args.side, status=args.status)
        if args.watch and show.serves("新办件提醒", "applicationUpdated"):
            await console.watch(args.watch)
    show.done()


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m mock_clients.clerk_console",
                                     description="窗口受理/审批命令行控制台")
    common_arguments(parser)
    parser.add_argument("--username", default="clerk.xihu")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--approver", default=None, help="审批人员账户（批准、不予许可等）")
    parser.add_argument("--side", default="HANDLING", choices=["HANDLING", "RECEIVING"])
    parser.add_argument("--number", help="办件编号")
    parser.add_argument("--status", action="append",
                        help="只看这些状态（如 DELIVERED，可重复；默认为在办的状态）")
    parser.add_argument("--do", action="append", metavar="STEP",
                        help=f"依次执行的操作：{', '.join(MOVES)}（可带 :参数）")
    parser.add_argument("--expect", help="完成后办件应处的状态，如 DELIVERED")
    parser.add_argument("--watch", type=float, default=0, help="订阅新办件提醒的秒数")
    parser.add_argument("--title", default="窗口控制台", help=argparse.SUPPRESS)
    parser.add_argument("--prefix", default="", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse()
    exit_with(lambda: main(arguments))
