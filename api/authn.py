"""Authenticates a request (a Bearer access token becomes a Viewer) and builds
the sign-in services the resolvers use."""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.settings import Settings
from auth.errors import Forbidden, Unauthenticated
from auth.idp import IdentityProvider
from auth.otp import OtpService
from auth.revocation import RevocationList, revoked_key, unbound_key
from auth.sessions import SessionService
from auth.sms import LogSmsSender
from auth.tokens import TokenService, viewer_from_claims
from auth.viewer import ANONYMOUS, Viewer
from models.accounts import audit
from models.errors import Refusal
from models.identity.pii import PiiCipher
from models.identity.rules import validate_mobile

log = logging.getLogger("gateway.auth")


class Authenticator:
    def __init__(self, tokens: TokenService, revocations: RevocationList) -> None:
        self.tokens = tokens
        self.revocations = revocations

    async def viewer_for(self, authorization: str | None, device_id: str | None = None
                         ) -> Viewer:
        """ANONYMOUS without a header; Unauthenticated for a bad one (never a
        silent downgrade to anonymous, which would hide a client's bug)."""
        if not authorization:
            return ANONYMOUS
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("Authorization 头格式应为 Bearer <token>", reason="BAD_SCHEME")
        claims = self.tokens.decode_access(token.strip())
        viewer = viewer_from_claims(claims)
        keys = [revoked_key(str(viewer.token_id))]
        if viewer.device_id and viewer.account_id:
            keys.append(unbound_key(viewer.account_id, viewer.device_id))
        if await self.revocations.any_revoked(keys, viewer.expires_at or 0):
            await _record(audit.EventKind.REVOKED_TOKEN_USED, viewer)
            raise Unauthenticated("令牌已注销，请重新登录", reason="TOKEN_REVOKED")
        if viewer.device_id and viewer.device_id != device_id:
            # a handheld token is bound to the device it was issued to
            await _record(audit.EventKind.DEVICE_MISMATCH, viewer)
            raise Unauthenticated("令牌与设备不匹配", reason="DEVICE_MISMATCH")
        return viewer


async def _record(kind: audit.EventKind, viewer: Viewer) -> None:
    try:
        await audit.record(kind, account_id=viewer.account_id, client_id=viewer.client_id)
    except Exception:
        log.exception("could not write a security event")


async def audit_refusals(ctx: Any, errors: list) -> None:
    """One PERMISSION_DENIED event per FORBIDDEN error of an executed request."""
    for error in errors or ():
        if isinstance(getattr(error, "original_error", None), Forbidden):
            viewer = ctx.viewer
            try:
                await audit.record(
                    audit.EventKind.PERMISSION_DENIED, account_id=viewer.account_id,
                    client_id=viewer.client_id, ip=ctx.client_ip, request_id=ctx.request_id,
                    path=".".join(str(p) for p in error.path or ()))
            except Exception:
                log.exception("could not write a security event")


def build_auth_services(settings: Settings, redis, tokens: TokenService,
                        revocations: RevocationList) -> dict[str, Any]:
    """PII cipher, SMS sender and codes, identity provider, sessions."""
    pii = PiiCipher.from_secret(settings.pii_secret)
    # the outbox exposes codes, so it exists only outside production
    sms = LogSmsSender(keep_outbox=not settings.is_prod)
    return {
        "pii": pii,
        "sms": sms,
        "otp": OtpService(redis, pii, sms, daily_cap=settings.sms_daily_limit),
        "idp": IdentityProvider(settings.idp_url, settings.idp_app_id, settings.idp_app_secret,
                                redis, timeout=settings.idp_timeout_seconds),
        "sessions": SessionService(tokens, revocations),
    }


def dev_routes(settings: Settings, services: dict[str, Any]) -> list:
    """Development aids that must never exist in production."""
    if settings.is_prod:
        return []
    from starlette.routing import Route

    async def sms_outbox(request: Request) -> Response:
        """POST {"phone": ...} → the last code sent to it (the phone stays out of URLs)."""
        try:
            body = await request.json()
            phone = validate_mobile(str(body.get("phone", "")))
        except (ValueError, AttributeError, Refusal):
            return JSONResponse({"error": "phone required"}, status_code=400)
        return JSONResponse({"code": services["sms"].last_code(phone)})

    return [Route("/dev/sms-outbox", sms_outbox, methods=["POST"])]
