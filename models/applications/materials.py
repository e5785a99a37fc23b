"""Application materials: files attached by content hash to the materials the
implementation version asks for, with 容缺受理 respected.

A required material marked deferrable (容缺) may be missing at submission: the
application is accepted and the material is supplied later, but no approval is
given until it is in. Any other required material must be there to submit.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.applications.rules import Status
from models.applications.tables import Application, ApplicationMaterial
from models.catalogue.tables import ImplementationMaterial
from models.errors import Refusal
from models.files import sniff
from models.files.tables import StoredFile

ACCEPTED_TYPES = sniff.DOCUMENTS
MAX_FILES_PER_CALL = 50
MAX_FILENAME = 200
EDITABLE = frozenset({Status.DRAFT, Status.NEEDS_CORRECTION})
# After submission only outstanding 容缺 materials may still be handed in.
LATE_SUPPLY = frozenset({Status.SUBMITTED, Status.PRE_REVIEW, Status.ACCEPTED,
                         Status.UNDER_REVIEW, Status.SPECIAL_PROCEDURE, Status.SUSPENDED})
_SHA256 = re.compile(r"[0-9a-f]{64}")


class Problems(Exception):
    """Several refusals at once (every missing material is named, not just the first)."""

    def __init__(self, problems: Sequence[Refusal]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Attachment:
    material_id: str
    sha256: str
    filename: str = ""


@dataclass(frozen=True)
class Requirement:
    """One material of the checklist with what has been supplied for it."""

    material_id: str
    name: str
    required: bool
    deferrable: bool
    supplied: int

    @property
    def state(self) -> str:
        if self.supplied:
            return "PROVIDED"
        if not self.required:
            return "OPTIONAL"
        return "DEFERRED" if self.deferrable else "MISSING"


async def requirements_for(apps: Iterable[Application]) -> dict[str, list[Requirement]]:
    """The checklist of each application: two statements for any number of them."""
    apps = list(apps)
    if not apps:
        return {}
    by_version: dict[str, list[ImplementationMaterial]] = defaultdict(list)
    versions = {str(a.implementation_id) for a in apps}
    for row in await ImplementationMaterial.filter(implementation_id__in=versions).order_by(
            "position"):
        by_version[str(row.implementation_id)].append(row)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for app_id, material_id in await ApplicationMaterial.filter(
            application_id__in=[a.id for a in apps]).values_list("application_id",
                                                                  "material_id"):
        counts[(str(app_id), str(material_id))] += 1
    return {str(a.id): [Requirement(str(m.id), m.name, m.required, m.deferrable,
                                    counts[(str(a.id), str(m.id))])
                        for m in by_version[str(a.implementation_id)]] for a in apps}


async def checklist(app: Application) -> list[Requirement]:
    return (await requirements_for([app]))[str(app.id)]


async def outstanding_materials(app: Application) -> list[str]:
    """Names of the 容缺 materials still to be supplied."""
    return [r.name for r in await checklist(app) if r.state == "DEFERRED"]


async def check_complete(app: Application) -> None:
    """Refuse submission, naming every required material that is missing."""
    missing = [r for r in await checklist(app) if r.state == "MISSING"]
    if missing:
        raise Problems([Refusal("MATERIALS_MISSING", f"缺少必需的申请材料：{r.name}",
                                f"materials.{r.material_id}") for r in missing])


async def _validate(app: Application, items: Sequence[Attachment]) -> dict[str, str]:
    """Every problem with the items at once; returns material id -> name."""
    if len(items) > MAX_FILES_PER_CALL:
        raise Refusal("INVALID_INPUT", f"一次最多提交{MAX_FILES_PER_CALL}个文件", "materials")
    status = Status(app.status)
    sheet = {r.material_id: r for r in await checklist(app)}
    hashes = {i.sha256 for i in items if _SHA256.fullmatch(i.sha256)}
    stored = {f.sha256: f for f in await StoredFile.filter(sha256__in=hashes)}
    problems = []
    for index, item in enumerate(items):
        at = f"materials[{index}]"
        requirement = sheet.get(item.material_id)
        if requirement is None:
            problems.append(Refusal("UNKNOWN_MATERIAL", "该事项没有这项申请材料",
                                    f"{at}.materialId"))
        elif status not in EDITABLE and requirement.state != "DEFERRED":
            problems.append(Refusal("NOT_EDITABLE", f"「{requirement.name}」现在不能更改，"
                                    "已提交的办件只能补交容缺材料", f"{at}.materialId"))
        file = stored.get(item.sha256)
        if file is None:
            problems.append(Refusal("FILE_NOT_FOUND", "文件不存在，请先上传", f"{at}.sha256"))
        elif file.content_type not in ACCEPTED_TYPES:
            problems.append(Refusal("FILE_TYPE_NOT_ALLOWED", "申请材料只接受 PDF、PNG、JPEG 文件",
                                    f"{at}.sha256"))
        if len(item.filename) > MAX_FILENAME:
            problems.append(Refusal("INVALID_INPUT", "文件名过长", f"{at}.filename"))
    if problems:
        raise Problems(problems)
    return {m: r.name for m, r in sheet.items()}


async def attach(app: Application, items: Sequence[Attachment], now: datetime) -> int:
    """Attach files (call under the application's row lock). The same file for the
    same material is kept once. Returns how many new attachments were made."""
    status = Status(app.status)
    if status not in EDITABLE and status not in LATE_SUPPLY:
        raise Refusal("NOT_EDITABLE", "办件当前状态不能提交材料", "applicationId")
    names = await _validate(app, items)
    added = 0
    for item in items:
        exists = await ApplicationMaterial.exists(
            application_id=app.id, material_id=item.material_id, file_id=item.sha256)
        if exists:
            continue
        try:
            async with in_transaction():  # a savepoint: a duplicate must not abort the caller
                await ApplicationMaterial.create(
                    id=uuid.uuid4(), application_id=app.id, material_id=item.material_id,
                    material_name=names[item.material_id], file_id=item.sha256,
                    filename=item.filename.strip(), added_during=status.value, added_at=now)
            added += 1
        except IntegrityError:
            continue
    return added


async def detach(app: Application, attachment_id: str) -> bool:
    if Status(app.status) not in EDITABLE:
        raise Refusal("NOT_EDITABLE", "办件已提交，材料不能删除", "attachmentId")
    return bool(await ApplicationMaterial.filter(id=attachment_id,
                                                 application_id=app.id).delete())
