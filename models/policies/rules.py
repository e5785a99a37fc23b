"""Policy rules (pure): the publication state machine, the validation of a document, matching.

A policy is a DRAFT while its department admin prepares it, PUBLISHED once
enterprises can find it, RETIRED when repealed or expired: retired policies
stay readable (old decisions cite them) but are marked and never matched.
Publishing twice or retiring twice is a no-op so that a retried request is
harmless.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from models.errors import Refusal
from models.policies.vocabulary import EnterpriseSize, Industry, SupportType


class Status(StrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    RETIRED = "RETIRED"


class Action(StrEnum):
    EDIT = "EDIT"
    PUBLISH = "PUBLISH"
    RETIRE = "RETIRE"


class Facet(StrEnum):
    INDUSTRY = "INDUSTRY"
    SIZE = "SIZE"
    SUPPORT = "SUPPORT"


ANY = "ANY"  # a facet value: the policy is not limited on that facet
MAINTAINERS = frozenset({"DEPT_ADMIN", "SYSTEM_ADMIN"})
STATUS_LABELS = {Status.DRAFT: "草稿", Status.PUBLISHED: "已发布", Status.RETIRED: "已废止"}
ACTION_LABELS = {Action.EDIT: "修改", Action.PUBLISH: "发布", Action.RETIRE: "废止"}

TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.DRAFT, Action.EDIT): Status.DRAFT,
    (Status.PUBLISHED, Action.EDIT): Status.PUBLISHED,  # corrections stay published
    (Status.DRAFT, Action.PUBLISH): Status.PUBLISHED,
    (Status.DRAFT, Action.RETIRE): Status.RETIRED,
    (Status.PUBLISHED, Action.RETIRE): Status.RETIRED,
}
ALREADY_DONE = {(Status.PUBLISHED, Action.PUBLISH), (Status.RETIRED, Action.RETIRE)}


def apply(status: Status, action: Action, actor_roles: frozenset[str]) -> Status:
    if not actor_roles & MAINTAINERS:
        raise Refusal("NOT_ALLOWED", f"无权{ACTION_LABELS[action]}政策", "id")
    if (status, action) in ALREADY_DONE:
        return status
    target = TRANSITIONS.get((status, action))
    if target is None:
        raise Refusal("INVALID_TRANSITION",
                      f"{STATUS_LABELS[status]}的政策不能{ACTION_LABELS[action]}", "id")
    return target


def available_actions(status: Status, actor_roles: frozenset[str]) -> list[Action]:
    if not actor_roles & MAINTAINERS:
        return []
    return [action for (state, action) in TRANSITIONS if state is status]


# ---------------------------------------------------------------- the document

TITLE_MAX = 200
SUMMARY_MAX = 2000
FULL_TEXT_MAX = 100_000
MAX_MATTERS = 10
MAX_ATTACHMENTS = 10
_SHA256 = re.compile(r"[0-9a-f]{64}")
_BASIC_CODE = re.compile(r"[0-9A-Z]{12}")


@dataclass(frozen=True)
class Attachment:
    sha256: str
    filename: str


@dataclass(frozen=True)
class PolicyTerms:
    """What an admin writes. Empty industries/sizes mean "all"."""

    title: str
    issuing_body: str
    issued_on: date
    document_number: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    industries: tuple[Industry, ...] = ()
    sizes: tuple[EnterpriseSize, ...] = ()
    support_types: tuple[SupportType, ...] = ()
    summary: str = ""
    full_text: str = ""
    attachments: tuple[Attachment, ...] = ()
    matter_codes: tuple[str, ...] = field(default_factory=tuple)


def _text(value: str, high: int, field_name: str, what: str, low: int = 1) -> None:
    if not low <= len(value.strip()) <= high:
        raise Refusal("INVALID_INPUT", f"{what}应为 {low}–{high} 个字", field_name)


def validate(terms: PolicyTerms) -> None:
    """The first problem as a Refusal (field paths into the input)."""
    _text(terms.title, TITLE_MAX, "title", "标题", low=4)
    _text(terms.issuing_body, 128, "issuingBody", "发文机关", low=2)
    if len(terms.document_number) > 64:
        raise Refusal("INVALID_INPUT", "文号过长", "documentNumber")
    if len(terms.summary) > SUMMARY_MAX:
        raise Refusal("INVALID_INPUT", f"摘要不超过 {SUMMARY_MAX} 个字", "summary")
    if len(terms.full_text) > FULL_TEXT_MAX:
        raise Refusal("INVALID_INPUT", "全文过长", "fullText")
    if terms.valid_from and terms.valid_to and terms.valid_to < terms.valid_from:
        raise Refusal("INVALID_PERIOD", "有效期截止日期早于起始日期", "validTo")
    if not terms.support_types:
        raise Refusal("INVALID_INPUT", "请至少选择一种支持方式", "supportTypes")
    if len(terms.matter_codes) > MAX_MATTERS:
        raise Refusal("INVALID_INPUT", f"关联事项最多 {MAX_MATTERS} 个", "matterIds")
    for index, code in enumerate(terms.matter_codes):
        if not _BASIC_CODE.fullmatch(code):
            raise Refusal("MATTER_NOT_FOUND", "关联事项不存在", f"matterIds[{index}]")
    if len(terms.attachments) > MAX_ATTACHMENTS:
        raise Refusal("INVALID_INPUT", f"附件最多 {MAX_ATTACHMENTS} 个", "attachments")
    for index, attachment in enumerate(terms.attachments):
        if not _SHA256.fullmatch(attachment.sha256):
            raise Refusal("FILE_NOT_FOUND", "附件应为已上传文件的 sha256",
                          f"attachments[{index}].sha256")
        _text(attachment.filename, 200, f"attachments[{index}].filename", "附件名称")


def facets(terms: PolicyTerms) -> list[tuple[Facet, str]]:
    """The facet rows of a policy: ANY stands for an empty (unrestricted) list."""
    rows: list[tuple[Facet, str]] = []
    for facet, values in ((Facet.INDUSTRY, terms.industries), (Facet.SIZE, terms.sizes),
                          (Facet.SUPPORT, terms.support_types)):
        unique = list(dict.fromkeys(v.value for v in values))
        rows.extend((facet, v) for v in (unique or ([ANY] if facet is not Facet.SUPPORT else [])))
    return rows


# ---------------------------------------------------------------- matching

def region_chain(code: str) -> list[str]:
    """A GB/T 2260 code and its ancestors, most specific first: 330106 → 330106, 330100, 330000."""
    chain = [code]
    if len(code) == 6 and code[4:] != "00":
        chain.append(code[:4] + "00")
    if len(code) == 6 and code[2:] != "0000":
        chain.append(code[:2] + "0000")
    return chain


def is_in_force(valid_from: date | None, valid_to: date | None, today: date) -> bool:
    return (valid_from is None or valid_from <= today) and (valid_to is None or today <= valid_to)


@dataclass(frozen=True)
class Profile:
    """An enterprise as matching sees it; None on a facet means unknown (not filtered)."""

    region_code: str
    industry: Industry | None
    size: EnterpriseSize | None


def fits(profile: Profile, policy_region: str | None, industries: Sequence[str],
         sizes: Sequence[str]) -> bool:
    """The matching rule for one policy (the SQL in matching.py says the same)."""
    if policy_region is not None and policy_region not in region_chain(profile.region_code):
        return False
    if profile.industry is not None and not ({ANY, profile.industry.value} & set(industries)):
        return False
    return profile.size is None or bool({ANY, profile.size.value} & set(sizes))


def region_from_credit_code(credit_code: str) -> str | None:
    """统一社会信用代码 characters 3–8 are the registering authority's region
    code (GB 32100-2015): a fallback when the enterprise has no profile yet."""
    code = credit_code[2:8]
    return code if len(code) == 6 and code.isdigit() else None
