"""Who is asking: the identity every resolver authorizes against."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Viewer:
    """The authenticated subject of a request (or an anonymous visitor).

    ``kind`` is ANONYMOUS, CITIZEN (natural persons, including enterprise
    users), STAFF or CLIENT (a registered third-party application).

    A citizen session acts either for the person or for **one** enterprise
    chosen with ``authEnterpriseSwitch``: then ``acting_enterprise_id`` is that
    enterprise, ``enterprise_ids`` is ``{acting_enterprise_id}``, ``roles``
    include ENTERPRISE_USER and ``enterprise_role`` is the person's role for it
    (LEGAL_REPRESENTATIVE or AGENT). Scope enterprise data by
    ``enterprise_ids`` (or ``auth.permissions.acts_for_enterprise``).
    """

    kind: str = "ANONYMOUS"  # ANONYMOUS | CITIZEN | STAFF | CLIENT
    account_id: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    department_id: str | None = None
    region_code: str | None = None
    client_id: str | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    device_id: str | None = None  # set only on tokens issued to an activated handheld
    token_id: str | None = None
    enterprise_ids: frozenset[str] = field(default_factory=frozenset)
    acting_enterprise_id: str | None = None
    enterprise_role: str | None = None  # LEGAL_REPRESENTATIVE | AGENT while acting
    expires_at: int | None = None  # the access token's `exp` (Unix seconds)

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "ANONYMOUS"

    @property
    def is_staff(self) -> bool:
        return self.kind == "STAFF"

    @property
    def is_citizen(self) -> bool:
        return self.kind == "CITIZEN"

    @property
    def is_client(self) -> bool:
        return self.kind == "CLIENT"

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
