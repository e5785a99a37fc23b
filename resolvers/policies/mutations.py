"""Policy maintenance (department admins of the policy's region) and the enterprise profile."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_enterprise, require_roles
from models.errors import Refusal
from models.policies import service
from models.policies.rules import Action, Attachment, PolicyTerms
from models.policies.vocabulary import EnterpriseSize, Industry, SupportType
from resolvers.consultations.access import decode
from resolvers.errors import user_error
from resolvers.public import public_data_changed
from schema.policies import (
    EnterpriseProfile,
    Policy,
    PolicyCreateInput,
    PolicyError,
    PolicyErrorCode,
    PolicyPayload,
    PolicyProfileSetInput,
    PolicyProfileSetPayload,
    PolicyPublishInput,
    PolicyRetireInput,
    PolicyUpdateInput,
)

MAINTAINERS = ("DEPT_ADMIN", "SYSTEM_ADMIN")
_CLIENT_KEY = re.compile(r"[A-Za-z0-9_\-:.]{8,64}")


def _refused(refusal: Refusal) -> PolicyPayload:
    return PolicyPayload(errors=[user_error(refusal, PolicyError, PolicyErrorCode)])


def _maintainer(info: strawberry.Info) -> service.Maintainer:
    viewer = require_roles(info.context.viewer, *MAINTAINERS)
    return service.Maintainer(viewer.account_id, frozenset(viewer.roles), viewer.region_code,
                              viewer.department_id)


def _key(global_id: str) -> str:
    key = decode(global_id, "Policy")
    if key is None:
        raise NotFound("政策不存在")
    return key


def _matter_keys(ids: list[strawberry.ID]) -> list[str]:
    keys = []
    for index, ident in enumerate(ids):
        key = decode(ident, "Matter")
        if key is None:
            raise Refusal("MATTER_NOT_FOUND", "关联事项不存在", f"matterIds[{index}]")
        keys.append(key)
    return keys


async def _changes(input: PolicyUpdateInput) -> dict[str, Any]:
    """PolicyTerms fields for the inputs that were given."""
    changes: dict[str, Any] = {name: getattr(input, name) for name in (
        "title", "issuing_body", "issued_on", "document_number", "valid_from", "valid_to",
        "summary", "full_text") if getattr(input, name) is not None}
    enums = (("support_types", "support_types", SupportType), ("industries", "industries",
             Industry), ("enterprise_sizes", "sizes", EnterpriseSize))
    for given, name, kind in enums:
        if getattr(input, given) is not None:
            changes[name] = tuple(kind(v.value) for v in getattr(input, given))
    if input.attachments is not None:
        changes["attachments"] = tuple(Attachment(a.sha256, a.filename)
                                       for a in input.attachments)
    if input.matter_ids is not None:
        changes["matter_codes"] = await service.matter_codes(_matter_keys(input.matter_ids))
    return changes


async def _transition(info: strawberry.Info, global_id: str, action: Action,
                      reason: str | None = None) -> PolicyPayload:
    actor = _maintainer(info)
    key = _key(global_id)
    try:
        row = await service.transition(actor, key, action,
                                       now=datetime.now(UTC), reason=reason)
    except service.OutOfScope as missing:
        raise NotFound("政策不存在") from missing
    except Refusal as refusal:
        return _refused(refusal)
    await public_data_changed(info.context, "policies")
    return PolicyPayload(policy=Policy.from_row(row))


@strawberry.type
class PolicyMutation:
    @strawberry.mutation(description=describe(
        "新建政策草稿（本部门所在地区的政策）；重复提交同一 clientKey 返回同一草稿。",
        *MAINTAINERS))
    async def policy_create(self, info: strawberry.Info, input: PolicyCreateInput
                            ) -> PolicyPayload:
        actor = _maintainer(info)
        try:
            if not _CLIENT_KEY.fullmatch(input.client_key):
                raise Refusal("INVALID_CLIENT_KEY", "clientKey 应为 8–64 位字母、数字或 -_:.",
                              "clientKey")
            terms = PolicyTerms(
                title=input.title, issuing_body=input.issuing_body, issued_on=input.issued_on,
                document_number=input.document_number, valid_from=input.valid_from,
                valid_to=input.valid_to,
                industries=tuple(Industry(v.value) for v in input.industries),
                sizes=tuple(EnterpriseSize(v.value) for v in input.enterprise_sizes),
                support_types=tuple(SupportType(v.value) for v in input.support_types),
                summary=input.summary, full_text=input.full_text,
                attachments=tuple(Attachment(a.sha256, a.filename) for a in input.attachments),
                matter_codes=await service.matter_codes(_matter_keys(input.matter_ids)))
            row, _created = await service.create(actor, terms, region_code=input.region_code,
                                                 client_key=input.client_key,
                                                 now=datetime.now(UTC))
        except Refusal as refusal:
            return _refused(refusal)
        return PolicyPayload(policy=Policy.from_row(row))

    @strawberry.mutation(description=describe(
        "修改本地区的政策（草稿或已发布的；已废止的不能修改），只改给出的字段。", *MAINTAINERS))
    async def policy_update(self, info: strawberry.Info, input: PolicyUpdateInput
                            ) -> PolicyPayload:
        actor = _maintainer(info)
        key = _key(input.id)
        try:
            row = await service.update(actor, key, await _changes(input))
        except service.OutOfScope as missing:
            raise NotFound("政策不存在") from missing
        except Refusal as refusal:
            return _refused(refusal)
        await public_data_changed(info.context, "policies")
        return PolicyPayload(policy=Policy.from_row(row))

    @strawberry.mutation(description=describe(
        "发布政策草稿；已发布的再次发布不做任何改变。", *MAINTAINERS))
    async def policy_publish(self, info: strawberry.Info, input: PolicyPublishInput
                             ) -> PolicyPayload:
        return await _transition(info, input.id, Action.PUBLISH)

    @strawberry.mutation(description=describe(
        "废止政策（须说明原因）：仍可查阅并标明已废止，不再出现在搜索和匹配中。", *MAINTAINERS))
    async def policy_retire(self, info: strawberry.Info, input: PolicyRetireInput
                            ) -> PolicyPayload:
        return await _transition(info, input.id, Action.RETIRE, input.reason)

    @strawberry.mutation(description=describe(
        "填写当前代表的企业的画像（所在地区、行业、规模），用于政策匹配。", "企业用户"))
    async def policy_profile_set(self, info: strawberry.Info, input: PolicyProfileSetInput
                                 ) -> PolicyProfileSetPayload:
        viewer = require_enterprise(info.context.viewer)
        try:
            row = await service.set_profile(
                str(viewer.acting_enterprise_id), viewer.account_id,
                region_code=input.region_code, industry=Industry(input.industry.value),
                size=EnterpriseSize(input.size.value))
        except Refusal as refusal:
            return PolicyProfileSetPayload(errors=[user_error(refusal, PolicyError,
                                                              PolicyErrorCode)])
        return PolicyProfileSetPayload(profile=EnterpriseProfile(
            industry=Industry(row.industry), size=EnterpriseSize(row.size), declared=True,
            region_code=row.region_id))
