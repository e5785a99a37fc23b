"""实施清单 maintenance: drafts, publication, retirement. The only code that writes a status.

Each function takes the acting subject explicitly and works inside one
transaction: a refused request writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.catalogue import rules
from models.catalogue.rules import Action, RetiredReason, Status
from models.catalogue.seed_data import implementation_code
from models.catalogue.tables import (
    Implementation,
    ImplementationFee,
    ImplementationMaterial,
    Matter,
)
from models.catalogue.terms import child_rows, merged, row_values, terms_of
from models.catalogue.vocabulary import DEPARTMENT_CODE_BY_KIND
from models.errors import Refusal
from models.regions.tables import Department


@dataclass(frozen=True)
class Actor:
    """Who maintains: a staff account of one department."""

    account_id: str | None
    department_id: str | None
    roles: frozenset[str]


class InvalidTerms(Refusal):
    """Several validation problems at once; ``problems`` holds each."""

    def __init__(self, problems: list[Refusal]) -> None:
        super().__init__(problems[0].code, problems[0].message, problems[0].field)
        self.problems = problems


class OutOfScope(Exception):
    """The version does not exist or belongs to another department (the same to the caller)."""


def _check(terms: rules.ImplementationTerms) -> None:
    problems = rules.validate(terms)
    if problems:
        raise InvalidTerms(problems)


async def _own(actor: Actor, version_id: str, *, lock: bool = False) -> Implementation:
    qs = Implementation.filter(id=version_id, department_id=actor.department_id)
    row = await (qs.select_for_update() if lock else qs).first()
    if row is None or actor.department_id is None:
        raise OutOfScope(version_id)
    return row


async def _terms(row: Implementation) -> rules.ImplementationTerms:
    materials = await ImplementationMaterial.filter(implementation_id=row.id)
    fees = await ImplementationFee.filter(implementation_id=row.id)
    return terms_of(row, materials, fees)


async def _write_children(row: Implementation, terms: rules.ImplementationTerms) -> None:
    materials, fees = child_rows(row.id, terms)
    await ImplementationMaterial.bulk_create(materials)
    await ImplementationFee.bulk_create(fees)


async def create_draft(actor: Actor, *, matter_id: str, idempotency_key: str,
                       changes: dict[str, Any], based_on_id: str | None = None,
                       code: str | None = None) -> Implementation:
    """A new draft version of this department's entry for the matter.

    Retrying with the same idempotency key returns the draft made the first time.
    """
    if actor.department_id is None:
        raise OutOfScope(matter_id)  # an admin without a department maintains nothing
    if not 0 < len(idempotency_key) <= 64:
        raise Refusal("INVALID_VALUE", "幂等键长度应为 1–64 个字符", "idempotencyKey")
    earlier = await Implementation.get_or_none(created_by_id=actor.account_id,
                                               idempotency_key=idempotency_key)
    if earlier is not None:
        if str(earlier.matter_id) != matter_id:
            raise Refusal("IDEMPOTENCY_KEY_REUSED", "此幂等键已用于另一事项", "idempotencyKey")
        return earlier
    matter = await Matter.get_or_none(id=matter_id)
    if matter is None:
        raise Refusal("MATTER_NOT_FOUND", "基本目录中没有此事项", "matterId")
    department = await Department.get(id=actor.department_id)
    if department.kind != matter.department_kind:
        raise Refusal("WRONG_DEPARTMENT", "此事项不由本部门实施", "matterId")
    terms = rules.ImplementationTerms()
    if based_on_id is not None:
        base = await _own(actor, based_on_id)
        if str(base.matter_id) != matter_id:
            raise Refusal("INVALID_VALUE", "只能基于同一事项的版本新建草稿", "basedOnId")
        terms = await _terms(base)
    terms = merged(terms, changes)
    _check(terms)
    try:
        async with in_transaction():
            entry_code = await _entry_code(matter, department, code)
            if await Implementation.filter(code=entry_code, status=Status.DRAFT).exists():
                raise Refusal("DRAFT_EXISTS", "此实施清单已有未发布的草稿，请先编辑或作废它",
                              "matterId")
            latest = await Implementation.filter(code=entry_code).order_by(
                "-version").first().values_list("version", flat=True)
            row = await Implementation.create(
                code=entry_code, version=(latest or 0) + 1, status=Status.DRAFT,
                matter_id=matter.id, region_id=department.region_id,
                department_id=department.id, created_by_id=actor.account_id,
                idempotency_key=idempotency_key, **row_values(terms))
            await _write_children(row, terms)
    except IntegrityError as error:
        # A concurrent retry won the race for the same key: hand back its draft.
        again = await Implementation.get_or_none(created_by_id=actor.account_id,
                                                 idempotency_key=idempotency_key)
        if again is None:
            raise Refusal("CONFLICT", "有人同时修改了此实施清单，请重试") from error
        return again
    return row


async def _entry_code(matter: Matter, department: Department, code: str | None) -> str:
    """The entry's 实施编码: kept from earlier versions, else given or derived."""
    previous = await Implementation.filter(
        matter_id=matter.id, region_id=department.region_id, department_id=department.id,
    ).order_by("-version").first().values_list("code", flat=True)
    if previous is not None:
        if code is not None and code != previous:
            raise Refusal("INVALID_CODE", f"此实施清单的实施编码为 {previous}，不能更改", "code")
        return previous
    if code is None:
        code = implementation_code(matter.basic_code, department.region_id,
                                   DEPARTMENT_CODE_BY_KIND[department.kind])
    rules.check_implementation_code(code)
    if await Implementation.filter(code=code).exists():
        raise Refusal("CODE_TAKEN", "实施编码已被其他实施清单使用", "code")
    return code


async def update_draft(actor: Actor, version_id: str, changes: dict[str, Any],
                       now: datetime) -> Implementation:
    async with in_transaction():
        row = await _own(actor, version_id, lock=True)
        rules.apply(Status(row.status), Action.EDIT, actor.roles)
        terms = merged(await _terms(row), changes)
        _check(terms)
        # update() does not bump auto_now fields
        await Implementation.filter(id=row.id).update(**row_values(terms), updated_at=now)
        if "materials" in changes:
            await ImplementationMaterial.filter(implementation_id=row.id).delete()
        if "fees" in changes:
            await ImplementationFee.filter(implementation_id=row.id).delete()
        materials, fees = child_rows(row.id, terms)
        if "materials" in changes:
            await ImplementationMaterial.bulk_create(materials)
        if "fees" in changes:
            await ImplementationFee.bulk_create(fees)
        await row.refresh_from_db()
    return row


async def publish(actor: Actor, version_id: str, now: datetime) -> tuple[Implementation, bool]:
    """Publish a draft; the entry's previous published version is superseded.
    Returns (version, changed): publishing a published version changes nothing."""
    async with in_transaction():
        row = await _own(actor, version_id, lock=True)
        status = Status(row.status)
        target = rules.apply(status, Action.PUBLISH, actor.roles)
        if target is status:
            return row, False
        _check(await _terms(row))
        others = await Implementation.filter(
            code=row.code, status=Status.PUBLISHED).exclude(id=row.id).select_for_update()
        if any(other.version > row.version for other in others):
            raise Refusal("STALE_DRAFT", "已有更新的版本发布，此草稿已过时，请基于最新版本重新起草",
                          "id")
        for other in others:
            rules.apply(Status.PUBLISHED, Action.SUPERSEDE, frozenset({rules.SYSTEM}))
            await Implementation.filter(id=other.id).update(
                status=Status.RETIRED, retired_at=now, retired_reason=RetiredReason.SUPERSEDED,
                updated_at=now)
        await Implementation.filter(id=row.id).update(status=target, published_at=now,
                                                      updated_at=now)
        await row.refresh_from_db()
    return row, True


async def retire(actor: Actor, version_id: str, now: datetime) -> tuple[Implementation, bool]:
    """Withdraw a published version, or abandon a draft. Idempotent."""
    async with in_transaction():
        row = await _own(actor, version_id, lock=True)
        status = Status(row.status)
        target = rules.apply(status, Action.RETIRE, actor.roles)
        if target is status:
            return row, False
        reason = RetiredReason.WITHDRAWN if status is Status.PUBLISHED else RetiredReason.ABANDONED
        await Implementation.filter(id=row.id).update(status=target, retired_at=now,
                                                      retired_reason=reason, updated_at=now)
        await row.refresh_from_db()
    return row, True


async def version_for_filing(version_id: str) -> Implementation:
    """For the applications domain: the published version an application is filed
    under (its id is stored with the application and never changes)."""
    row = await Implementation.get_or_none(id=version_id)
    if row is None or row.status != Status.PUBLISHED:
        raise Refusal("NOT_PUBLISHED", "此事项版本未发布或已停用，不能申请", "implementationId")
    return row
