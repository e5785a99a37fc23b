"""Sign-in and token inputs and payloads (all sign-ins return a SessionPayload)."""

from __future__ import annotations

import strawberry

from schema.accounts import AccountError, SessionPayload, Viewer


@strawberry.input(description="工作人员用户名密码登录")
class AuthSignInInput:
    username: str
    password: str
    device_id: str | None = strawberry.field(
        default=None, description="执法终端登录时填写已激活的设备标识；令牌将绑定此设备")


@strawberry.type
class AuthSignInPayload(SessionPayload):
    pass


@strawberry.input(description="获取短信验证码")
class AuthSmsCodeSendInput:
    phone: str


@strawberry.type
class AuthSmsCodeSendPayload:
    cooldown_seconds: int | None = strawberry.field(
        default=None, description="多少秒后可以再次获取")
    expires_in_seconds: int | None = strawberry.field(default=None,
                                                      description="验证码有效期（秒）")
    errors: list[AccountError] = strawberry.field(default_factory=list)


@strawberry.input(description="手机号 + 短信验证码登录（首次登录自动注册个人账户）")
class AuthSmsSignInInput:
    phone: str
    code: str


@strawberry.type
class AuthSmsSignInPayload(SessionPayload):
    account_created: bool = strawberry.field(default=False, description="是否首次登录新建了账户")


@strawberry.input(description="宿主平台（浙里办）票据登录：票据一次有效")
class AuthTicketSignInInput:
    ticket: str


@strawberry.type
class AuthTicketSignInPayload(SessionPayload):
    account_created: bool = False


@strawberry.input(description="用刷新令牌换取新的令牌（刷新令牌随即作废）")
class AuthTokenRefreshInput:
    refresh_token: str


@strawberry.type
class AuthTokenRefreshPayload(SessionPayload):
    pass


@strawberry.input(description="切换本次登录代表的企业；enterpriseId 为空时回到个人身份")
class AuthEnterpriseSwitchInput:
    refresh_token: str
    enterprise_id: strawberry.ID | None = None


@strawberry.type
class AuthEnterpriseSwitchPayload(SessionPayload):
    pass


@strawberry.input(description="退出登录：注销当前访问令牌及其刷新令牌族")
class AuthSignOutInput:
    refresh_token: str | None = None


@strawberry.type
class AuthSignOutPayload:
    signed_out: bool = False
    errors: list[AccountError] = strawberry.field(default_factory=list)


@strawberry.input(description="执法终端激活：激活码只能使用一次，激活后绑定设备")
class DeviceActivateInput:
    code: str
    device_id: str


@strawberry.type
class DeviceActivatePayload(SessionPayload):
    pass


@strawberry.input(description="个人用户补全实名信息（校验身份证号）")
class CitizenRealNameCompleteInput:
    name: str
    id_number: str


@strawberry.type
class CitizenRealNameCompletePayload:
    viewer: Viewer | None = None
    errors: list[AccountError] = strawberry.field(default_factory=list)


@strawberry.input(description="第三方应用客户端凭证授权（client credentials）")
class AuthClientCredentialsGrantInput:
    client_id: str
    client_secret: str
    scopes: list[str] | None = strawberry.field(
        default=None, description="申请的授权范围；不填则为登记的全部范围")


@strawberry.type
class AuthClientCredentialsGrantPayload:
    access_token: str | None = None
    expires_at: int | None = None
    scopes: list[str] = strawberry.field(default_factory=list)
    errors: list[AccountError] = strawberry.field(default_factory=list)
