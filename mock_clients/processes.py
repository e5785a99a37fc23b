"""Other programs a mock app starts: the mock identity provider, and the clerk console
run as a separate process (another person at another desk) with its lines streamed."""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import httpx

from mock_clients.graphql_client import UnexpectedAnswer

DEFAULT_IDP = "http://127.0.0.1:8001"  # the gateway's default IDP_URL


async def _healthy(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=1.0) as http:
            return (await http.get(f"{url}/healthz")).status_code == 200
    except httpx.TransportError:
        return False


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((host, port)) != 0


@asynccontextmanager
async def identity_provider(url: str | None) -> AsyncIterator[tuple[str, bool]]:
    """(the IdP's URL, whether we started it). Uses ``url`` if given, else an IdP
    already answering on the default port, else starts one there for the run."""
    if url:
        yield url.rstrip("/"), False
        return
    if await _healthy(DEFAULT_IDP):
        yield DEFAULT_IDP, False
        return
    parts = urlsplit(DEFAULT_IDP)
    host, port = parts.hostname or "127.0.0.1", parts.port or 8001
    if not _port_free(host, port):
        raise UnexpectedAnswer(f"{DEFAULT_IDP} 被占用但不是身份认证服务")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mock_clients.idp", "--host", host, "--port", str(port))
    try:
        for _ in range(100):
            if await _healthy(DEFAULT_IDP):
                break
            await asyncio.sleep(0.1)
        else:
            raise UnexpectedAnswer("模拟身份认证服务没有启动")
        yield DEFAULT_IDP, True
    finally:
        process.terminate()
        await process.wait()


async def run_program(module: str, args: list[str], prefix: str) -> None:
    """Run ``python -m module args``, printing its lines under ``prefix`` as they come;
    a non-zero exit is an unexpected answer."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", module, *args, "--prefix", prefix,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    assert process.stdout is not None
    async for raw in process.stdout:
        print(raw.decode("utf-8", "replace").rstrip("\n"), flush=True)
    code = await process.wait()
    if code != 0:
        raise UnexpectedAnswer(f"{module} 退出码 {code}")
