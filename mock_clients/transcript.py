"""What the mock apps print: one block per screen, the operation it sent, and the outcome.

A screen whose operation the live schema does not serve is printed as
``skipped: not served`` (or, with ``--require-all``, stops the program), so an
app runs against a server whose domains are still being built.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from mock_clients.graphql_client import Answer, Served, UnexpectedAnswer

EXIT_UNEXPECTED = 1
EXIT_NOT_SERVED = 2


class NotServed(UnexpectedAnswer):
    """--require-all was given and a screen's operation is missing from the schema."""


class Transcript:
    """Prints the screens of one app; ``prefix`` marks another program's lines."""

    def __init__(self, app: str, *, require_all: bool = False, prefix: str = "") -> None:
        self.app, self.require_all, self.prefix = app, require_all, prefix
        self.served = Served(None)
        self.count = 0
        self.skipped: list[str] = []

    def _print(self, text: str) -> None:
        for line in text.split("\n"):
            print(f"{self.prefix}{line}".rstrip() if line else self.prefix.rstrip(), flush=True)

    def title(self, text: str) -> None:
        self._print(f"══ {self.app}：{text} ══")

    def screen(self, title: str, operation: str) -> None:
        self.count += 1
        self._print(f"\n【屏幕 {self.count}】{title}  ·  {operation}")

    def line(self, text: str) -> None:
        self._print(f"  {text}")

    def ok(self, text: str) -> None:
        self._print(f"  ✓ {text}")

    def retry(self, text: str) -> None:
        self._print(f"  {text}")

    def budget(self, answer: Answer | None) -> None:
        """Cost and remaining budget of the last answer."""
        if answer is None:
            return
        rate, cost = answer.rate, answer.cost
        if rate is not None:
            self.line(f"代价 {cost.get('requested', '?')} 点，"
                      f"剩余预算 {rate.remaining}/{rate.limit}（{rate.reset_seconds} 秒后回满）")

    def serves(self, title: str, *fields: str) -> bool:
        """False (after printing why) when the live schema lacks one of ``fields``."""
        missing = self.served.missing(*fields)
        if not missing:
            return True
        self.skipped.append(title)
        self._print(f"\n【跳过】{title} — skipped: not served ({', '.join(missing)})")
        if self.require_all:
            raise NotServed(f"服务端尚未提供：{', '.join(missing)}")
        return False

    def check(self, condition: object, message: str) -> None:
        if not condition:
            raise UnexpectedAnswer(message)

    def done(self) -> None:
        skipped = f"；跳过 {len(self.skipped)} 个（服务端未提供）" if self.skipped else ""
        self._print(f"\n══ {self.app}：完成 {self.count} 个屏幕{skipped} ══")


def common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", default="http://127.0.0.1:8000",
                        help="网关地址（默认 http://127.0.0.1:8000）")
    parser.add_argument("--require-all", action="store_true",
                        help="服务端缺少某个屏幕的操作时报错退出，而不是跳过")


def run(main: Callable[[], Awaitable[Any]]) -> int:
    """Run an app; an unexpected answer prints why and exits non-zero."""
    try:
        asyncio.run(main())
    except NotServed as refusal:
        print(f"\n✗ {refusal}", flush=True)
        return EXIT_NOT_SERVED
    except UnexpectedAnswer as problem:
        print(f"\n✗ 意外的应答：{problem}", flush=True)
        return EXIT_UNEXPECTED
    except (TimeoutError, OSError) as problem:
        print(f"\n✗ 网络问题：{problem!r}", flush=True)
        return EXIT_UNEXPECTED
    return 0


def exit_with(main: Callable[[], Awaitable[Any]]) -> None:
    sys.exit(run(main))
