"""Batch loaders for the case screens."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from models.accounts.tables import Account, Enterprise
from models.cases.facts import HearingThresholds
from models.cases.tables import (
    CaseDocument,
    CaseOfficer,
    Evidence,
    HearingThresholdSetting,
    Publication,
)
from resolvers.context import loader


def uuid_keys(keys: list[str]) -> list[str]:
    valid = []
    for key in keys:
        try:
            valid.append(str(uuid.UUID(str(key))))
        except ValueError:
            continue
    return valid


def _grouped(rows: list[Any], keys: list[str]) -> list[list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[str(row.case_id)].append(row)
    return [grouped.get(str(k), []) for k in keys]


def _by_id(pairs: list[Any], keys: list[str]) -> list[Any]:
    values = {str(k): v for k, v in pairs}
    return [values.get(next(iter(uuid_keys([k])), "")) for k in keys]


@loader("case_officers")
def case_officers(_ctx):
    async def load(case_ids: list[str]) -> list[list[CaseOfficer]]:
        rows = await CaseOfficer.filter(case_id__in=uuid_keys(case_ids)).order_by(
            "position", "id")
        return _grouped(list(rows), case_ids)

    return load


@loader("case_evidence")
def case_evidence(_ctx):
    async def load(case_ids: list[str]) -> list[list[Evidence]]:
        rows = await Evidence.filter(case_id__in=uuid_keys(case_ids)).order_by("event_seq")
        return _grouped(list(rows), case_ids)

    return load


@loader("case_documents")
def case_documents(_ctx):
    async def load(case_ids: list[str]) -> list[list[CaseDocument]]:
        rows = await CaseDocument.filter(case_id__in=uuid_keys(case_ids)).order_by("event_seq")
        return _grouped(list(rows), case_ids)

    return load


@loader("case_publication")
def case_publication(_ctx):
    async def load(case_ids: list[str]) -> list[Publication | None]:
        rows = {str(r.case_id): r for r in await Publication.filter(
            case_id__in=uuid_keys(case_ids))}
        return [rows.get(str(k)) for k in case_ids]

    return load


@loader("case_thresholds")
def case_thresholds(_ctx):
    """Province code (two digits) → its 听证 thresholds, defaults where unset."""

    async def load(provinces: list[str]) -> list[HearingThresholds]:
        rows = {r.province: r for r in await HearingThresholdSetting.filter(
            province__in=provinces)}
        out = []
        for p in provinces:
            r = rows.get(p)
            out.append(HearingThresholds() if r is None else HearingThresholds(
                r.citizen_fine_fen, r.organisation_fine_fen, r.citizen_confiscation_fen,
                r.organisation_confiscation_fen))
        return out

    return load


@loader("case_enterprise_code")
def enterprise_credit_code(_ctx):
    async def load(ids: list[str]) -> list[str | None]:
        rows = await Enterprise.filter(id__in=uuid_keys(ids)).values_list("id", "credit_code")
        return _by_id(rows, ids)

    return load


@loader("case_account_id_index")
def account_id_number_index(_ctx):
    """Account → its ID-number blind index (matched against a citizen party's)."""

    async def load(ids: list[str]) -> list[str | None]:
        rows = await Account.filter(id__in=uuid_keys(ids)).values_list("id", "id_number_index")
        return _by_id(rows, ids)

    return load
