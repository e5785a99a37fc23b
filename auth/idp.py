"""The host platform's identity provider: a one-time ticket becomes a verified identity.

The way a 浙里办 mini-program signs in: the app gets a ticket from its host
platform, the gateway exchanges it server-to-server (the app never sees the
provider's credentials) and maps the identity to an account."""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from typing import Any

import httpx

from models.accounts.citizens import VerifiedIdentity
from models.accounts.rules import LinkRole, check_real_name
from models.errors import Refusal
from models.identity.rules import validate_credit_code, validate_mobile, validate_resident_id

log = logging.getLogger("gateway.idp")
TICKET_TTL_SECONDS = 10 * 60  # how long a used ticket is remembered (> its lifetime at the IdP)
MAX_TICKET_LENGTH = 512


def _unavailable() -> Refusal:
    return Refusal("IDP_UNAVAILABLE", "统一身份认证服务暂不可用，请稍后再试")


def _invalid_ticket() -> Refusal:
    return Refusal("INVALID_TICKET", "登录票据无效或已过期，请重新进入应用", "ticket")


class IdentityProvider:
    """Exchanges tickets over HTTP; single use is enforced here too (Redis)."""

    def __init__(self, base_url: str, app_id: str, app_secret: str, redis, *,
                 timeout: float = 5.0, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.app_id = app_id
        self.app_secret = app_secret
        self.redis = redis
        self.timeout = timeout
        self.transport = transport  # tests may plug in a transport

    async def exchange(self, ticket: str, *, today: date) -> VerifiedIdentity:
        ticket = (ticket or "").strip()
        if not ticket or len(ticket) > MAX_TICKET_LENGTH:
            raise _invalid_ticket()
        # Claim the ticket before calling out: a replay is refused even if the
        # provider would (wrongly) accept it twice, and even mid-exchange.
        digest = hashlib.sha256(ticket.encode()).hexdigest()
        if not await self.redis.set(f"ticket:{digest}", 1, nx=True, ex=TICKET_TTL_SECONDS):
            raise Refusal("TICKET_USED", "登录票据已使用，请重新进入应用", "ticket")
        data = await self._post({"appId": self.app_id, "appSecret": self.app_secret,
                                 "ticket": ticket})
        return to_identity(data, today=today)

    async def _post(self, body: dict[str, str]) -> dict[str, Any]:
        try:
            async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout,
                                         transport=self.transport) as client:
                response = await client.post("/api/v1/tickets/exchange", json=body)
        except httpx.HTTPError as error:
            log.warning("identity provider unreachable", extra={"error": type(error).__name__})
            raise _unavailable() from error
        if response.status_code in (400, 404, 410):
            raise _invalid_ticket()
        if response.status_code != 200:
            log.warning("identity provider refused", extra={"status": response.status_code})
            raise _unavailable()
        try:
            data = response.json()
        except ValueError as error:
            raise _unavailable() from error
        if not isinstance(data, dict):
            raise _unavailable()
        return data


def to_identity(data: dict[str, Any], *, today: date) -> VerifiedIdentity:
    """Validate what the provider sent; a malformed identity is refused whole."""
    try:
        id_number = validate_resident_id(str(data.get("idNumber", "")), today=today)
        name = check_real_name(str(data.get("name", "")))
        phone = validate_mobile(str(data["phone"])) if data.get("phone") else None
        enterprises = []
        for item in data.get("enterprises") or []:
            enterprises.append((validate_credit_code(str(item.get("creditCode", ""))),
                                str(item.get("name", "")).strip() or "未命名企业",
                                LinkRole(str(item.get("role", "AGENT")))))
    except (Refusal, ValueError, AttributeError, TypeError) as error:
        # never log the values: they are personal data
        log.warning("identity provider sent an unusable identity",
                    extra={"problem": getattr(error, "code", type(error).__name__)})
        raise Refusal("IDP_BAD_IDENTITY", "统一身份认证返回的身份信息不完整，请稍后再试") \
            from error
    return VerifiedIdentity(id_number=id_number, name=name, phone=phone,
                            enterprises=enterprises)
