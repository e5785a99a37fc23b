"""Applicant mutations: drafts, materials, submit, withdraw, correction, 一件事 bundles."""

from __future__ import annotations

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_kind
from auth.viewer import Viewer
from models.applications import bundles, clock, filing, messages
from models.applications.materials import Attachment, Problems
from models.applications.record import Side
from models.applications.rules import Action, CrossProvinceMode
from models.applications.service import act
from models.applications.tables import ApplicationBundle as BundleRow
from models.errors import Refusal
from resolvers.applications import access
from resolvers.applications.common import now, own_application, publish, refused, submission_secrets
from resolvers.context import Context
from schema.applications.common import uuid_of
from schema.applications.inputs import (
    ApplicationBundleCreateInput,
    ApplicationBundleSubmitInput,
    ApplicationCorrectionSubmitInput,
    ApplicationDraftCreateInput,
    ApplicationMaterialInput,
    ApplicationMaterialRemoveInput,
    ApplicationMaterialsAttachInput,
    ApplicationSubmitInput,
    ApplicationWithdrawInput,
    MessageMarkReadInput,
)
from schema.applications.payloads import (
    ApplicationBundleCreatePayload,
    ApplicationBundleSubmitPayload,
    ApplicationCorrectionSubmitPayload,
    ApplicationDraftCreatePayload,
    ApplicationMaterialRemovePayload,
    ApplicationMaterialsAttachPayload,
    ApplicationSubmitPayload,
    ApplicationWithdrawPayload,
    MessageMarkReadPayload,
)
from schema.applications.types import Application, ApplicationBundle

CITIZEN = "申请人本人（个人或代表企业的会话）"


def _draft_request(viewer: Viewer, data: ApplicationDraftCreateInput) -> filing.DraftRequest:
    cross = data.cross_province
    return filing.DraftRequest(
        implementation_id=uuid_of(data.implementation_id) or "",
        idempotency_key=data.idempotency_key, enterprise_id=viewer.acting_enterprise_id,
        mode=CrossProvinceMode(cross.mode) if cross else CrossProvinceMode.NONE,
        receiving_region_code=cross.receiving_region_code if cross else None,
        receiving_department_id=uuid_of(cross.receiving_department_id, "Department")
        if cross and cross.receiving_department_id else None,
        partner_implementation_ids=tuple(uuid_of(i) or "" for i in (
            cross.partner_implementation_ids or [])) if cross else (),
        remarks=data.remarks)


def _attachments(items: list[ApplicationMaterialInput] | None) -> list[Attachment]:
    return [Attachment(uuid_of(i.material_id) or "", i.sha256.strip().lower(), i.filename)
            for i in items or []]


async def _mine(ctx: Context, global_id: str):
    row = await own_application(ctx, global_id)
    if row is None:
        raise NotFound("办件不存在")
    return row


@strawberry.type
class ApplicationMutation:
    @strawberry.mutation(description=describe(
        "新建申请草稿（幂等：同一幂等键重试返回同一份草稿）。"
        "多地联办同时生成各地的关联草稿。", CITIZEN))
    async def application_draft_create(self, info: strawberry.Info,
                                       input: ApplicationDraftCreateInput
                                       ) -> ApplicationDraftCreatePayload:
        viewer = require_kind(info.context.viewer, "CITIZEN")
        try:
            row = await filing.create_draft(viewer.account_id or "",
                                            _draft_request(viewer, input), now(info.context))
        except Refusal as refusal:
            return refused(ApplicationDraftCreatePayload, refusal)
        return ApplicationDraftCreatePayload(application=Application.from_row(row))

    @strawberry.mutation(description=describe(
        "提交申请：提交草稿，或一次性新建（draft + materials）并提交。幂等：重复提交返回同一办件，"
        "不会重复建件。缺少必需材料时一次列出全部；容缺材料可受理后补交。", CITIZEN))
    async def application_submit(self, info: strawberry.Info,
                                 input: ApplicationSubmitInput) -> ApplicationSubmitPayload:
        ctx = info.context
        viewer = require_kind(ctx.viewer, "CITIZEN")
        actor, at, secrets = filing.applicant_actor(viewer.account_id or ""), now(ctx), \
            await submission_secrets(ctx)
        try:
            if input.draft is not None:
                row = await filing.submit_new(
                    actor, _draft_request(viewer, input.draft), _attachments(input.materials),
                    now=at, table=clock.holiday_table(), secrets=secrets)
            else:
                mine = await _mine(ctx, input.application_id or "")
                row = await filing.submit(actor, str(mine.id), now=at,
                                          table=clock.holiday_table(), secrets=secrets)
        except (Refusal, Problems) as error:
            return refused(ApplicationSubmitPayload, error)
        if row.submitted_at == at:  # submitted now, not a retry answered with the earlier one
            await publish(ctx, row, Action.SUBMIT, Side.ALL)
        return ApplicationSubmitPayload(application=Application.from_row(row))

    @strawberry.mutation(description=describe(
        "提交材料文件（按 sha256 引用已上传的文件，同一文件不重复保存）。受理后只能补交容缺材料。",
        CITIZEN))
    async def application_materials_attach(self, info: strawberry.Info,
                                           input: ApplicationMaterialsAttachInput
                                           ) -> ApplicationMaterialsAttachPayload:
        ctx = info.context
        viewer = require_kind(ctx.viewer, "CITIZEN")
        mine = await _mine(ctx, input.application_id)
        try:
            row = await filing.attach_materials(filing.applicant_actor(viewer.account_id or ""),
                                                str(mine.id), _attachments(input.materials),
                                                now(ctx))
        except (Refusal, Problems) as error:
            return refused(ApplicationMaterialsAttachPayload, error)
        if row.status != "DRAFT":
            await publish(ctx, row, "MATERIALS_SUPPLIED", Side.HANDLING)
        return ApplicationMaterialsAttachPayload(application=Application.from_row(row))

    @strawberry.mutation(description=describe("删除草稿或待补正办件中的一份材料文件。", CITIZEN))
    async def application_material_remove(self, info: strawberry.Info,
                                          input: ApplicationMaterialRemoveInput
                                          ) -> ApplicationMaterialRemovePayload:
        require_kind(info.context.viewer, "CITIZEN")
        mine = await _mine(info.context, input.application_id)
        try:
            removed = await filing.remove_material(str(mine.id), uuid_of(input.attachment_id) or "",
                                                   now(info.context))
        except Refusal as refusal:
            return refused(ApplicationMaterialRemovePayload, refusal)
        return ApplicationMaterialRemovePayload(application=Application.from_row(removed[0]),
                                                removed=removed[1])

    @strawberry.mutation(description=describe("撤回申请（办结前均可撤回）。", CITIZEN))
    async def application_withdraw(self, info: strawberry.Info,
                                   input: ApplicationWithdrawInput) -> ApplicationWithdrawPayload:
        ctx = info.context
        viewer = require_kind(ctx.viewer, "CITIZEN")
        mine = await _mine(ctx, input.application_id)
        try:
            result = await act(str(mine.id), Action.WITHDRAW,
                               filing.applicant_actor(viewer.account_id or ""),
                               {"reason": input.reason}, now=now(ctx),
                               table=clock.holiday_table())
        except Refusal as refusal:
            return refused(ApplicationWithdrawPayload, refusal)
        await publish(ctx, result.application, Action.WITHDRAW, Side.ALL)
        return ApplicationWithdrawPayload(application=Application.from_row(result.application))

    @strawberry.mutation(description=describe(
        "补正：提交补正材料并重新提交；收到之日重新起算受理审查期限。", CITIZEN))
    async def application_correction_submit(self, info: strawberry.Info,
                                            input: ApplicationCorrectionSubmitInput
                                            ) -> ApplicationCorrectionSubmitPayload:
        ctx = info.context
        viewer = require_kind(ctx.viewer, "CITIZEN")
        mine = await _mine(ctx, input.application_id)
        try:
            result = await filing.resubmit(filing.applicant_actor(viewer.account_id or ""),
                                           str(mine.id), _attachments(input.materials),
                                           now=now(ctx), table=clock.holiday_table())
        except (Refusal, Problems) as error:
            return refused(ApplicationCorrectionSubmitPayload, error)
        await publish(ctx, result.application, Action.RESUBMIT, Side.HANDLING)
        return ApplicationCorrectionSubmitPayload(
            application=Application.from_row(result.application))

    @strawberry.mutation(description=describe(
        "按一件事新建一组关联草稿（每个成员事项一件，由本地区相应部门办理）。幂等。", CITIZEN))
    async def application_bundle_create(self, info: strawberry.Info,
                                        input: ApplicationBundleCreateInput
                                        ) -> ApplicationBundleCreatePayload:
        viewer = require_kind(info.context.viewer, "CITIZEN")
        try:
            row = await bundles.create_bundle(
                viewer.account_id or "", viewer.acting_enterprise_id,
                uuid_of(input.life_event_id) or "", input.region_code, input.idempotency_key,
                now(info.context))
        except Refusal as refusal:
            return refused(ApplicationBundleCreatePayload, refusal)
        return ApplicationBundleCreatePayload(bundle=ApplicationBundle.from_row(row))

    @strawberry.mutation(description=describe(
        "一并提交一件事的全部草稿；任一件缺材料则全部不提交，并一次列出所有缺少的材料。", CITIZEN))
    async def application_bundle_submit(self, info: strawberry.Info,
                                        input: ApplicationBundleSubmitInput
                                        ) -> ApplicationBundleSubmitPayload:
        ctx = info.context
        viewer = require_kind(ctx.viewer, "CITIZEN")
        key = uuid_of(input.bundle_id, "ApplicationBundle")
        row = await BundleRow.get_or_none(id=key) if key else None
        if row is None or not access.owns(viewer, row):
            raise NotFound("一件事不存在")
        try:
            apps = await bundles.submit_bundle(
                filing.applicant_actor(viewer.account_id or ""), str(row.id), now=now(ctx),
                table=clock.holiday_table(), secrets=await submission_secrets(ctx))
        except (Refusal, Problems) as error:
            return refused(ApplicationBundleSubmitPayload, error)
        for app in apps:
            await publish(ctx, app, Action.SUBMIT, Side.ALL)
        return ApplicationBundleSubmitPayload(bundle=ApplicationBundle.from_row(row))

    @strawberry.mutation(description=describe("标记站内信已读（重复标记无影响）。", "已登录用户"))
    async def message_mark_read(self, info: strawberry.Info,
                                input: MessageMarkReadInput) -> MessageMarkReadPayload:
        viewer = require_kind(info.context.viewer, "CITIZEN", "STAFF")
        ids = None if input.message_ids is None else [uuid_of(i, "Message") or ""
                                                      for i in input.message_ids]
        marked = await messages.mark_read(viewer.account_id or "", ids, now(info.context))
        return MessageMarkReadPayload(marked=marked,
                                      unread_count=await messages.unread_count(
                                          viewer.account_id or ""))
