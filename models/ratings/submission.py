"""Giving a rating: online for a concluded application (一事一评), on site with a
one-time code from the clerk's screen (一次一评). A 差评 opens its follow-up case
in the same transaction.

Both are safe to retry: online, the same idempotency key returns the rating
already given; on site, the same code with the same content does.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.applications.rules import Status as ApplicationStatus
from models.applications.rules import is_concluded
from models.applications.tables import Application
from models.catalogue.tables import Matter
from models.errors import Refusal
from models.ratings import casefile
from models.ratings.policy import policy_for
from models.ratings.rules import ValidRating, check_can_rate, check_on_site_code, validate_rating
from models.ratings.tables import OnSiteCode, Rating, RatingCase
from models.regions.tables import Department

_KEY = re.compile(r"[A-Za-z0-9_.:-]{8,64}")
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off a screen
CODE_LENGTH = 8


@dataclass(frozen=True)
class Given:
    rating: Rating
    case: RatingCase | None
    replayed: bool = False


@dataclass(frozen=True)
class RatingInput:
    level: int
    tags: Sequence[str]
    comment: str | None


def check_key(key: str) -> str:
    if not _KEY.fullmatch(key or ""):
        raise Refusal("INVALID_IDEMPOTENCY_KEY", "幂等键须为 8–64 位字母、数字或 _.:-。",
                      field="idempotencyKey")
    return key


def code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def _create(valid: ValidRating, *, now: datetime, department: Department,
                  matter: Matter | None, **columns: object) -> Given:
    rating = await Rating.create(
        id=uuid.uuid4(), channel=valid.channel, department_id=department.id,
        region_code=department.region_id, matter_id=matter.id if matter else None,
        matter_name=matter.name if matter else "", level=int(valid.level),
        tags=list(valid.tags), comment=valid.reason, bad=valid.bad, valid=True,
        rated_at=now, **columns)
    case = None
    if valid.bad:
        policy = await policy_for(department.region_id)
        case = await casefile.open_for(rating, policy.followup)
    return Given(rating, case)


async def _case_of(rating: Rating) -> RatingCase | None:
    return await RatingCase.get_or_none(rating_id=rating.id) if rating.bad else None


async def rate_application(rater_id: str, application_id: str | None, given: RatingInput,
                           idempotency_key: str, *, now: datetime, retried: bool = False
                           ) -> Given:
    """一事一评 by the applicant, after conclusion; a retry with the key replays."""
    check_key(idempotency_key)
    app = await Application.get_or_none(id=application_id) if application_id else None
    is_applicant = app is not None and str(app.applicant_id) == rater_id
    existing = await Rating.get_or_none(application_id=app.id) if is_applicant else None
    if existing is not None and str(existing.rater_id) == rater_id and \
            existing.idempotency_key == idempotency_key:
        return Given(existing, await _case_of(existing), replayed=True)
    check_can_rate(is_applicant and is_concluded(ApplicationStatus(app.status)),  # type: ignore[union-attr]
                   is_applicant, existing is not None)
    valid = validate_rating(given.level, given.tags, given.comment, channel="ONLINE")
    assert app is not None
    department = await Department.get(id=app.department_id)
    matter = await Matter.filter(implementations__id=app.implementation_id).first()
    try:
        async with in_transaction():
            return await _create(valid, now=now, department=department, matter=matter,
                                 application_id=app.id, rater_id=rater_id,
                                 idempotency_key=idempotency_key)
    except IntegrityError:
        if retried:
            raise
        # A concurrent first submission won: replay it if it was ours, else refuse.
        return await rate_application(rater_id, application_id, given, idempotency_key,
                                      now=now, retried=True)


async def issue_code(clerk_id: str | None, department: Department, matter_id: str | None, *,
                     now: datetime) -> tuple[OnSiteCode, str]:
    """A fresh one-time code for the visit at this clerk's window."""
    if matter_id is not None and not await Matter.exists(id=matter_id):
        raise Refusal("MATTER_NOT_FOUND", "事项不存在。", field="matterId")
    policy = await policy_for(department.region_id)
    code = new_code()
    row = await OnSiteCode.create(
        id=uuid.uuid4(), code_hash=code_hash(code), department_id=department.id,
        clerk_id=clerk_id, matter_id=matter_id, issued_at=now,
        expires_at=now + timedelta(minutes=policy.on_site_code_minutes))
    return row, code


def _same(rating: Rating, rater_id: str | None, valid: ValidRating) -> bool:
    return (str(rating.rater_id) == str(rater_id) and rating.level == int(valid.level)
            and list(rating.tags) == list(valid.tags) and rating.comment == valid.reason)


async def rate_visit(code: str, rater_id: str | None, given: RatingInput, *,
                     now: datetime) -> Given:
    """一次一评 with the code shown at the window, signed in or anonymous."""
    if not code or len(code) > 32:
        raise Refusal("CODE_INVALID", "评价码无效。", field="code")
    valid = validate_rating(given.level, given.tags, given.comment, channel="ON_SITE")
    async with in_transaction():
        visit = await OnSiteCode.filter(code_hash=code_hash(code)).select_for_update().first()
        if visit is None:
            raise Refusal("CODE_INVALID", "评价码无效，请核对或向窗口重新获取。", field="code")
        if visit.used_at is not None:
            existing = await Rating.get_or_none(visit_id=visit.id)
            if existing is not None and _same(existing, rater_id, valid):
                return Given(existing, await _case_of(existing), replayed=True)
        try:
            check_on_site_code(visit.issued_at, visit.used_at is not None, now,
                               visit.expires_at - visit.issued_at)
        except Refusal as refusal:
            refusal.field = "code"
            raise
        visit.used_at = now
        await visit.save(update_fields=["used_at"])
        department = await Department.get(id=visit.department_id)
        matter = await Matter.get_or_none(id=visit.matter_id) if visit.matter_id else None
        return await _create(valid, now=now, department=department, matter=matter,
                             visit_id=visit.id, rater_id=rater_id)


MAX_REPLY = 500


async def reply_to(rating_id: str, text: str, *, now: datetime) -> Rating:
    """The department's public reply to a rating; a new reply replaces the old one."""
    text = (text or "").strip()
    if not text:
        raise Refusal("MISSING_INPUT", "请填写回复内容。", field="reply")
    if len(text) > MAX_REPLY:
        raise Refusal("TEXT_TOO_LONG", f"回复不能超过 {MAX_REPLY} 个字。", field="reply")
    rating = await Rating.get(id=rating_id)
    if rating.reply != text:
        rating.reply, rating.replied_at = text, now
        await rating.save(update_fields=["reply", "replied_at"])
    return rating
