"""Third-party client (e.g. a city portal): client-credentials sign-in, then a crawl of
one region's catalogue with cursors, paced by its rate budget.

    python -m mock_clients.third_party --server http://127.0.0.1:8000 \\
        [--client-id demo-portal] [--client-secret Demo-Portal-Secret-2026] \\
        [--region 330106] [--page-size 20] [--reserve 0.3]

Every answer carries ``extensions.cost`` (what the query cost, the budget left)
and ``X-RateLimit-Limit/Remaining/Reset``. The budget is a leaky bucket that
empties over ``Reset`` seconds, so the crawler estimates how fast points come
back and, when fewer than ``--reserve`` of the budget (or two pages' cost)
would remain, waits just long enough instead of running into ``RATE_LIMITED``.

| screen | operation |
|---|---|
| 客户端凭证授权 | ``authClientCredentialsGrant`` (GRANT) |
| 抓取事项目录（逐页） | ``matters(filter: {regionCode}, first:, after:)`` (CRAWL) |
| 一件事主题 | ``lifeEvents(first:)`` (LIFE_EVENTS) |
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

from mock_clients.graphql_client import GraphQLClient, RateLimit
from mock_clients.transcript import Transcript, common_arguments, exit_with

ERRORS = "errors { code field message }"
GRANT = f"""mutation Grant($input: AuthClientCredentialsGrantInput!) {{
  authClientCredentialsGrant(input: $input) {{ accessToken expiresAt {ERRORS} }} }}"""
CRAWL = """query Crawl($region: String!, $first: Int!, $after: String) {
  matters(filter: {regionCode: $region}, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { code name version matter { basicCode type } department { name }
      promisedTimeLimit { value unit } serviceScope crossProvinceModes } } }"""
LIFE_EVENTS = """query LifeEvents { lifeEvents(first: 20) { totalCount nodes { code name } } }"""


class Pacer:
    """Decides how long to wait before the next request, from the last answer's budget."""

    def __init__(self, reserve: float) -> None:
        self.reserve = reserve
        self.waited = 0.0
        self.pauses = 0

    def delay(self, rate: RateLimit | None, next_cost: int) -> float:
        if rate is None:
            return 0.0
        floor = max(self.reserve * rate.limit, 2 * next_cost)
        if rate.remaining >= floor:
            return 0.0
        return (floor - rate.remaining) / rate.refill_per_second()


async def crawl(client: GraphQLClient, show: Transcript, args: argparse.Namespace,
                pacer: Pacer) -> list[dict]:
    show.screen(f"抓取事项目录（{args.region}，每页 {args.page_size} 项）", "matters")
    found: list[dict] = []
    after, page, last_cost, total = None, 0, args.page_size, None
    while True:
        wait = pacer.delay(client.last.rate if client.last else None, last_cost)
        if wait > 0:
            rate = client.last.rate if client.last else None
            show.line(f"⏸ 剩余预算 {rate.remaining if rate else '?'} 点，低于保留线："
                      f"放慢，等待 {wait:.1f} 秒")
            pacer.waited += wait
            pacer.pauses += 1
            await asyncio.sleep(wait)
        data = await client.call(CRAWL, {"region": args.region, "first": args.page_size,
                                         "after": after})
        answer = client.last
        assert answer is not None
        connection = data["matters"]
        page += 1
        total = connection["totalCount"]
        found += connection["nodes"]
        last_cost = int(answer.cost.get("requested") or last_cost)
        rate = answer.rate
        show.line(f"第 {page} 页 {len(connection['nodes'])} 项（累计 {len(found)}/{total}）· "
                  f"代价 {last_cost} · X-RateLimit-Remaining {rate.remaining if rate else '?'}"
                  f"/{rate.limit if rate else '?'} · Reset {rate.reset_seconds if rate else '?'}s"
                  + (f" · 重试 {answer.attempts - 1} 次" if answer.attempts > 1 else ""))
        if not connection["pageInfo"]["hasNextPage"] or (args.max_pages and
                                                         page >= args.max_pages):
            break
        after = connection["pageInfo"]["endCursor"]
    codes = [n["code"] for n in found]
    show.check(len(set(codes)) == len(codes), "翻页出现重复条目")
    if not args.max_pages:
        show.check(len(found) == total, f"抓取 {len(found)} 项，与总数 {total} 不符")
    show.ok(f"共抓取 {len(found)} 项，无重复；"
            f"放慢 {pacer.pauses} 次，累计等待 {pacer.waited:.1f} 秒")
    return found


async def main(args: argparse.Namespace) -> None:
    show = Transcript("第三方客户端", require_all=args.require_all)
    show.title(args.server)
    async with GraphQLClient(args.server, log=show.retry) as client:
        show.served = await client.served()
        if not show.serves("客户端凭证授权", "authClientCredentialsGrant"):
            return show.done()
        show.screen("客户端凭证授权", "authClientCredentialsGrant")
        payload = await client.mutate(GRANT, {"input": {"clientId": args.client_id,
                                                        "clientSecret": args.client_secret}})
        client.token = payload["accessToken"]
        show.ok(f"{args.client_id} 取得访问令牌")
        show.budget(client.last)
        started = time.monotonic()
        if show.serves("抓取事项目录", "matters"):
            found = await crawl(client, show, args, Pacer(args.reserve))
            if args.out:
                text = json.dumps(found, ensure_ascii=False)
                await asyncio.to_thread(Path(args.out).write_text, text, encoding="utf-8")
                show.line(f"已写入 {args.out}")
        if show.serves("一件事主题", "lifeEvents"):
            show.screen("一件事主题", "lifeEvents")
            events = (await client.call(LIFE_EVENTS))["lifeEvents"]
            show.line("、".join(n["name"] for n in events["nodes"]))
            show.budget(client.last)
        show.line(f"用时 {time.monotonic() - started:.1f} 秒")
    show.done()


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m mock_clients.third_party",
                                     description="第三方客户端：按预算抓取事项目录")
    common_arguments(parser)
    parser.add_argument("--client-id", default="demo-portal")
    parser.add_argument("--client-secret", default="Demo-Portal-Secret-2026")
    parser.add_argument("--region", default="330106")
    parser.add_argument("--page-size", type=int, default=20)
    parser.add_argument("--max-pages", type=int, default=0, help="最多抓取的页数（0 为不限）")
    parser.add_argument("--reserve", type=float, default=0.3, help="保留的预算比例")
    parser.add_argument("--out", help="把抓取结果写入此 JSON 文件")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse()
    exit_with(lambda: main(arguments))
