"""公示, revocation, chain anchors and the provincial hearing thresholds; the public
lookup of published decisions by 统一社会信用代码."""

from __future__ import annotations

import strawberry

from auth.permissions import describe, require_roles
from models.cases.service import anchors, publication, records
from models.cases.tables import HearingThresholdSetting
from models.errors import Refusal
from models.identity.rules import validate_credit_code
from resolvers.cases.common import edit
from schema.cases import inputs as i
from schema.cases import payloads as p
from schema.cases.common import case_error, clock, fen
from schema.cases.parts import CaseAnchor, PenaltyPublication

HEAD = "AGENCY_HEAD"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@strawberry.type
class CasePublicationMutation:
    @strawberry.mutation(description=describe(
        "撤销处罚决定（复议、诉讼或自行纠错）：已公示的须在 3 个工作日内撤下；"
        "恢复因本决定降低的信用等级。",
        HEAD))
    async def case_decision_revoke(self, info: strawberry.Info,
                                   input: i.CaseDecisionRevokeInput
                                   ) -> p.CaseDecisionRevokePayload:
        c = clock(info)
        return await edit(info, input.case_id, p.CaseDecisionRevokePayload,
                          lambda case_id, actor: records.revoke(
                              case_id, input.reason, actor,
                              expected_version=input.expected_version, today=c.today(),
                              now=c.now()))

    @strawberry.mutation(description=describe(
        "公示处罚决定（具有一定社会影响的，决定后 7 个工作日内）。", HEAD))
    async def case_publication_publish(self, info: strawberry.Info,
                                       input: i.CasePublicationPublishInput
                                       ) -> p.CasePublicationPublishPayload:
        c = clock(info)
        return await edit(info, input.case_id, p.CasePublicationPublishPayload,
                          lambda case_id, actor: publication.publish(
                              case_id, actor, expected_version=input.expected_version,
                              now=c.now(), today=c.today()))

    @strawberry.mutation(description=describe(
        "撤下已撤销决定的公示信息（撤销后 3 个工作日内）。", HEAD))
    async def case_publication_withdraw(self, info: strawberry.Info,
                                        input: i.CasePublicationWithdrawInput
                                        ) -> p.CasePublicationWithdrawPayload:
        c = clock(info)
        return await edit(info, input.case_id, p.CasePublicationWithdrawPayload,
                          lambda case_id, actor: publication.withdraw(
                              case_id, actor, expected_version=input.expected_version,
                              now=c.now(), today=c.today()))

    @strawberry.mutation(description=describe(
        "锚定：对全部案件的链头计算 Merkle 根并保存（由定时任务定期调用；根值可对外公布）。",
        "SYSTEM_ADMIN"))
    async def case_anchor_create(self, info: strawberry.Info) -> p.CaseAnchorCreatePayload:
        require_roles(info.context.viewer, "SYSTEM_ADMIN")
        anchor = await anchors.create_anchor(clock(info).now())
        return p.CaseAnchorCreatePayload(anchor=CaseAnchor(
            created_at=anchor.created_at, root=anchor.root, case_count=anchor.case_count))

    @strawberry.mutation(description=describe(
        "设置本省听证标准（较大数额罚款、没收的金额，单位分）。", "SYSTEM_ADMIN"))
    async def case_hearing_thresholds_set(self, info: strawberry.Info,
                                          input: i.CaseHearingThresholdsSetInput
                                          ) -> p.CaseHearingThresholdsSetPayload:
        require_roles(info.context.viewer, "SYSTEM_ADMIN")
        code = input.province_code
        try:
            if len(code) != 2 or not code.isdigit():
                raise Refusal("INVALID_INPUT", "省级区划代码应为两位数字。", "provinceCode")
            values = {f"{name}_fen": fen(getattr(input, name), _camel(name)) for name in (
                "citizen_fine", "organisation_fine", "citizen_confiscation",
                "organisation_confiscation")}
        except Refusal as refusal:
            return p.CaseHearingThresholdsSetPayload(errors=[case_error(refusal)])
        await HearingThresholdSetting.update_or_create(defaults=values, province=code)
        return p.CaseHearingThresholdsSetPayload(saved=True)


@strawberry.type
class CasePublicQuery:
    @strawberry.field(description=describe(
        "按统一社会信用代码查询已公示（且未撤下）的行政处罚决定。"))
    async def penalty_publications(self, credit_code: str) -> list[PenaltyPublication]:
        try:
            code = validate_credit_code(credit_code)
        except Refusal:
            return []
        return [PenaltyPublication.from_row(r) for r in await publication.public_entries(code)]
