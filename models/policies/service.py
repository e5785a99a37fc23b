"""Policy maintenance and enterprise profiles: the only code that writes a policy's status.

Department admins maintain the policies of their own region (the region of
their department); a system administrator maintains any. Each call is one
transaction: a refused request writes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.catalogue.tables import Matter
from models.errors import Refusal
from models.files.tables import StoredFile
from models.policies import rules
from models.policies.rules import Action, Facet, PolicyTerms, Status
from models.policies.search import index_policies, title_pinyin
from models.policies.tables import EnterpriseProfile, Policy, PolicyFacet, PolicyMatter
from models.policies.vocabulary import LEVEL_OF_REGION, EnterpriseSize, Industry
from models.regions.tables import Region


@dataclass(frozen=True)
class Maintainer:
    account_id: str | None
    roles: frozenset[str]
    region_code: str | None  # the region of the admin's department
    department_id: str | None = None


class OutOfScope(Exception):
    """The policy does not exist or is not the maintainer's (the same to the caller)."""


def may_maintain(actor: Maintainer, region_code: str | None) -> bool:
    if "SYSTEM_ADMIN" in actor.roles:
        return True
    return ("DEPT_ADMIN" in actor.roles and region_code is not None
            and region_code == actor.region_code)


async def matter_codes(matter_ids: Sequence[str]) -> tuple[str, ...]:
    """基本编码 of the given matters, in order; a missing one is refused by position."""
    rows = {str(m.id): m.basic_code for m in await Matter.filter(id__in=list(matter_ids))}
    for index, ident in enumerate(matter_ids):
        if ident not in rows:
            raise Refusal("MATTER_NOT_FOUND", "关联事项不存在", f"matterIds[{index}]")
    return tuple(dict.fromkeys(rows[i] for i in matter_ids))


async def _check(terms: PolicyTerms) -> None:
    rules.validate(terms)
    wanted = [a.sha256 for a in terms.attachments]
    found = set(await StoredFile.filter(sha256__in=wanted).values_list("sha256", flat=True))
    for index, sha in enumerate(wanted):
        if sha not in found:
            raise Refusal("FILE_NOT_FOUND", "附件不存在，请先上传", f"attachments[{index}].sha256")


def _values(terms: PolicyTerms) -> dict[str, object]:
    return {
        "title": terms.title.strip(), "title_pinyin": title_pinyin(terms.title.strip()),
        "document_number": terms.document_number.strip(),
        "issuing_body": terms.issuing_body.strip(), "issued_on": terms.issued_on,
        "valid_from": terms.valid_from, "valid_to": terms.valid_to, "summary": terms.summary,
        "full_text": terms.full_text,
        "attachments": [{"sha256": a.sha256, "filename": a.filename} for a in terms.attachments],
    }


async def _write_children(policy: Policy, terms: PolicyTerms) -> None:
    await PolicyFacet.filter(policy_id=policy.id).delete()
    await PolicyMatter.filter(policy_id=policy.id).delete()
    await PolicyFacet.bulk_create([PolicyFacet(policy_id=policy.id, facet=f.value, value=v)
                                   for f, v in rules.facets(terms)])
    await PolicyMatter.bulk_create([PolicyMatter(policy_id=policy.id, basic_code=code,
                                                 position=i)
                                    for i, code in enumerate(terms.matter_codes)])
    await index_policies([policy])


async def create(actor: Maintainer, terms: PolicyTerms, *, region_code: str | None,
                 client_key: str, now: datetime) -> tuple[Policy, bool]:
    """A new draft in the maintainer's region; (policy, created). A retry returns the first."""
    existing = await Policy.get_or_none(created_by_id=actor.account_id, client_key=client_key)
    if existing is not None:
        return existing, False
    code = region_code or actor.region_code
    if "SYSTEM_ADMIN" not in actor.roles and code != actor.region_code:
        raise Refusal("REGION_OUT_OF_SCOPE", "只能发布本地区的政策", "regionCode")
    region = await Region.get_or_none(code=code or "", valid_to__isnull=True)
    if region is None:
        raise Refusal("REGION_NOT_FOUND", "地区不存在或已撤销", "regionCode")
    await _check(terms)
    try:
        async with in_transaction():
            policy = await Policy.create(
                id=uuid.uuid4(), level=LEVEL_OF_REGION[region.level].value, region_id=region.code,
                department_id=actor.department_id if code == actor.region_code else None,
                status=Status.DRAFT.value, created_by_id=actor.account_id, client_key=client_key,
                **_values(terms))
            await _write_children(policy, terms)
    except IntegrityError:  # the same key twice at once: the first one wins
        existing = await Policy.get_or_none(created_by_id=actor.account_id,
                                            client_key=client_key)
        if existing is None:
            raise
        return existing, False
    return policy, True


async def _own(actor: Maintainer, policy_id: str) -> Policy:
    policy = await Policy.filter(id=policy_id).select_for_update().first()
    if policy is None or not may_maintain(actor, policy.region_id):
        raise OutOfScope()
    return policy


async def terms_of(policy: Policy) -> PolicyTerms:
    facets: dict[str, list[str]] = {f.value: [] for f in Facet}
    for row in await PolicyFacet.filter(policy_id=policy.id).order_by("id"):
        if row.value != rules.ANY:
            facets[row.facet].append(row.value)
    codes = await PolicyMatter.filter(policy_id=policy.id).order_by("position").values_list(
        "basic_code", flat=True)
    return PolicyTerms(
        title=policy.title, issuing_body=policy.issuing_body, issued_on=policy.issued_on,
        document_number=policy.document_number, valid_from=policy.valid_from,
        valid_to=policy.valid_to, industries=tuple(Industry(v) for v in facets["INDUSTRY"]),
        sizes=tuple(EnterpriseSize(v) for v in facets["SIZE"]),
        support_types=tuple(rules.SupportType(v) for v in facets["SUPPORT"]),
        summary=policy.summary, full_text=policy.full_text,
        attachments=tuple(rules.Attachment(a["sha256"], a["filename"])
                          for a in policy.attachments),
        matter_codes=tuple(codes))


async def update(actor: Maintainer, policy_id: str, changes: dict[str, object]) -> Policy:
    """Change the given fields of a draft or published policy (``changes`` uses
    PolicyTerms field names; absent fields keep their value)."""
    async with in_transaction():
        policy = await _own(actor, policy_id)
        rules.apply(Status(policy.status), Action.EDIT, actor.roles)
        terms = replace(await terms_of(policy), **changes)  # type: ignore[arg-type]
        await _check(terms)
        await policy.update_from_dict(_values(terms)).save()
        await _write_children(policy, terms)
    return policy


async def transition(actor: Maintainer, policy_id: str, action: Action, *, now: datetime,
                     reason: str | None = None) -> Policy:
    async with in_transaction():
        policy = await _own(actor, policy_id)
        before = Status(policy.status)
        after = rules.apply(before, action, actor.roles)
        if after is before:
            return policy
        if action is Action.RETIRE:
            text = (reason or "").strip()
            if not 2 <= len(text) <= 200:
                raise Refusal("INVALID_INPUT", "请填写废止原因（2–200 字）", "reason")
            policy.retired_at, policy.retired_reason = now, text
        if action is Action.PUBLISH:
            policy.published_at = now
        policy.status = after.value
        await policy.save()
    return policy


async def set_profile(enterprise_id: str, account_id: str | None, *, region_code: str,
                      industry: Industry, size: EnterpriseSize) -> EnterpriseProfile:
    region = await Region.get_or_none(code=region_code, valid_to__isnull=True)
    if region is None:
        raise Refusal("REGION_NOT_FOUND", "地区不存在或已撤销", "regionCode")
    async with in_transaction():
        row = await EnterpriseProfile.filter(enterprise_id=enterprise_id).select_for_update(
        ).first()
        if row is None:
            row = EnterpriseProfile(id=uuid.uuid4(), enterprise_id=enterprise_id)
        row.region_id, row.industry, row.size = region.code, industry.value, size.value
        row.updated_by_id = account_id
        await row.save()
    return row

