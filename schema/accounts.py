"""Accounts: the viewer, accounts as others see them, enterprises, sign-in payloads."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from models.accounts.rules import (
    ID_NUMBER_CONTEXT,
    LINK_ROLE_LABELS,
    PHONE_CONTEXT,
    ROLE_LABELS,
)
from models.accounts.rules import LinkRole as LinkRoleValue
from models.accounts.rules import Role as RoleValue
from models.identity.rules import mask_name, mask_phone, mask_resident_id
from schema.errors import UserError
from schema.node import Node, to_global_id
from schema.regions import Department

Role = strawberry.enum(RoleValue, description="角色")
LinkRole = strawberry.enum(LinkRoleValue, description="代表企业的身份：法定代表人或经办人")


@strawberry.enum(description="账户相关的业务错误码")
class AccountErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"
    ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND"
    NOT_A_CITIZEN_ACCOUNT = "NOT_A_CITIZEN_ACCOUNT"
    INVALID_PHONE = "INVALID_PHONE"
    INVALID_SMS_CODE = "INVALID_SMS_CODE"
    SMS_CODE_EXPIRED = "SMS_CODE_EXPIRED"
    SMS_CODE_ATTEMPTS_EXCEEDED = "SMS_CODE_ATTEMPTS_EXCEEDED"
    SMS_COOLDOWN = "SMS_COOLDOWN"
    SMS_DAILY_LIMIT = "SMS_DAILY_LIMIT"
    INVALID_TICKET = "INVALID_TICKET"
    TICKET_USED = "TICKET_USED"
    IDP_UNAVAILABLE = "IDP_UNAVAILABLE"
    IDP_BAD_IDENTITY = "IDP_BAD_IDENTITY"
    INVALID_NAME = "INVALID_NAME"
    INVALID_ID_NUMBER_FORMAT = "INVALID_ID_NUMBER_FORMAT"
    INVALID_ID_NUMBER_BIRTHDATE = "INVALID_ID_NUMBER_BIRTHDATE"
    INVALID_ID_NUMBER_CHECKSUM = "INVALID_ID_NUMBER_CHECKSUM"
    ID_NUMBER_TAKEN = "ID_NUMBER_TAKEN"
    REAL_NAME_ALREADY_VERIFIED = "REAL_NAME_ALREADY_VERIFIED"
    INVALID_CREDIT_CODE_FORMAT = "INVALID_CREDIT_CODE_FORMAT"
    INVALID_CREDIT_CODE_CHECKSUM = "INVALID_CREDIT_CODE_CHECKSUM"
    ENTERPRISE_NOT_LINKED = "ENTERPRISE_NOT_LINKED"
    INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN"  # noqa: S105 - an error code, not a secret
    REFRESH_TOKEN_REUSED = "REFRESH_TOKEN_REUSED"  # noqa: S105 - an error code, not a secret
    DEVICE_MISMATCH = "DEVICE_MISMATCH"
    DEVICE_NOT_BOUND = "DEVICE_NOT_BOUND"
    INVALID_DEVICE_ID = "INVALID_DEVICE_ID"
    INVALID_ACTIVATION_CODE = "INVALID_ACTIVATION_CODE"
    ACTIVATION_CODE_USED = "ACTIVATION_CODE_USED"
    ACTIVATION_CODE_EXPIRED = "ACTIVATION_CODE_EXPIRED"
    NOT_A_HANDHELD_ACCOUNT = "NOT_A_HANDHELD_ACCOUNT"
    NO_DEPARTMENT = "NO_DEPARTMENT"
    INVALID_CLIENT = "INVALID_CLIENT"
    INVALID_SCOPE = "INVALID_SCOPE"
    CLIENT_ID_TAKEN = "CLIENT_ID_TAKEN"


@strawberry.type(description="账户业务错误")
class AccountError(UserError):
    code: AccountErrorCode


def _decrypt(info: strawberry.Info, enc: str | None, context: str) -> str | None:
    return None if enc is None else info.context.services["pii"].decrypt(enc, context=context)


def _reveal(info: strawberry.Info, owner_id: str, enc: str | None, context: str,
            mask: Any) -> str | None:
    """Decrypt a personal-data field: in full for its owner, masked for anyone else."""
    plain = _decrypt(info, enc, context)
    if plain is None or info.context.viewer.account_id == owner_id:
        return plain
    return mask(plain)


@strawberry.type(description="企业（以统一社会信用代码标识）")
class Enterprise(Node):
    credit_code: str = strawberry.field(description="统一社会信用代码（18位）")
    name: str

    @classmethod
    def from_row(cls, row: Any) -> Enterprise:
        return cls(id=to_global_id("Enterprise", row.id), credit_code=row.credit_code,
                   name=row.name)


@strawberry.type(description="个人与企业的关联：可代表该企业办理业务")
class EnterpriseLink:
    enterprise: Enterprise
    role: LinkRole  # type: ignore[valid-type]
    role_label: str

    @classmethod
    def from_row(cls, row: Any) -> EnterpriseLink:
        role = LinkRoleValue(row.role)
        return cls(enterprise=Enterprise.from_row(row.enterprise), role=role,
                   role_label=LINK_ROLE_LABELS[role])


@strawberry.type(description="账户（他人视角）：身份证号和手机号打码；个人用户姓名打码。"
                 "只有本人看到完整信息。")
class Account(Node):
    kind: str
    roles: list[Role]  # type: ignore[valid-type]
    badge_number: str | None = strawberry.field(description="执法证号（执法人员）")
    account_key: strawberry.Private[str]
    name: strawberry.Private[str]
    phone_enc: strawberry.Private[str | None]
    id_number_enc: strawberry.Private[str | None]
    department_id: strawberry.Private[str | None]

    @strawberry.field(description="姓名；个人用户对他人显示为打码形式（张*）")
    def display_name(self, info: strawberry.Info) -> str:
        if self.kind == "CITIZEN" and info.context.viewer.account_id != self.account_key:
            return mask_name(self.name)
        return self.name

    @strawberry.field(description="手机号；本人可见完整号码，他人为 138****5678")
    def phone(self, info: strawberry.Info) -> str | None:
        return _reveal(info, self.account_key, self.phone_enc, PHONE_CONTEXT, mask_phone)

    @strawberry.field(description="身份证号；本人可见完整号码，他人为 3301**********1234")
    def id_number(self, info: strawberry.Info) -> str | None:
        return _reveal(info, self.account_key, self.id_number_enc, ID_NUMBER_CONTEXT,
                       mask_resident_id)

    @strawberry.field(description="所属部门（工作人员）")
    async def department(self, info: strawberry.Info) -> Department | None:
        if not self.department_id:
            return None
        row = await info.context.loaders["department"].load(self.department_id)
        return Department.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any) -> Account:
        return cls(id=to_global_id("Account", row.id), kind=row.kind,
                   roles=[RoleValue(r) for r in row.roles], badge_number=row.badge_number,
                   account_key=str(row.id), name=row.display_name, phone_enc=row.phone_enc,
                   id_number_enc=row.id_number_enc,
                   department_id=str(row.department_id) if row.department_id else None)


@strawberry.type(description="当前登录的账户（只有本人可见，个人信息完整显示）")
class Viewer(Node):
    kind: str
    display_name: str
    roles: list[Role]  # type: ignore[valid-type]
    role_labels: list[str]
    department_code: str | None = None
    real_name_verified: bool = strawberry.field(
        default=False, description="姓名与身份证号是否经统一身份认证核验")
    badge_number: str | None = strawberry.field(default=None, description="执法证号")
    enforcement_fields: list[str] = strawberry.field(default_factory=list,
                                                     description="执法领域")
    legal_qualified: bool = strawberry.field(default=False, description="是否具有法制审核资格")
    bound_device_id: str | None = strawberry.field(default=None,
                                                   description="已绑定的执法终端设备标识")
    account_key: strawberry.Private[str] = ""
    phone_enc: strawberry.Private[str | None] = None
    id_number_enc: strawberry.Private[str | None] = None
    department_id: strawberry.Private[str | None] = None

    # A Viewer is only ever built for the account's owner (the `viewer` query,
    # sign-in payloads), so its personal data is shown in full.
    @strawberry.field(description="手机号（完整）")
    def phone(self, info: strawberry.Info) -> str | None:
        return _decrypt(info, self.phone_enc, PHONE_CONTEXT)

    @strawberry.field(description="身份证号（完整）")
    def id_number(self, info: strawberry.Info) -> str | None:
        return _decrypt(info, self.id_number_enc, ID_NUMBER_CONTEXT)

    @strawberry.field(description="所属部门")
    async def department(self, info: strawberry.Info) -> Department | None:
        if not self.department_id:
            return None
        row = await info.context.loaders["department"].load(self.department_id)
        return Department.from_row(row) if row else None

    @strawberry.field(description="可代表的企业")
    async def enterprises(self, info: strawberry.Info) -> list[EnterpriseLink]:
        rows = await info.context.loaders["enterprise_links"].load(self.account_key)
        return [EnterpriseLink.from_row(r) for r in rows]

    @strawberry.field(description="本次登录代表的企业；以个人身份登录时为 null")
    async def acting_enterprise(self, info: strawberry.Info) -> EnterpriseLink | None:
        acting = info.context.viewer.acting_enterprise_id
        if not acting:
            return None
        rows = await info.context.loaders["enterprise_links"].load(self.account_key)
        return next((EnterpriseLink.from_row(r) for r in rows
                     if str(r.enterprise_id) == acting), None)

    @classmethod
    def from_row(cls, row: Any, department_code: str | None = None) -> Viewer:
        roles = [RoleValue(r) for r in row.roles]
        return cls(id=to_global_id("Account", row.id), kind=row.kind,
                   display_name=row.display_name, roles=roles,
                   role_labels=[ROLE_LABELS[r] for r in roles],
                   department_code=department_code,
                   real_name_verified=row.real_name_verified, badge_number=row.badge_number,
                   enforcement_fields=list(row.enforcement_fields or []),
                   legal_qualified=row.legal_qualified, bound_device_id=row.device_id,
                   account_key=str(row.id), phone_enc=row.phone_enc,
                   id_number_enc=row.id_number_enc,
                   department_id=str(row.department_id) if row.department_id else None)


@strawberry.type(description="登录成功后得到的令牌")
class SessionPayload:
    access_token: str | None = strawberry.field(
        default=None, description="访问令牌（EdDSA JWT，15 分钟），放在 Authorization: Bearer")
    expires_at: int | None = strawberry.field(default=None, description="访问令牌过期时间，Unix 秒")
    refresh_token: str | None = strawberry.field(
        default=None, description="刷新令牌（不透明字符串，每次使用后作废并换发新的）")
    refresh_expires_at: datetime | None = None
    viewer: Viewer | None = None
    errors: list[AccountError] = strawberry.field(default_factory=list)
