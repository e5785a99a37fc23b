"""The security audit log: one row per security-relevant event."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from models.accounts.tables import SecurityEvent


class EventKind(StrEnum):
    SIGN_IN = "SIGN_IN"  # any successful sign-in; detail.method says how
    SIGN_IN_FAILED = "SIGN_IN_FAILED"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    SMS_CODE_SENT = "SMS_CODE_SENT"
    SMS_CODE_REFUSED = "SMS_CODE_REFUSED"  # cooldown or daily cap
    SMS_CODE_EXHAUSTED = "SMS_CODE_EXHAUSTED"  # too many wrong codes: code burned
    TICKET_REFUSED = "TICKET_REFUSED"
    # a used refresh token came back: its family was revoked
    TOKEN_REUSE = "TOKEN_REUSE"  # noqa: S105 - an event name, not a secret
    REVOKED_TOKEN_USED = "REVOKED_TOKEN_USED"  # noqa: S105 - an event name, not a secret
    DEVICE_MISMATCH = "DEVICE_MISMATCH"
    DEVICE_CODE_ISSUED = "DEVICE_CODE_ISSUED"
    DEVICE_ACTIVATED = "DEVICE_ACTIVATED"
    DEVICE_ACTIVATION_FAILED = "DEVICE_ACTIVATION_FAILED"
    CLIENT_TOKEN = "CLIENT_TOKEN"  # noqa: S105 - an event name, not a secret
    CLIENT_AUTH_FAILED = "CLIENT_AUTH_FAILED"
    CLIENT_REGISTERED = "CLIENT_REGISTERED"
    SIGN_OUT = "SIGN_OUT"
    ENTERPRISE_SWITCH = "ENTERPRISE_SWITCH"
    ENTERPRISE_LINK_CREATED = "ENTERPRISE_LINK_CREATED"
    REAL_NAME_COMPLETED = "REAL_NAME_COMPLETED"
    PERMISSION_DENIED = "PERMISSION_DENIED"


async def record(kind: EventKind, *, account_id: object = None, client_id: str | None = None,
                 ip: str = "", request_id: str = "", now: datetime | None = None,
                 **detail: Any) -> None:
    """Write one event. Callers pass masked values only: this table is read by
    administrators, and personal data stays with its owner."""
    await SecurityEvent.create(
        id=uuid.uuid4(), occurred_at=now or datetime.now(UTC), kind=kind.value,
        account_id=account_id, client_id=client_id, ip=ip[:64], request_id=request_id[:64],
        detail={k: v for k, v in detail.items() if v is not None})
