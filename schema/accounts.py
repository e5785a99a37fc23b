"""Account types, sign-in inputs and payloads."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from models.accounts.rules import ROLE_LABELS
from models.accounts.rules import Role as RoleValue
from schema.errors import UserError
from schema.node import Node, to_global_id

Role = strawberry.enum(RoleValue, description="角色")


@strawberry.enum(description="账户相关的业务错误码")
class AccountErrorCode(Enum):
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"
    INVALID_INPUT = "INVALID_INPUT"


@strawberry.type(description="账户业务错误")
class AccountError(UserError):
    code: AccountErrorCode


@strawberry.type(description="当前登录的账户（只有本人可见）")
class Viewer(Node):
    kind: str
    display_name: str
    roles: list[Role]  # type: ignore[valid-type]
    role_labels: list[str]
    department_code: str | None = None

    @classmethod
    def from_row(cls, row: Any, department_code: str | None = None) -> Viewer:
        roles = [RoleValue(r) for r in row.roles]
        return cls(id=to_global_id("Account", row.id), kind=row.kind,
                   display_name=row.display_name, roles=roles,
                   role_labels=[ROLE_LABELS[r] for r in roles],
                   department_code=department_code)


@strawberry.input(description="工作人员用户名密码登录")
class AuthSignInInput:
    username: str
    password: str


@strawberry.type
class AuthSignInPayload:
    access_token: str | None = None
    expires_at: int | None = strawberry.field(default=None, description="Unix 秒")
    viewer: Viewer | None = None
    errors: list[AccountError] = strawberry.field(default_factory=list)
