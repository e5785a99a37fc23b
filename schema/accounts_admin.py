"""Administration of accounts: handheld activation, third-party clients,
enterprise links recorded by staff, and the security audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from models.accounts.audit import EventKind
from schema.accounts import Account, AccountError, EnterpriseLink, LinkRole
from schema.node import Node, to_global_id
from schema.regions import Department

SecurityEventKind = strawberry.enum(EventKind, description="安全审计事件类型")


@strawberry.input(description="为执法人员发放终端激活码（之前未使用的激活码随即作废）")
class DeviceActivationCodeIssueInput:
    account_id: strawberry.ID = strawberry.field(description="执法人员账户的全局 ID")


@strawberry.type
class DeviceActivationCodeIssuePayload:
    code: str | None = strawberry.field(default=None,
                                        description="激活码（只显示这一次），如 ABCD-EFGH-JKMN")
    expires_at: datetime | None = None
    errors: list[AccountError] = strawberry.field(default_factory=list)


@strawberry.type(description="部门执法终端激活率")
class DeviceActivationStats:
    department: Department
    issued: int = strawberry.field(description="已发放激活码数")
    activated: int = strawberry.field(description="已激活数")
    rate: float | None = strawberry.field(description="激活率（已激活 / 已发放）；未发放时为 null")


@strawberry.type(description="已登记的第三方应用")
class ApiClient:
    client_id: str
    name: str
    scopes: list[str]
    is_active: bool

    @classmethod
    def from_row(cls, row: Any) -> ApiClient:
        return cls(client_id=row.client_id, name=row.name, scopes=list(row.scopes),
                   is_active=row.is_active)


@strawberry.input(description="登记第三方应用")
class ApiClientRegisterInput:
    name: str
    scopes: list[str] = strawberry.field(
        description="授权范围：catalogue:read、progress:read、policies:read、ratings:read")


@strawberry.type
class ApiClientRegisterPayload:
    client: ApiClient | None = None
    client_secret: str | None = strawberry.field(
        default=None, description="客户端密钥（只显示这一次，服务端只保存其哈希）")
    errors: list[AccountError] = strawberry.field(default_factory=list)


@strawberry.input(description="登记个人代表企业办事的身份（窗口核验证照后）")
class EnterpriseLinkCreateInput:
    credit_code: str
    enterprise_name: str
    phone: str = strawberry.field(description="该个人账户登录用的手机号")
    role: LinkRole  # type: ignore[valid-type]


@strawberry.type
class EnterpriseLinkCreatePayload:
    link: EnterpriseLink | None = None
    errors: list[AccountError] = strawberry.field(default_factory=list)


@strawberry.type(description="安全审计事件")
class SecurityEvent(Node):
    kind: SecurityEventKind  # type: ignore[valid-type]
    occurred_at: datetime
    client_id: str | None
    ip: str
    request_id: str
    detail: JSON
    account_key: strawberry.Private[str | None]

    @strawberry.field(description="相关账户")
    async def account(self, info: strawberry.Info) -> Account | None:
        if not self.account_key:
            return None
        row = await info.context.loaders["account"].load(self.account_key)
        return Account.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any) -> SecurityEvent:
        return cls(id=to_global_id("SecurityEvent", row.id), kind=EventKind(row.kind),
                   occurred_at=row.occurred_at, client_id=row.client_id, ip=row.ip,
                   request_id=row.request_id, detail=row.detail,
                   account_key=str(row.account_id) if row.account_id else None)

