"""一件事 bundles: one request fanned out into linked drafts, one per member matter,
each with the department that carries it out where the applicant lives.

A member matter that has no published implementation in the county is looked
for in its city, then the province (matters exercised at a higher level); one
found nowhere is reported as skipped rather than failing the whole bundle.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from tortoise.transactions import in_transaction

from models.applications import filing, service
from models.applications.materials import Problems
from models.applications.record import Actor
from models.applications.rules import Action, Status
from models.applications.tables import Application, ApplicationBundle
from models.calendar.rules import HolidayTable
from models.catalogue.read import current_versions, life_event_members
from models.catalogue.tables import Implementation, LifeEvent
from models.errors import Refusal
from models.regions.tables import Region


async def _region_chain(code: str) -> list[str]:
    """The region and its ancestors, most local first."""
    chain = []
    region = await Region.get_or_none(code=code)
    if region is None or region.valid_to is not None:
        raise Refusal("INVALID_REGION", "所选地区不存在或已撤销", "regionCode")
    while region is not None:
        chain.append(region.code)
        region = await Region.get_or_none(code=region.parent_id) if region.parent_id else None
    return chain


async def create_bundle(applicant_id: str, enterprise_id: str | None, life_event_id: str,
                        region_code: str, key: str, now: datetime) -> ApplicationBundle:
    filing.check_key(key)
    try:
        event = await LifeEvent.get_or_none(id=uuid.UUID(str(life_event_id)))
    except ValueError:
        event = None
    if event is None:
        raise Refusal("NOT_FOUND", "一件事不存在", "lifeEventId")
    chain = await _region_chain(region_code)
    members = (await life_event_members([str(event.id)])).get(str(event.id), [])
    found = await current_versions([(str(m.id), code) for m in members for code in chain])
    chosen: list[tuple[int, str]] = []
    skipped = [{"name": name, "reason": "由其他单位办理，请按指引联系"}
               for name in event.linked_services]
    for index, matter in enumerate(members):
        ids = next((found[(str(matter.id), code)] for code in chain
                    if found.get((str(matter.id), code))), [])
        if ids:
            chosen.append((index, ids[0]))
        else:
            skipped.append({"name": matter.name, "reason": "本地区暂未提供此事项的网上办理"})
    if not chosen:
        raise Refusal("NOTHING_TO_APPLY", "该地区暂无可办理的一件事事项", "regionCode")
    versions = {str(v.id): v for v in await Implementation.filter(
        id__in=[i for _, i in chosen])}
    matters = {str(m.id): m for m in members}

    async def create() -> ApplicationBundle:
        bundle = await ApplicationBundle.create(
            id=uuid.uuid4(), kind="LIFE_EVENT", name=event.name, applicant_id=applicant_id,
            enterprise_id=enterprise_id, life_event_id=event.id, region_code=region_code,
            skipped=skipped, idempotency_key=key, created_at=now)
        for index, version_id in chosen:
            version = versions[version_id]
            request = filing.DraftRequest(implementation_id=version_id,
                                          idempotency_key=f"{key}#{index}",
                                          enterprise_id=enterprise_id)
            await filing.new_row(applicant_id, request, version, matters[str(version.matter_id)],
                              f"{key}#{index}", now, receiving=(None, None),
                              bundle_id=bundle.id, position=index).save(force_create=True)
        return bundle

    async def existing() -> ApplicationBundle | None:
        return await ApplicationBundle.get_or_none(applicant_id=applicant_id,
                                                   idempotency_key=key)

    return await filing.idempotent(create, existing)


async def submit_bundle(actor: Actor, bundle_id: str, *, now: datetime, table: HolidayTable,
                        secrets: service.Submission) -> list[Application]:
    """Submit every draft of the bundle together, or none: every missing material of
    every member is named at once."""
    async with in_transaction():
        apps = list(await Application.filter(bundle_id=bundle_id).order_by("bundle_position"))
        problems: list[Refusal] = []
        for index, app in enumerate(apps):
            if app.status != Status.DRAFT:
                continue
            try:
                await service.act(str(app.id), Action.SUBMIT, actor, {}, now=now, table=table,
                                  submission=secrets)
            except Problems as missing:
                problems += [Refusal(p.code, f"「{app.matter_name}」{p.message}",
                                     f"applications[{index}].{p.field}")
                             for p in missing.problems]
            except Refusal as refusal:
                problems.append(Refusal(refusal.code, refusal.message,
                                        f"applications[{index}]"))
        if problems:
            raise Problems(problems)  # rolls every member back
        return list(await Application.filter(bundle_id=bundle_id).order_by("bundle_position"))
