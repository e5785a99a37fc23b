"""Reading the catalogue: listing filters, documents and batch lookups (a fixed
number of statements per call, whatever the number of keys)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from models.catalogue.documents import ImplementationDoc, implementation_doc
from models.catalogue.rules import Status
from models.catalogue.tables import (
    Implementation,
    ImplementationFee,
    ImplementationMaterial,
    LifeEvent,
    LifeEventMember,
    Matter,
)
from models.catalogue.vocabulary import Audience, CrossProvinceMode, HandlingForm

_CROSS_FLAG = {CrossProvinceMode.FULLY_ONLINE: "cross_fully_online",
               CrossProvinceMode.PROXY: "cross_proxy",
               CrossProvinceMode.MULTI_PLACE: "cross_multi_place"}


@dataclass(frozen=True)
class ListingFilter:
    """Filters of the public list. Implementation-level ones (scope, modes,
    online, visits) read the implementation's own published terms, never the
    matter's defaults or another region's entry; the matter-level ones (type,
    audience, theme, 证照分离) are properties of the 基本目录 matter itself."""

    region_code: str | None = None
    department_id: str | None = None
    matter_id: str | None = None
    matter_type: str | None = None
    audience: str | None = None
    theme: str | None = None
    service_scope: str | None = None
    cross_province_mode: str | None = None
    online_only: bool = False
    licence_reform_mode: str | None = None
    max_onsite_visits: int | None = None

    def cache_parts(self) -> tuple[Any, ...]:
        return tuple(sorted(self.__dict__.items()))


def published(listing: ListingFilter) -> QuerySet[Implementation]:
    qs = Implementation.filter(status=Status.PUBLISHED)
    if listing.region_code:
        qs = qs.filter(region_id=listing.region_code)
    if listing.department_id:
        qs = qs.filter(department_id=listing.department_id)
    if listing.matter_id:
        qs = qs.filter(matter_id=listing.matter_id)
    if listing.matter_type:
        qs = qs.filter(matter__matter_type=listing.matter_type)
    if listing.audience == Audience.PERSON:
        qs = qs.filter(matter__for_person=True)
    elif listing.audience == Audience.LEGAL_ENTITY:
        qs = qs.filter(matter__for_legal_entity=True)
    if listing.theme:
        qs = qs.filter(matter__theme=listing.theme)
    if listing.licence_reform_mode:
        qs = qs.filter(matter__licence_reform_mode=listing.licence_reform_mode)
    if listing.service_scope:
        qs = qs.filter(service_scope=listing.service_scope)
    if listing.cross_province_mode:
        qs = qs.filter(**{_CROSS_FLAG[CrossProvinceMode(listing.cross_province_mode)]: True})
    if listing.online_only:
        qs = qs.filter(handling_form=HandlingForm.ONLINE)
    if listing.max_onsite_visits is not None:
        qs = qs.filter(onsite_visits__lte=listing.max_onsite_visits)
    return qs


async def load_documents(ids: Iterable[str]) -> dict[str, ImplementationDoc]:
    """Three statements for any number of versions: rows (with matter,
    department and region joined), materials, fees."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    rows = await Implementation.filter(id__in=ids).select_related(
        "matter", "department", "region")
    found = [str(row.id) for row in rows]
    if not found:
        return {}
    materials: dict[str, list[ImplementationMaterial]] = defaultdict(list)
    for material in await ImplementationMaterial.filter(implementation_id__in=found):
        materials[str(material.implementation_id)].append(material)
    fees: dict[str, list[ImplementationFee]] = defaultdict(list)
    for fee in await ImplementationFee.filter(implementation_id__in=found):
        fees[str(fee.implementation_id)].append(fee)
    return {str(row.id): implementation_doc(row, materials[str(row.id)], fees[str(row.id)])
            for row in rows}


async def current_versions(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """(matter id, region code) -> ids of its published versions there, in code order."""
    pairs = list(pairs)
    if not pairs:
        return {}
    matters = {m for m, _ in pairs}
    regions = {r for _, r in pairs}
    rows = await Implementation.filter(
        status=Status.PUBLISHED, matter_id__in=matters, region_id__in=regions,
    ).order_by("code").values_list("id", "matter_id", "region_id")
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ident, matter_id, region_id in rows:
        found[(str(matter_id), region_id)].append(str(ident))
    return {pair: found.get(pair, []) for pair in pairs}


async def matters_by(field: str, keys: Iterable[str]) -> dict[str, Matter]:
    keys = list(keys)
    if not keys:
        return {}
    rows = await Matter.filter(**{f"{field}__in": keys})
    return {str(getattr(row, field)): row for row in rows}


async def life_event_members(event_ids: Iterable[str]) -> dict[str, list[Matter]]:
    event_ids = list(event_ids)
    grouped: dict[str, list[Matter]] = defaultdict(list)
    if event_ids:
        for member in await LifeEventMember.filter(life_event_id__in=event_ids).order_by(
                "position").select_related("matter"):
            grouped[str(member.life_event_id)].append(member.matter)
    return grouped


async def life_events_of(matter_ids: Iterable[str]) -> dict[str, list[LifeEvent]]:
    matter_ids = list(matter_ids)
    grouped: dict[str, list[LifeEvent]] = defaultdict(list)
    if matter_ids:
        for member in await LifeEventMember.filter(matter_id__in=matter_ids).order_by(
                "life_event__code").select_related("life_event"):
            grouped[str(member.matter_id)].append(member.life_event)
    return grouped
