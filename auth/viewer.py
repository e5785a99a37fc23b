"""Who is asking: the identity every resolver authorizes against."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Viewer:
    """The authenticated subject of a request (or an anonymous visitor)."""

    kind: str = "ANONYMOUS"  # ANONYMOUS | CITIZEN | STAFF | CLIENT
    account_id: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    department_id: str | None = None
    region_code: str | None = None
    client_id: str | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    device_id: str | None = None
    token_id: str | None = None
    enterprise_ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "ANONYMOUS"

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def rate_key(self, ip: str) -> str:
        """The budget a request is charged to: account, client, else address."""
        if self.client_id:
            return f"client:{self.client_id}"
        if self.account_id:
            return f"account:{self.account_id}"
        return f"ip:{ip}"


ANONYMOUS = Viewer()
