"""Citizens' real-name details, enterprise links and third-party client registration."""

from __future__ import annotations

import strawberry

from auth.passwords import hash_password
from auth.permissions import describe, require_kind, require_roles
from models.accounts import citizens, clients
from models.accounts.audit import EventKind
from models.accounts.otp_rules import CHINA
from models.accounts.rules import LinkRole
from models.errors import Refusal
from resolvers.accounts.common import now, record, refused
from schema.accounts import EnterpriseLink, Viewer
from schema.accounts_admin import (
    ApiClient,
    ApiClientRegisterInput,
    ApiClientRegisterPayload,
    EnterpriseLinkCreateInput,
    EnterpriseLinkCreatePayload,
)
from schema.accounts_auth import CitizenRealNameCompleteInput, CitizenRealNameCompletePayload

LINK_RECORDERS = ("CLERK", "DEPT_ADMIN", "SYSTEM_ADMIN")


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(description=describe(
        "补全实名信息：姓名与身份证号（校验位、出生日期）。已经统一身份认证核验的不能修改。",
        "个人用户"))
    async def citizen_real_name_complete(
        self, info: strawberry.Info, input: CitizenRealNameCompleteInput
    ) -> CitizenRealNameCompletePayload:
        ctx = info.context
        viewer = require_kind(ctx.viewer, "CITIZEN")
        try:
            account = await citizens.complete_real_name(
                ctx.services["pii"], viewer.account_id, input.name, input.id_number,
                today=now().astimezone(CHINA).date())
        except Refusal as refusal:
            return refused(CitizenRealNameCompletePayload, refusal)
        await record(ctx, EventKind.REAL_NAME_COMPLETED, account_id=account.id)
        return CitizenRealNameCompletePayload(viewer=Viewer.from_row(account))

    @strawberry.mutation(description=describe(
        "登记个人代表企业办事的身份（法定代表人或经办人），窗口核验证照后操作。重复登记无副作用。",
        *LINK_RECORDERS))
    async def enterprise_link_create(self, info: strawberry.Info,
                                     input: EnterpriseLinkCreateInput
                                     ) -> EnterpriseLinkCreatePayload:
        ctx = info.context
        viewer = require_roles(ctx.viewer, *LINK_RECORDERS)
        try:
            link = await citizens.link_enterprise(
                ctx.services["pii"], credit_code=input.credit_code,
                enterprise_name=input.enterprise_name, phone=input.phone,
                role=LinkRole(input.role.value))
        except Refusal as refusal:
            return refused(EnterpriseLinkCreatePayload, refusal)
        await record(ctx, EventKind.ENTERPRISE_LINK_CREATED, account_id=viewer.account_id,
                     person=str(link.account_id), enterprise=str(link.enterprise_id),
                     role=link.role)
        return EnterpriseLinkCreatePayload(link=EnterpriseLink.from_row(link))

    @strawberry.mutation(description=describe(
        "登记第三方应用，返回 client_id 和只显示一次的 client_secret。", "SYSTEM_ADMIN"))
    async def api_client_register(self, info: strawberry.Info, input: ApiClientRegisterInput
                                  ) -> ApiClientRegisterPayload:
        ctx = info.context
        viewer = require_roles(ctx.viewer, "SYSTEM_ADMIN")
        try:
            row, secret = await clients.register(input.name, list(input.scopes),
                                                 hash_secret=hash_password)
        except Refusal as refusal:
            return refused(ApiClientRegisterPayload, refusal)
        await record(ctx, EventKind.CLIENT_REGISTERED, account_id=viewer.account_id,
                     client=row.client_id)
        return ApiClientRegisterPayload(client=ApiClient.from_row(row), client_secret=secret)
