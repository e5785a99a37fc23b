"""Supervisor figures (监管统计) for one department and year, read from the tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.accounts.tables import Account
from models.inspections.publication import PublicationStatus, publication_status
from models.inspections.rules import INSPECTOR_ROLE, TaskStatus, region_prefix
from models.inspections.tables import (
    InspectionFormTemplate,
    InspectionItem,
    InspectionPlan,
    InspectionSubject,
    InspectionTask,
)
from models.regions.tables import Department


@dataclass(frozen=True)
class Figures:
    year: int
    plans: int
    subjects_in_directory: int
    subjects_inspected: int
    tasks: int
    tasks_finished: int
    published_on_time: int
    published_late: int
    publication_overdue: int
    items: int
    items_with_form: int
    inspectors: int
    handhelds_activated: int

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    @property
    def coverage(self) -> float | None:
        """抽查覆盖率: subjects drawn this year / subjects in the department's area."""
        return self._share(self.subjects_inspected, self.subjects_in_directory)

    @property
    def completion(self) -> float | None:
        return self._share(self.tasks_finished, self.tasks)

    @property
    def on_time_publication(self) -> float | None:
        """按时公示率: on time / (published + overdue, i.e. every result that was due)."""
        due = self.published_on_time + self.published_late + self.publication_overdue
        return self._share(self.published_on_time, due)

    @property
    def form_coverage(self) -> float | None:
        return self._share(self.items_with_form, self.items)

    @property
    def handheld_activation(self) -> float | None:
        """掌上执法激活率: inspectors with a bound handheld / active inspectors."""
        return self._share(self.handhelds_activated, self.inspectors)


async def department_figures(department_id: str, year: int, now: datetime) -> Figures:
    department = await Department.get(id=department_id)
    tasks = await InspectionTask.filter(plan__department_id=department_id,
                                        plan__year=year).values_list(
        "subject_id", "status", "publish_due", "published_at")
    statuses = [publication_status(due, at, now) for _s, _st, due, at in tasks]
    finished = [s for _sub, s, _d, _a in tasks if s in (TaskStatus.FINISHED, TaskStatus.PUBLISHED)]
    items = await InspectionItem.filter(department_id=department_id,
                                        is_published=True).values_list("id", flat=True)
    with_form = await InspectionFormTemplate.filter(item_id__in=list(items)).distinct(
        ).values_list("item_id", flat=True)
    staff = await Account.filter(department_id=department_id, kind="STAFF",
                                 is_active=True).values_list("roles", "device_bound_at")
    inspectors = [bound for roles, bound in staff if INSPECTOR_ROLE in roles]
    return Figures(
        year=year,
        plans=await InspectionPlan.filter(department_id=department_id, year=year).count(),
        subjects_in_directory=await InspectionSubject.filter(
            region_id__startswith=region_prefix(department.region_id)).count(),
        subjects_inspected=len({s for s, *_ in tasks}),
        tasks=len(tasks),
        tasks_finished=len(finished),
        published_on_time=statuses.count(PublicationStatus.PUBLISHED_ON_TIME),
        published_late=statuses.count(PublicationStatus.PUBLISHED_LATE),
        publication_overdue=statuses.count(PublicationStatus.OVERDUE),
        items=len(items),
        items_with_form=len(set(with_form)),
        inspectors=len(inspectors),
        handhelds_activated=sum(1 for bound in inspectors if bound is not None),
    )
