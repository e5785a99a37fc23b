"""Filing a 办件: drafts (one matter, a 一件事 bundle or a 多地联办 file), materials,
submission and resubmission after correction.

Creation is idempotent per applicant and client key: the key is unique in the
database, so any number of identical requests racing each other leave one row,
and every loser reads and returns the winner's.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.applications import clock, materials, record, service
from models.applications.materials import Attachment
from models.applications.record import Actor
from models.applications.rules import Action, CrossProvinceMode, Role, Status
from models.applications.tables import Application, ApplicationBundle
from models.calendar.rules import HolidayTable
from models.catalogue.service import version_for_filing
from models.catalogue.tables import Implementation, Matter
from models.errors import Refusal
from models.regions.tables import Department

T = TypeVar("T")
_KEY = re.compile(r"[A-Za-z0-9_.:-]{8,60}")
_REGION = re.compile(r"[1-9][0-9]{5}")
MAX_REMARKS = 1000
MAX_PARTNERS = 5
# Catalogue flag for each mode (the catalogue calls 多地联办 MULTI_PLACE).
_MODE_FLAGS = {CrossProvinceMode.FULLY_ONLINE: "cross_fully_online",
               CrossProvinceMode.PROXY: "cross_proxy",
               CrossProvinceMode.MULTI_SITE: "cross_multi_place"}


@dataclass(frozen=True)
class DraftRequest:
    implementation_id: str
    idempotency_key: str
    enterprise_id: str | None = None
    mode: CrossProvinceMode = CrossProvinceMode.NONE
    receiving_region_code: str | None = None
    receiving_department_id: str | None = None
    partner_implementation_ids: tuple[str, ...] = ()
    remarks: str = ""


def check_key(key: str, field: str = "idempotencyKey") -> str:
    if not _KEY.fullmatch(key or ""):
        raise Refusal("INVALID_INPUT", "幂等键须为 8–60 位字母、数字或 _.:-", field)
    return key


async def idempotent(create: Callable[[], Awaitable[T]],
                      existing: Callable[[], Awaitable[T | None]]) -> T:
    """Run ``create`` in a transaction; if a racing twin already holds the key, return it."""
    try:
        async with in_transaction():
            return await create()
    except IntegrityError:
        found = await existing()
        if found is None:
            raise
        return found


async def _version(implementation_id: str, field: str) -> Implementation:
    try:
        uuid.UUID(str(implementation_id))
    except ValueError:
        raise Refusal("NOT_PUBLISHED", "办理事项不存在", field) from None
    try:
        return await version_for_filing(implementation_id)
    except Refusal as refusal:
        raise Refusal(refusal.code, refusal.message, field) from None


async def _receiving(request: DraftRequest, version: Implementation) -> tuple[str | None,
                                                                            str | None]:
    """(receiving region code, receiving department id) after checking the mode."""
    mode = request.mode
    if mode is CrossProvinceMode.NONE:
        return None, None
    if not getattr(version, _MODE_FLAGS[mode]):
        raise Refusal("MODE_NOT_OFFERED", "该事项在办理地不支持所选的跨域通办模式",
                      "crossProvince.mode")
    if mode is CrossProvinceMode.PROXY:
        department = await Department.get_or_none(id=request.receiving_department_id) if (
            request.receiving_department_id) else None
        if department is None or department.id == version.department_id:
            raise Refusal("INVALID_RECEIVING_DEPARTMENT", "请选择办理地以外的收件窗口",
                          "crossProvince.receivingDepartmentId")
        return department.region_id, str(department.id)
    code = request.receiving_region_code or ""
    if not _REGION.fullmatch(code):
        raise Refusal("INVALID_INPUT", "收件地须为6位行政区划代码",
                      "crossProvince.receivingRegionCode")
    return code, None


def new_row(applicant_id: str, request: DraftRequest, version: Implementation, matter: Matter,
         key: str, now: datetime, *, receiving: tuple[str | None, str | None],
         bundle_id: object = None, position: int | None = None) -> Application:
    return Application(
        id=uuid.uuid4(), applicant_id=applicant_id, enterprise_id=request.enterprise_id,
        implementation_id=version.id, department_id=version.department_id,
        handling_region_code=version.region_id, bundle_id=bundle_id,
        bundle_position=position, matter_name=matter.name,
        implementation_code=version.code, implementation_version=version.version,
        promised_limit=version.promised_limit, promised_limit_unit=version.promised_limit_unit,
        legal_limit=version.legal_limit, legal_limit_unit=version.legal_limit_unit,
        status=Status.DRAFT.value, mode=request.mode.value,
        receiving_region_code=receiving[0], receiving_department_id=receiving[1],
        remarks=request.remarks, idempotency_key=key, sort_due=clock.NO_DUE,
        created_at=now, updated_at=now)


@dataclass(frozen=True)
class _Filing:
    """A checked draft request: what to insert, and how to recognise a twin."""

    applicant_id: str
    request: DraftRequest
    key: str
    version: Implementation
    receiving: tuple[str | None, str | None]
    partners: list[Implementation]
    matters: dict[str, Matter]

    async def insert(self, now: datetime) -> Application:
        """The draft (and 多地联办 partners); IntegrityError when the key is taken."""
        request, version, bundle_id = self.request, self.version, None
        if request.mode is CrossProvinceMode.MULTI_SITE:
            lead_name = self.matters[str(version.matter_id)].name
            bundle = await ApplicationBundle.create(
                id=uuid.uuid4(), kind="MULTI_SITE", name=f"多地联办：{lead_name}"[:128],
                applicant_id=self.applicant_id, enterprise_id=request.enterprise_id,
                region_code=self.receiving[0] or "", idempotency_key=self.key, created_at=now)
            bundle_id = bundle.id
        lead = new_row(self.applicant_id, request, version, self.matters[str(version.matter_id)],
                       self.key, now, receiving=self.receiving, bundle_id=bundle_id,
                       position=0 if bundle_id else None)
        await lead.save(force_create=True)
        for index, partner in enumerate(self.partners, start=1):
            await new_row(self.applicant_id, request, partner,
                          self.matters[str(partner.matter_id)], f"{self.key}#{index}", now,
                          receiving=self.receiving, bundle_id=bundle_id,
                          position=index).save(force_create=True)
        return lead

    async def existing(self) -> Application | None:
        found = await Application.get_or_none(applicant_id=self.applicant_id,
                                              idempotency_key=self.key)
        if found is not None and str(found.implementation_id) != str(self.version.id):
            raise Refusal("IDEMPOTENCY_KEY_REUSED", "该幂等键已用于另一项申请，请生成新的键",
                          "idempotencyKey")
        return found


async def _check(applicant_id: str, request: DraftRequest) -> _Filing:
    key = check_key(request.idempotency_key)
    if len(request.remarks) > MAX_REMARKS:
        raise Refusal("INVALID_INPUT", f"申请说明不能超过{MAX_REMARKS}字", "remarks")
    version = await _version(request.implementation_id, "implementationId")
    receiving = await _receiving(request, version)
    partners = await _partners(request, version)
    matters = {str(m.id): m for m in await Matter.filter(
        id__in=[v.matter_id for v in (version, *partners)])}
    return _Filing(applicant_id, request, key, version, receiving, partners, matters)


async def create_draft(applicant_id: str, request: DraftRequest, now: datetime) -> Application:
    """A draft for one implementation version (or, for 多地联办, a linked set)."""
    filing = await _check(applicant_id, request)
    return await idempotent(lambda: filing.insert(now), filing.existing)


async def _partners(request: DraftRequest, lead: Implementation) -> list[Implementation]:
    if request.mode is not CrossProvinceMode.MULTI_SITE:
        if request.partner_implementation_ids:
            raise Refusal("INVALID_INPUT", "只有多地联办需要联办事项",
                          "crossProvince.partnerImplementationIds")
        return []
    ids = list(dict.fromkeys(request.partner_implementation_ids))
    if not 1 <= len(ids) <= MAX_PARTNERS:
        raise Refusal("INVALID_INPUT", f"多地联办须选择1–{MAX_PARTNERS}个联办事项",
                      "crossProvince.partnerImplementationIds")
    partners = []
    for index, ident in enumerate(ids):
        field = f"crossProvince.partnerImplementationIds[{index}]"
        partner = await _version(ident, field)
        if not partner.cross_multi_place or partner.department_id == lead.department_id:
            raise Refusal("MODE_NOT_OFFERED", "联办事项须由其他部门办理且支持多地联办", field)
        partners.append(partner)
    return partners


async def attach_materials(actor: Actor, application_id: str, items: Sequence[Attachment],
                           now: datetime) -> Application:
    """Attach files; in a 多地联办 file they are shared with every authority that asks
    for a material of the same name. After submission only 容缺 materials may follow."""
    async with in_transaction():
        app = await service.lock(application_id)
        before = Status(app.status)
        added = await materials.attach(app, items, now)
        if added and before not in materials.EDITABLE:
            await record.add_event(app, action=record.MATERIALS_SUPPLIED,
                                   from_status=app.status, actor=actor,
                                   label=f"补交容缺材料{added}份", now=now)
        app.updated_at = now
        await app.save()
        if app.bundle_id and app.mode == CrossProvinceMode.MULTI_SITE and before in (
                materials.EDITABLE):
            await _share(app, items, now)
    return app


async def _share(app: Application, items: Sequence[Attachment], now: datetime) -> None:
    sheet = {r.material_id: r.name for r in await materials.checklist(app)}
    siblings = await Application.filter(bundle_id=app.bundle_id, status__in=[
        s.value for s in materials.EDITABLE]).exclude(id=app.id)
    for sibling in siblings:
        by_name = {r.name: r.material_id for r in await materials.checklist(sibling)}
        shared = [Attachment(by_name[sheet[i.material_id]], i.sha256, i.filename)
                  for i in items if sheet.get(i.material_id) in by_name]
        if shared:
            await materials.attach(sibling, shared, now)


async def submit(actor: Actor, application_id: str, *, now: datetime, table: HolidayTable,
                 secrets: service.Submission) -> Application:
    """Submit a draft. Submitting one already submitted returns it unchanged."""
    async with in_transaction():
        app = await service.lock(application_id)
        if app.status != Status.DRAFT:
            return app
        return (await service.act(application_id, Action.SUBMIT, actor, {}, now=now,
                                  table=table, submission=secrets)).application


async def submit_new(actor: Actor, request: DraftRequest, items: Sequence[Attachment], *,
                     now: datetime, table: HolidayTable,
                     secrets: service.Submission) -> Application:
    """Create, fill and submit in one transaction: a refusal leaves nothing behind, and a
    retry (or a racing twin) with the same key returns the one application."""
    if request.mode is CrossProvinceMode.MULTI_SITE:
        raise Refusal("INVALID_INPUT", "多地联办请先创建草稿，补齐各地材料后逐件提交",
                      "draft.crossProvince.mode")
    try:
        filing = await _check(actor.account_id or "", request)
    except Refusal as refusal:  # the draft's fields sit under `draft` in this input
        raise Refusal(refusal.code, refusal.message, f"draft.{refusal.field}") from None

    async def fill_and_submit(app: Application) -> Application:
        if items:
            await materials.attach(app, items, now)
        return (await service.act(str(app.id), Action.SUBMIT, actor, {}, now=now,
                                  table=table, submission=secrets)).application

    async def create() -> Application:
        return await fill_and_submit(await filing.insert(now))

    async def existing() -> Application | None:
        try:
            found = await filing.existing()
        except Refusal as refusal:
            raise Refusal(refusal.code, refusal.message, f"draft.{refusal.field}") from None
        if found is None or found.status != Status.DRAFT:
            return found
        async with in_transaction():  # a draft made earlier under this key: submit it now
            app = await service.lock(str(found.id))
            return app if app.status != Status.DRAFT else await fill_and_submit(app)

    return await idempotent(create, existing)


async def resubmit(actor: Actor, application_id: str, items: Sequence[Attachment], *,
                   now: datetime, table: HolidayTable) -> service.ActResult:
    """补正: supply the corrected materials and hand the application in again."""
    async with in_transaction():
        app = await service.lock(application_id)
        if app.status == Status.NEEDS_CORRECTION and items:
            await materials.attach(app, items, now)
        return await service.act(application_id, Action.RESUBMIT, actor, {}, now=now,
                                 table=table)


def applicant_actor(account_id: str) -> Actor:
    return Actor(account_id=account_id, role=Role.APPLICANT)


async def remove_material(application_id: str, attachment_id: str,
                          now: datetime) -> tuple[Application, bool]:
    async with in_transaction():
        app = await service.lock(application_id)
        removed = await materials.detach(app, attachment_id) if attachment_id else False
        app.updated_at = now
        await app.save()
    return app, removed
