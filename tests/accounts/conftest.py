"""The mock identity provider, run as a real server (a subprocess) for the tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator

import httpx
import pytest

from api.settings import ROOT
from tests.conftest import free_port, wait_until_healthy


class MockIdp:
    def __init__(self, url: str) -> None:
        self.url = url

    async def ticket(self, id_number: str, name: str, phone: str | None = None,
                     enterprises: list[dict] | None = None) -> str:
        """What the host platform does after its own sign-in: mint a ticket."""
        async with httpx.AsyncClient(base_url=self.url) as http:
            response = await http.post("/api/v1/tickets", json={
                "idNumber": id_number, "name": name, "phone": phone,
                "enterprises": enterprises or []})
        assert response.status_code == 201, response.text
        return response.json()["ticket"]


@pytest.fixture(scope="session")
async def mock_idp() -> AsyncIterator[MockIdp]:
    port = free_port()
    process = subprocess.Popen(  # noqa: ASYNC220 - starting, not waiting
        [sys.executable, "-m", "mock_clients.idp", "--port", str(port)], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        await wait_until_healthy(url, "mock identity provider")
        yield MockIdp(url)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def idp(app, mock_idp: MockIdp, monkeypatch) -> MockIdp:
    """Point the session app's identity provider at the mock server."""
    monkeypatch.setattr(app.state.services["idp"], "base_url", mock_idp.url)
    return mock_idp
