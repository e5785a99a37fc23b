"""End-to-end fixtures: a real gateway (uvicorn on the test database), the mock identity
provider as its own process, and a helper that runs a mock app as a program."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from api.settings import ROOT, Settings
from tests.conftest import LiveServer, free_port, wait_until_healthy

CLIENT_TIMEOUT_SECONDS = 180


@dataclass
class Run:
    """What a mock app printed and how it exited."""

    code: int
    output: str

    def ok(self) -> str:
        assert self.code == 0, self.output[-6000:]
        assert "✗" not in self.output, self.output[-6000:]
        return self.output


@pytest.fixture(scope="session")
async def idp() -> AsyncIterator[str]:
    """The mock identity provider, serving on a free port for the whole run."""
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mock_clients.idp", "--port", str(port), cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        await wait_until_healthy(url, "mock IdP")
        yield url
    finally:
        process.terminate()
        await process.wait()


def server_env(database: Settings, idp: str, **extra: str) -> dict[str, str]:
    """What every e2e server gets: the IdP, and the session's file store (not var/files)."""
    return {"IDP_URL": idp, "FILE_STORE_DIR": database.file_store_dir, **extra}


@pytest.fixture(scope="module")
async def gateway(database: Settings, idp: str) -> AsyncIterator[LiveServer]:
    """One single-worker server shared by a module's journeys (starting one costs seconds)."""
    async with LiveServer(database, 1, **server_env(database, idp)) as server:
        yield server


async def run_app(module: str, *args: str) -> Run:
    """Run ``python -m mock_clients.<module> args`` to the end."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", f"mock_clients.{module}", *args, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    try:
        out, _ = await asyncio.wait_for(process.communicate(), CLIENT_TIMEOUT_SECONDS)
    except TimeoutError:
        process.kill()
        out, _ = await process.communicate()
        return Run(-1, out.decode("utf-8", "replace") + "\n[timed out]")
    assert process.returncode is not None
    return Run(process.returncode, out.decode("utf-8", "replace"))
