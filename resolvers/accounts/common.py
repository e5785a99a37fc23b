"""Shared by the account resolvers: audit with request details, session payloads."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from auth.sessions import Session
from models.accounts import audit
from models.accounts.audit import EventKind
from models.accounts.sessions import Rotation
from models.errors import Refusal
from models.identity.rules import mask_phone, validate_mobile
from resolvers.context import Context
from resolvers.errors import user_error
from schema.accounts import AccountError, AccountErrorCode, SessionPayload, Viewer

P = TypeVar("P", bound=SessionPayload)


def now() -> datetime:
    return datetime.now(UTC)


async def record(ctx: Context, kind: EventKind, *, account_id: object = None,
                 client_id: str | None = None, **detail: Any) -> None:
    """A security event with this request's address and id (never PII in detail)."""
    await audit.record(kind, account_id=account_id, client_id=client_id or ctx.viewer.client_id,
                       ip=ctx.client_ip, request_id=ctx.request_id, **detail)


def refused(payload: type[Any], refusal: Refusal, **extra: Any) -> Any:
    return payload(errors=[user_error(refusal, AccountError, AccountErrorCode)], **extra)


def session_payload(payload: type[P], session: Session | Rotation, **extra: Any) -> P:
    return payload(access_token=session.access_token, expires_at=session.expires_at,
                   refresh_token=session.refresh_token,
                   refresh_expires_at=session.refresh_expires_at,
                   viewer=Viewer.from_row(session.account), **extra)


def device_of(ctx: Context) -> str | None:
    """The device a request comes from: X-Device-Id, or the WS connection param."""
    if ctx.connection_params and isinstance(ctx.connection_params.get("deviceId"), str):
        return ctx.connection_params["deviceId"]
    headers = getattr(ctx.request, "headers", None)
    return headers.get("x-device-id") if headers is not None else None


def phone_of(raw: str) -> str:
    """The normalised phone, or a refusal on the input's `phone` field."""
    return validate_mobile(raw, "phone")


def masked(raw: str) -> str:
    """What the audit log may hold of a phone number."""
    return mask_phone(raw)
