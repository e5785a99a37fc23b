"""Handheld (掌上执法) activation: codes issued by an admin, used once to bind a device."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from models.accounts.rules import (
    ACTIVATION_ALPHABET,
    ACTIVATION_CODE_LENGTH,
    ACTIVATION_CODE_TTL,
    ACTIVATION_RETRY_WINDOW,
    Role,
    check_device_id,
    format_activation_code,
    normalise_activation_code,
)
from models.accounts.tables import Account, DeviceActivation
from models.errors import Refusal


def hash_code(code: str) -> str:
    """Codes carry ~59 random bits and expire in days: SHA-256 is enough."""
    return hashlib.sha256(normalise_activation_code(code).encode()).hexdigest()


async def staff_account(account_id: str) -> Account | None:
    """A staff account with its department (for the admin's scope check)."""
    try:
        uuid.UUID(str(account_id))
    except ValueError:
        return None
    return await Account.get_or_none(id=account_id, kind="STAFF").select_related("department")


async def issue_code(account: Account, *, issued_by: str | None, now: datetime,
                     code: str | None = None, ttl: timedelta = ACTIVATION_CODE_TTL
                     ) -> tuple[str, DeviceActivation]:
    """A new code for ``account``; earlier unused codes stop working.
    Returns (code as shown, row). ``code`` and ``ttl`` are for demo data only."""
    if Role.INSPECTOR.value not in account.roles:
        raise Refusal("NOT_A_HANDHELD_ACCOUNT", "只能为执法人员发放执法终端激活码", "accountId")
    if account.department_id is None:
        raise Refusal("NO_DEPARTMENT", "该账户未分配部门，不能发放执法终端")
    raw = normalise_activation_code(code) if code else "".join(
        secrets.choice(ACTIVATION_ALPHABET) for _ in range(ACTIVATION_CODE_LENGTH))
    async with in_transaction():
        await DeviceActivation.filter(account_id=account.id, activated_at__isnull=True,
                                      superseded_at__isnull=True).update(superseded_at=now)
        row = await DeviceActivation.create(
            id=uuid.uuid4(), account_id=account.id, department_id=account.department_id,
            code_hash=hash_code(raw), issued_by_id=issued_by, issued_at=now,
            expires_at=now + ttl)
    return format_activation_code(raw), row


def _invalid() -> Refusal:
    return Refusal("INVALID_ACTIVATION_CODE", "激活码无效或已失效，请联系部门管理员重新发放",
                   "code")


async def activate(code: str, device_id: str, *, now: datetime
                   ) -> tuple[Account, str | None]:
    """Bind ``device_id`` to the code's account. Returns (account, the device it
    was bound to before, if another). Retrying from the same device shortly
    after success gives the same result."""
    device = check_device_id(device_id)
    if not normalise_activation_code(code):
        raise _invalid()
    async with in_transaction():
        row = await DeviceActivation.filter(code_hash=hash_code(code)).select_for_update(
        ).first()
        if row is None or row.superseded_at is not None:
            raise _invalid()
        account = await Account.filter(id=row.account_id).select_for_update().get()
        if row.activated_at is not None:
            if row.device_id == device and now - row.activated_at <= ACTIVATION_RETRY_WINDOW:
                return account, None
            raise Refusal("ACTIVATION_CODE_USED", "激活码已被使用，每个激活码只能激活一次",
                          "code")
        if row.expires_at <= now:
            raise Refusal("ACTIVATION_CODE_EXPIRED", "激活码已过期，请联系部门管理员重新发放",
                          "code")
        if not account.is_active:
            raise Refusal("ACCOUNT_DISABLED", "账户已停用，请联系管理员")
        previous = account.device_id if account.device_id != device else None
        row.activated_at, row.device_id = now, device
        await row.save(update_fields=["activated_at", "device_id"])
        account.device_id, account.device_bound_at = device, now
        await account.save(update_fields=["device_id", "device_bound_at"])
    return account, previous


async def activation_counts(department_id: str) -> tuple[int, int]:
    """(codes issued, codes activated) for a department."""
    issued = await DeviceActivation.filter(department_id=department_id).count()
    activated = await DeviceActivation.filter(department_id=department_id,
                                              activated_at__isnull=False).count()
    return issued, activated
