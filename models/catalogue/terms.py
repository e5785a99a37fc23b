"""Between stored implementation rows and the editable terms of rules.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from models.catalogue.rules import FeeTerms, ImplementationTerms, MaterialTerms
from models.catalogue.tables import ImplementationFee, ImplementationMaterial
from models.catalogue.vocabulary import (
    CaseType,
    CrossProvinceMode,
    Delegation,
    HandlingForm,
    MaterialForm,
    ServiceScope,
    TimeUnit,
)

_CROSS_FLAGS = (("cross_fully_online", CrossProvinceMode.FULLY_ONLINE),
                ("cross_proxy", CrossProvinceMode.PROXY),
                ("cross_multi_place", CrossProvinceMode.MULTI_PLACE))
_PLAIN = ("acceptance_conditions", "legal_limit", "promised_limit", "onsite_visits",
          "delegated_from_region", "address", "office_hours", "consult_phone",
          "complaint_phone", "online_url")


def terms_of(row: Any, materials: Sequence[Any], fees: Sequence[Any]) -> ImplementationTerms:
    return ImplementationTerms(
        **{name: getattr(row, name) for name in _PLAIN},
        legal_limit_unit=TimeUnit(row.legal_limit_unit),
        promised_limit_unit=TimeUnit(row.promised_limit_unit),
        case_type=CaseType(row.case_type), handling_form=HandlingForm(row.handling_form),
        service_scope=ServiceScope(row.service_scope),
        cross_province_modes=tuple(mode for flag, mode in _CROSS_FLAGS if getattr(row, flag)),
        delegation=Delegation(row.delegation),
        materials=tuple(MaterialTerms(
            name=m.name, form=MaterialForm(m.form), copies=m.copies, required=m.required,
            deferrable=m.deferrable, source=m.source, note=m.note,
            template_sha256=m.template_sha256, template_filename=m.template_filename)
            for m in sorted(materials, key=lambda m: m.position)),
        fees=tuple(FeeTerms(name=f.name, amount_fen=f.amount_fen, unit=f.unit, basis=f.basis)
                   for f in sorted(fees, key=lambda f: f.position)),
    )


def merged(terms: ImplementationTerms, changes: dict[str, Any]) -> ImplementationTerms:
    """``terms`` with the fields an edit supplied (keys are ImplementationTerms fields)."""
    return replace(terms, **changes)


def row_values(terms: ImplementationTerms) -> dict[str, Any]:
    """Column values of an Implementation row (validated terms: nothing is None)."""
    values = {name: getattr(terms, name) for name in _PLAIN}
    values.update(
        legal_limit_unit=str(terms.legal_limit_unit),
        promised_limit_unit=str(terms.promised_limit_unit), case_type=str(terms.case_type),
        handling_form=str(terms.handling_form), service_scope=str(terms.service_scope),
        delegation=str(terms.delegation),
        **{flag: mode in terms.cross_province_modes for flag, mode in _CROSS_FLAGS})
    return values


def child_rows(implementation_id: object, terms: ImplementationTerms
               ) -> tuple[list[ImplementationMaterial], list[ImplementationFee]]:
    materials = [ImplementationMaterial(
        implementation_id=implementation_id, position=index, name=m.name.strip(),
        form=str(m.form), copies=m.copies, required=m.required, deferrable=m.deferrable,
        source=m.source, note=m.note, template_sha256=m.template_sha256,
        template_filename=m.template_filename) for index, m in enumerate(terms.materials)]
    fees = [ImplementationFee(
        implementation_id=implementation_id, position=index, name=f.name.strip(),
        amount_fen=f.amount_fen, unit=f.unit, basis=f.basis)
        for index, f in enumerate(terms.fees)]
    return materials, fees
