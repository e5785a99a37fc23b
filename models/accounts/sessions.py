"""Refresh-token families: issue, rotate on every use, detect reuse, revoke."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from tortoise.transactions import in_transaction

from models.accounts.rules import REFRESH_RETRY_GRACE, REFRESH_TTL, refresh_state
from models.accounts.tables import Account, RefreshToken
from models.errors import Refusal

# issue(account, device_id, enterprise_id) -> (access token, jti, exp); may refuse
IssueAccess = Callable[[Account, str | None, str | None], Awaitable[tuple[str, str, int]]]
KEEP = object()  # rotate keeping the session's enterprise


def hash_token(token: str) -> str:
    """Refresh tokens are 256 random bits: a plain SHA-256 is enough to store."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class Rotation:
    """The outcome of presenting a refresh token. On refusal, ``revoked`` lists
    the (jti, exp) of access tokens to revoke too (reuse kills the family)."""

    refusal: Refusal | None = None
    account: Account | None = None
    access_token: str = ""
    expires_at: int = 0
    refresh_token: str = ""
    refresh_expires_at: datetime | None = None
    family_id: uuid.UUID | None = None
    reused: bool = False
    revoked: list[tuple[str, int]] = field(default_factory=list)


async def create(account_id: object, *, family_id: uuid.UUID | None, device_id: str | None,
                 enterprise_id: str | None, access_jti: str, access_expires_at: int,
                 now: datetime, parent_id: uuid.UUID | None = None) -> tuple[str, RefreshToken]:
    """A new refresh token (a new family unless ``family_id`` is given)."""
    token = secrets.token_urlsafe(32)
    row = await RefreshToken.create(
        id=uuid.uuid4(), family_id=family_id or uuid.uuid4(), parent_id=parent_id,
        token_hash=hash_token(token),
        account_id=account_id, device_id=device_id, enterprise_id=enterprise_id,
        access_jti=access_jti, access_expires_at=access_expires_at, created_at=now,
        expires_at=now + REFRESH_TTL)
    return token, row


def _bad() -> Refusal:
    return Refusal("INVALID_REFRESH_TOKEN", "登录状态已失效，请重新登录", "refreshToken")


async def rotate(token: str, *, now: datetime, device_id: str | None, issue: IssueAccess,
                 enterprise_id: object = KEEP, account_id: str | None = None) -> Rotation:
    """Use a refresh token once: mark it used and issue its successor in the
    same family. A token shown again after use revokes the whole family (and
    is committed before the refusal is returned) -- unless it is a retry: shown
    again within seconds while its successor is still unused (the response was
    lost), which replaces that successor. With ``account_id`` only that
    account's tokens are accepted."""
    async with in_transaction():
        row = await RefreshToken.filter(token_hash=hash_token(token or "")).select_for_update(
        ).first()
        if row is None or (account_id is not None and str(row.account_id) != account_id):
            return Rotation(refusal=_bad())
        lost = await _unused_successor(row, now)
        state = refresh_state(used=row.used_at is not None, revoked=row.revoked_at is not None,
                              expired=row.expires_at <= now, retry=lost is not None)
        refused = await _refusal(row, state, device_id, now)
        if refused is not None:
            return refused
        account = await Account.get(id=row.account_id)
        if not account.is_active:
            return Rotation(refusal=Refusal("ACCOUNT_DISABLED", "账户已停用，请联系管理员"),
                            revoked=await _revoke_family(row.family_id, now))
        revoked = await _revoke_rows([lost], now) if lost is not None else []
        chosen = (str(row.enterprise_id) if row.enterprise_id else None) \
            if enterprise_id is KEEP else enterprise_id
        access, jti, exp = await issue(account, row.device_id, chosen)  # type: ignore[arg-type]
        if row.used_at is None:
            row.used_at = now
            await row.save(update_fields=["used_at"])
        refresh, successor = await create(
            account.id, family_id=row.family_id, device_id=row.device_id, parent_id=row.id,
            enterprise_id=chosen, access_jti=jti, access_expires_at=exp, now=now)  # type: ignore[arg-type]
    return Rotation(account=account, access_token=access, expires_at=exp,
                    refresh_token=refresh, refresh_expires_at=successor.expires_at,
                    family_id=row.family_id, revoked=revoked)


async def _unused_successor(row: RefreshToken, now: datetime) -> RefreshToken | None:
    """The token issued for ``row`` if ``row`` was used moments ago and the
    successor has not been used: the client most likely never received it."""
    if row.used_at is None or now - row.used_at > REFRESH_RETRY_GRACE:
        return None
    return await RefreshToken.filter(parent_id=row.id, used_at__isnull=True,
                                     revoked_at__isnull=True).select_for_update().first()


async def _refusal(row: RefreshToken, state: str, device_id: str | None, now: datetime
                   ) -> Rotation | None:
    if state == "REUSED":
        revoked = await _revoke_family(row.family_id, now)
        return Rotation(refusal=Refusal("REFRESH_TOKEN_REUSED",
                                        "检测到登录凭证被重复使用，已注销该登录，请重新登录"),
                        reused=True, revoked=revoked, family_id=row.family_id,
                        account=await Account.get_or_none(id=row.account_id))
    if state not in ("VALID", "RETRY"):
        return Rotation(refusal=_bad(), family_id=row.family_id)
    if row.device_id and row.device_id != device_id:
        return Rotation(refusal=Refusal("DEVICE_MISMATCH", "登录凭证与设备不匹配"),
                        family_id=row.family_id)
    return None


async def _revoke_rows(rows: list[RefreshToken], now: datetime) -> list[tuple[str, int]]:
    await RefreshToken.filter(id__in=[r.id for r in rows]).update(revoked_at=now)
    stamp = int(now.timestamp())
    return [(r.access_jti, r.access_expires_at) for r in rows if r.access_expires_at > stamp]


async def _revoke_family(family_id: uuid.UUID, now: datetime) -> list[tuple[str, int]]:
    rows = await RefreshToken.filter(family_id=family_id).select_for_update()
    await _revoke_rows([r for r in rows if r.revoked_at is None], now)
    stamp = int(now.timestamp())
    return [(r.access_jti, r.access_expires_at) for r in rows if r.access_expires_at > stamp]


async def revoke_family(family_id: uuid.UUID, now: datetime) -> list[tuple[str, int]]:
    """Revoke every token of a family; returns the access tokens still alive."""
    async with in_transaction():
        return await _revoke_family(family_id, now)


async def family_for_sign_out(account_id: str, *, refresh_token: str | None,
                              access_jti: str | None) -> uuid.UUID | None:
    """The family a signing-out session belongs to: from its refresh token (if
    it is the caller's) or from the access token it was issued with."""
    qs = RefreshToken.filter(account_id=account_id)
    row = None
    if refresh_token:
        row = await qs.filter(token_hash=hash_token(refresh_token)).first()
    if row is None and access_jti:
        row = await qs.filter(access_jti=access_jti).first()
    return row.family_id if row else None


async def revoke_device(account_id: object, device_id: str, now: datetime
                        ) -> list[tuple[str, int]]:
    """Revoke every family issued on a device (it was unbound or replaced)."""
    families = await RefreshToken.filter(account_id=account_id, device_id=device_id,
                                         revoked_at__isnull=True).distinct().values_list(
                                             "family_id", flat=True)
    revoked: list[tuple[str, int]] = []
    for family in families:
        revoked.extend(await revoke_family(family, now))
    return revoked
