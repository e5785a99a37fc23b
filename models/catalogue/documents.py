"""Implementation documents: one 实施清单 version with its matter, department, region,
materials and fees, as plain data that round-trips through JSON (the Redis cache).

A published version never changes, so its document can be cached whole and
served without touching the database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class MatterDoc:
    id: str
    basic_code: str
    name: str
    matter_type: str
    department_kind: str
    for_person: bool
    for_legal_entity: bool
    theme: str
    levels: list[str]
    legal_basis: str
    business_licence: bool
    licence_reform_mode: str | None


@dataclass(frozen=True)
class DepartmentDoc:
    """Shaped like models.Department so schema.regions.Department.from_row takes it."""

    id: str
    code: str
    name: str
    short_name: str
    kind: str
    region_id: str


@dataclass(frozen=True)
class RegionDoc:
    """Shaped like models.Region for schema.regions.Region.from_row."""

    code: str
    name: str
    level: str
    parent_id: str | None
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class MaterialDoc:
    id: str
    position: int
    name: str
    form: str
    copies: int
    required: bool
    deferrable: bool
    source: str
    note: str
    template_sha256: str | None
    template_filename: str | None


@dataclass(frozen=True)
class FeeDoc:
    position: int
    name: str
    amount_fen: int
    unit: str
    basis: str


@dataclass(frozen=True)
class ImplementationDoc:
    id: str
    code: str
    version: int
    status: str
    matter: MatterDoc
    department: DepartmentDoc
    region: RegionDoc
    acceptance_conditions: str
    legal_limit: int
    legal_limit_unit: str
    promised_limit: int
    promised_limit_unit: str
    case_type: str
    handling_form: str
    onsite_visits: int
    service_scope: str
    cross_province_modes: list[str]
    delegation: str
    delegated_from_region: str | None
    address: str
    office_hours: str
    consult_phone: str
    complaint_phone: str
    online_url: str
    published_at: datetime | None
    retired_at: datetime | None
    retired_reason: str | None
    updated_at: datetime | None
    materials: list[MaterialDoc]
    fees: list[FeeDoc]

    def to_json(self) -> dict[str, Any]:
        raw = asdict(self)
        for name in ("published_at", "retired_at", "updated_at"):
            raw[name] = _iso(raw[name])
        for name in ("valid_from", "valid_to"):
            raw["region"][name] = _iso(raw["region"][name])
        return raw

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ImplementationDoc:
        region = dict(raw["region"])
        for name in ("valid_from", "valid_to"):
            region[name] = date.fromisoformat(region[name]) if region[name] else None
        values = dict(raw)
        for name in ("published_at", "retired_at", "updated_at"):
            values[name] = datetime.fromisoformat(values[name]) if values[name] else None
        values.update(
            matter=MatterDoc(**raw["matter"]), department=DepartmentDoc(**raw["department"]),
            region=RegionDoc(**region), materials=[MaterialDoc(**m) for m in raw["materials"]],
            fees=[FeeDoc(**f) for f in raw["fees"]])
        return cls(**values)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def matter_doc(row: Any) -> MatterDoc:
    return MatterDoc(
        id=str(row.id), basic_code=row.basic_code, name=row.name, matter_type=row.matter_type,
        department_kind=row.department_kind, for_person=row.for_person,
        for_legal_entity=row.for_legal_entity, theme=row.theme, levels=list(row.levels),
        legal_basis=row.legal_basis, business_licence=row.business_licence,
        licence_reform_mode=row.licence_reform_mode)


def implementation_doc(row: Any, materials: list[Any], fees: list[Any]) -> ImplementationDoc:
    """From an Implementation row with matter, department and region selected."""
    modes = [mode for mode, flag in (("FULLY_ONLINE", row.cross_fully_online),
                                     ("PROXY", row.cross_proxy),
                                     ("MULTI_PLACE", row.cross_multi_place)) if flag]
    dept, region = row.department, row.region
    return ImplementationDoc(
        id=str(row.id), code=row.code, version=row.version, status=row.status,
        matter=matter_doc(row.matter),
        department=DepartmentDoc(id=str(dept.id), code=dept.code, name=dept.name,
                                 short_name=dept.short_name, kind=dept.kind,
                                 region_id=dept.region_id),
        region=RegionDoc(code=region.code, name=region.name, level=region.level,
                         parent_id=region.parent_id, valid_from=region.valid_from,
                         valid_to=region.valid_to),
        acceptance_conditions=row.acceptance_conditions, legal_limit=row.legal_limit,
        legal_limit_unit=row.legal_limit_unit, promised_limit=row.promised_limit,
        promised_limit_unit=row.promised_limit_unit, case_type=row.case_type,
        handling_form=row.handling_form, onsite_visits=row.onsite_visits,
        service_scope=row.service_scope, cross_province_modes=modes,
        delegation=row.delegation, delegated_from_region=row.delegated_from_region,
        address=row.address, office_hours=row.office_hours, consult_phone=row.consult_phone,
        complaint_phone=row.complaint_phone, online_url=row.online_url,
        published_at=row.published_at, retired_at=row.retired_at,
        retired_reason=row.retired_reason, updated_at=row.updated_at,
        materials=[MaterialDoc(
            id=str(m.id), position=m.position, name=m.name, form=m.form, copies=m.copies,
            required=m.required, deferrable=m.deferrable, source=m.source, note=m.note,
            template_sha256=m.template_sha256, template_filename=m.template_filename)
            for m in sorted(materials, key=lambda m: m.position)],
        fees=[FeeDoc(position=f.position, name=f.name, amount_fen=f.amount_fen, unit=f.unit,
                     basis=f.basis) for f in sorted(fees, key=lambda f: f.position)],
    )
