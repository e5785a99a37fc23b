"""What a sender submits (pure): validation, title, number, and who acts on a consultation."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from models.consultations.rules import Kind, Role
from models.errors import Refusal

CONTENT_MIN, CONTENT_MAX = 5, 2000
TITLE_MAX = 60
REPLY_MIN, REPLY_MAX = 2, 4000
COMMENT_MAX = 500
MAX_ATTACHMENTS = 9
APPLICATION_REF_MAX = 64
_CLIENT_KEY = re.compile(r"[A-Za-z0-9_\-:.]{8,64}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
# No 0/O or 1/I/L: people read numbers and codes aloud on the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
HANDLER_ROLES = frozenset({"CLERK", "DEPT_ADMIN"})


@dataclass(frozen=True)
class Draft:
    """诉求 as submitted. Ids are raw keys (already decoded from global ids)."""

    client_key: str
    kind: Kind
    content: str
    title: str | None = None
    region_code: str | None = None
    matter_id: str | None = None
    department_id: str | None = None
    application_ref: str | None = None
    attachments: tuple[str, ...] = field(default_factory=tuple)


def check_draft(draft: Draft) -> Draft:
    """The draft with text trimmed, or the first refusal (field paths into the input)."""
    if not _CLIENT_KEY.fullmatch(draft.client_key or ""):
        raise Refusal("INVALID_CLIENT_KEY", "clientKey 应为 8–64 位字母、数字或 -_:.", "clientKey")
    content = (draft.content or "").strip()
    if not CONTENT_MIN <= len(content) <= CONTENT_MAX:
        raise Refusal("INVALID_CONTENT", f"诉求内容应为 {CONTENT_MIN}–{CONTENT_MAX} 个字",
                      "content")
    title = (draft.title or "").strip() or default_title(content)
    if len(title) > TITLE_MAX:
        raise Refusal("INVALID_TITLE", f"标题不超过 {TITLE_MAX} 个字", "title")
    ref = (draft.application_ref or "").strip() or None
    if ref is not None and len(ref) > APPLICATION_REF_MAX:
        raise Refusal("INVALID_APPLICATION_REF", "办件编号过长", "applicationRef")
    if len(draft.attachments) > MAX_ATTACHMENTS:
        raise Refusal("TOO_MANY_ATTACHMENTS", f"附件最多 {MAX_ATTACHMENTS} 个", "attachments")
    for index, sha in enumerate(draft.attachments):
        if not _SHA256.fullmatch(sha):
            raise Refusal("FILE_NOT_FOUND", "附件应为已上传文件的 sha256", f"attachments[{index}]")
    if draft.region_code is None and draft.department_id is None:
        raise Refusal("REGION_REQUIRED", "请选择诉求所在地区或受理部门", "regionCode")
    return Draft(client_key=draft.client_key, kind=draft.kind, content=content, title=title,
                 region_code=draft.region_code, matter_id=draft.matter_id,
                 department_id=draft.department_id, application_ref=ref,
                 attachments=tuple(dict.fromkeys(draft.attachments)))


def default_title(content: str) -> str:
    """The first line of the message, cut to fit: phones rarely type a title."""
    first = content.splitlines()[0].strip()
    return first if len(first) <= 30 else first[:29] + "…"


def check_text(value: str | None, low: int, high: int, code: str, what: str,
               field_name: str) -> str:
    text = (value or "").strip()
    if not low <= len(text) <= high:
        raise Refusal(code, f"{what}应为 {low}–{high} 个字", field_name)
    return text


def consultation_number(day: date, rng: random.Random) -> str:
    """诉求编号: ZX + yyyyMMdd + 8 random characters (opaque, not a sequence)."""
    return f"ZX{day:%Y%m%d}" + "".join(rng.choice(ALPHABET) for _ in range(8))


def query_code(rng: random.Random) -> str:
    """查询码 for the anonymous lookup: 8 characters read from the submission screen."""
    return "".join(rng.choice(ALPHABET) for _ in range(8))


# ---------------------------------------------------------------- who acts

@dataclass(frozen=True)
class Actor:
    """The subject acting on a consultation (built from the request's viewer)."""

    account_id: str | None
    is_staff: bool = False
    staff_roles: frozenset[str] = frozenset()
    department_id: str | None = None
    region_code: str | None = None


SYSTEM_ACTOR = Actor(account_id=None)


def region_prefix(code: str) -> str:
    """330000 → 33, 330100 → 3301: the prefix shared by a region's sub-areas."""
    prefix = code
    while len(prefix) > 2 and prefix.endswith("00"):
        prefix = prefix[:-2]
    return prefix


def roles_on(actor: Actor, sender_account_id: object, department_id: object | None,
             region_code: str) -> list[Role]:
    """The roles ``actor`` holds on one consultation; empty means it is not theirs to see."""
    roles: list[Role] = []
    if not actor.is_staff and actor.account_id and str(sender_account_id) == actor.account_id:
        roles.append(Role.SENDER)
    if not actor.is_staff:
        return roles
    if (actor.staff_roles & HANDLER_ROLES and department_id is not None
            and str(department_id) == actor.department_id):
        roles.append(Role.HANDLER)
    if "SYSTEM_ADMIN" in actor.staff_roles or (
            "SUPERVISOR" in actor.staff_roles and actor.region_code
            and region_code.startswith(region_prefix(actor.region_code))):
        roles.append(Role.DISPATCHER)
    return roles


def check_attachments_exist(wanted: Sequence[str], found: set[str]) -> None:
    for index, sha in enumerate(wanted):
        if sha not in found:
            raise Refusal("FILE_NOT_FOUND", "附件不存在，请先上传", f"attachments[{index}]")
