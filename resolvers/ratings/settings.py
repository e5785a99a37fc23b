"""Per-region 好差评 settings: read by anyone, changed by system administrators."""

from __future__ import annotations

import strawberry

from auth.errors import BadUserInput
from auth.permissions import describe, require_roles
from models.errors import Refusal
from models.ratings import policy
from models.regions.tables import Region as RegionRow
from resolvers.context import Context
from resolvers.ratings import access
from resolvers.ratings.common import now, refused
from resolvers.ratings.public import REGION
from schema.ratings.inputs import RatingPolicySetInput, RatingPolicySetPayload
from schema.ratings.stats import RatingPolicy


@strawberry.type
class RatingPolicyQuery:
    @strawberry.field(description=describe(
        "某区划现行的好差评时限（本级设置、上级设置或默认值）。", "公开"))
    async def rating_policy(self, info: strawberry.Info, region_code: str) -> RatingPolicy:
        if not REGION.fullmatch(region_code):
            raise BadUserInput("区划代码须为六位数字", field="regionCode")
        return RatingPolicy.build(region_code, await policy.policy_for(region_code))


@strawberry.type
class RatingPolicyMutation:
    @strawberry.mutation(description=describe(
        "设置某区划（省、市或县区）的好差评时限，覆盖上级设置和默认值；只影响之后的差评，"
        "已开工单的期限不变。", *access.POLICY_ADMINS))
    async def rating_policy_set(self, info: strawberry.Info,
                                input: RatingPolicySetInput) -> RatingPolicySetPayload:
        ctx: Context = info.context
        viewer = require_roles(ctx.viewer, *access.POLICY_ADMINS)
        if not REGION.fullmatch(input.region_code) or not await RegionRow.exists(
                code=input.region_code):
            return refused(RatingPolicySetPayload, Refusal(
                "INVALID_REGION", "区划不存在。", "regionCode"))
        values = {name: getattr(input, name) for name in (
            "contact_hours", "rectify_days", "rectify_in_working_days", "followup_wait_days",
            "contact_warn_hours", "rectify_warn_days", "on_site_code_minutes")}
        try:
            found = await policy.set_policy(input.region_code, values,
                                            updated_by=viewer.account_id, now=now(ctx))
        except Refusal as refusal:
            return refused(RatingPolicySetPayload, refusal)
        return RatingPolicySetPayload(policy=RatingPolicy.build(input.region_code, found))
