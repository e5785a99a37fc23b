"""Sessions: an access JWT plus a rotating refresh token; revocation in Redis
(auth.revocation)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from auth.revocation import RevocationList, revoked_key, unbound_key
from auth.tokens import ACCESS_TTL_SECONDS, TokenService
from auth.viewer import Viewer
from models.accounts import sessions as families
from models.accounts.citizens import enterprise_link
from models.accounts.rules import Role
from models.accounts.tables import Account
from models.errors import Refusal
from models.regions.tables import Department


@dataclass(frozen=True)
class Session:
    account: Account
    access_token: str
    expires_at: int
    refresh_token: str
    refresh_expires_at: datetime


class SessionService:
    def __init__(self, tokens: TokenService, revocations: RevocationList, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.tokens = tokens
        self.revocations = revocations
        self.clock = clock

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    async def identity(self, account: Account, *, device_id: str | None = None,
                       enterprise_id: str | None = None) -> Viewer:
        """The claims an account's token carries (roles read afresh each time)."""
        region = None
        if account.department_id:
            region = await Department.filter(id=account.department_id).first().values_list(
                "region_id", flat=True)
        roles = set(account.roles)
        acting = role = None
        if enterprise_id:
            link = await enterprise_link(str(account.id), enterprise_id)
            if link is None:
                raise Refusal("ENTERPRISE_NOT_LINKED", "您无权代表该企业办理业务", "enterpriseId")
            acting, role = str(link.enterprise_id), link.role
            roles.add(Role.ENTERPRISE_USER.value)
        return Viewer(kind=account.kind, account_id=str(account.id), roles=frozenset(roles),
                      department_id=str(account.department_id) if account.department_id else None,
                      region_code=region, device_id=device_id,
                      enterprise_ids=frozenset({acting}) if acting else frozenset(),
                      acting_enterprise_id=acting, enterprise_role=role)

    async def _access(self, account: Account, device_id: str | None,
                      enterprise_id: str | None) -> tuple[str, str, int]:
        viewer = await self.identity(account, device_id=device_id, enterprise_id=enterprise_id)
        return self.tokens.issue_access(viewer, now=self.clock())

    async def start(self, account: Account, *, device_id: str | None = None,
                    enterprise_id: str | None = None) -> Session:
        """A new session (a new refresh-token family) after a sign-in."""
        access, jti, exp = await self._access(account, device_id, enterprise_id)
        refresh, row = await families.create(
            account.id, family_id=None, device_id=device_id, enterprise_id=enterprise_id,
            access_jti=jti, access_expires_at=exp, now=self.now())
        return Session(account, access, exp, refresh, row.expires_at)

    async def rotate(self, refresh_token: str, *, device_id: str | None,
                     enterprise_id: object = families.KEEP,
                     account_id: str | None = None) -> families.Rotation:
        """Use a refresh token; on reuse the family's access tokens are revoked
        here before the refusal is handed back."""
        rotation = await families.rotate(refresh_token, now=self.now(), device_id=device_id,
                                         issue=self._access, enterprise_id=enterprise_id,
                                         account_id=account_id)
        await self.revoke_access(rotation.revoked)
        return rotation

    async def revoke_access(self, tokens: Iterable[tuple[str, int]]) -> None:
        """Revoke access tokens by jti until they would have expired anyway."""
        now = int(self.clock())
        for jti, exp in tokens:
            if exp > now:
                await self.revocations.revoke(revoked_key(jti), exp - now)

    async def sign_out(self, viewer: Viewer, refresh_token: str | None) -> None:
        """Revoke this access token and the session's refresh family."""
        if not viewer.account_id or not viewer.token_id:
            return
        await self.revoke_access([(viewer.token_id, viewer.expires_at or
                                   int(self.clock()) + ACCESS_TTL_SECONDS)])
        family = await families.family_for_sign_out(
            viewer.account_id, refresh_token=refresh_token, access_jti=viewer.token_id)
        if family is not None:
            await self.revoke_access(await families.revoke_family(family, self.now()))

    async def unbind_device(self, account_id: str, device_id: str) -> None:
        """A replaced handheld: its refresh families and live tokens die."""
        await self.revocations.revoke(unbound_key(account_id, device_id), ACCESS_TTL_SECONDS)
        await self.revoke_access(await families.revoke_device(account_id, device_id, self.now()))
