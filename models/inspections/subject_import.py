"""检查对象名录 CSV import: parse and check every row, report each one (pure).

The file is UTF-8 (a BOM is allowed) with a header row. Columns, by Chinese
header (the English key in brackets is accepted too):

    统一社会信用代码 (credit_code)    required, GB 32100 checksum
    名称 (name)                        required, ≤ 128
    法定代表人 (legal_representative)  required, ≤ 64
    联系电话 (phone)                   optional, mainland mobile number
    地址 (address)                     required, ≤ 256
    行业 (industry)                    required, ≤ 64
    区划代码 (region)                  required, a current region the importer covers
    风险等级 (risk_grade)              LOW/MEDIUM/HIGH/VERY_HIGH or 低风险/一般风险/较高风险/高风险
    信用等级 (credit_grade)            A/B/C/D
    本年度已检查次数 (inspections_this_year)  optional integer ≥ 0, default 0

The caller stores nothing unless every row is valid (no partial imports).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from models.errors import Refusal
from models.identity.rules import validate_credit_code, validate_mobile
from models.inspections.rules import RISK_LABELS, CreditGrade, RiskGrade

MAX_IMPORT_ROWS = 5000

COLUMNS = {
    "统一社会信用代码": "credit_code", "名称": "name", "法定代表人": "legal_representative",
    "联系电话": "phone", "地址": "address", "行业": "industry", "区划代码": "region",
    "风险等级": "risk_grade", "信用等级": "credit_grade",
    "本年度已检查次数": "inspections_this_year",
}
REQUIRED = ("credit_code", "name", "legal_representative", "address", "industry", "region",
            "risk_grade", "credit_grade")
_LENGTHS = {"name": 128, "legal_representative": 64, "address": 256, "industry": 64}
_RISK_BY_LABEL = {label: grade for grade, label in RISK_LABELS.items()}


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str


@dataclass(frozen=True)
class SubjectRow:
    """A valid row, normalised."""

    credit_code: str
    name: str
    legal_representative: str
    phone: str | None
    address: str
    industry: str
    region: str
    risk_grade: str
    credit_grade: str
    inspections_this_year: int


@dataclass
class RowReport:
    line: int  # line number in the file (the header is line 1)
    credit_code: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass
class ImportReport:
    rows: list[RowReport]
    subjects: list[SubjectRow]
    problems: list[Problem]  # about the whole file

    @property
    def valid(self) -> bool:
        return not self.problems and all(r.valid for r in self.rows)


def _check_row(raw: dict[str, str], report: RowReport,
               region_ok: Callable[[str], str | None]) -> SubjectRow | None:
    values = {key: (raw.get(key) or "").strip() for key in COLUMNS.values()}
    add = report.problems.append
    for key in REQUIRED:
        if not values[key]:
            add(Problem(key, "REQUIRED", "此项为必填项"))
    for key, limit in _LENGTHS.items():
        if len(values[key]) > limit:
            add(Problem(key, "TOO_LONG", f"不能超过{limit}个字"))
    code = phone = None
    checks: list[tuple[str, Callable[[], object]]] = [
        ("credit_code", lambda: validate_credit_code(values["credit_code"], "credit_code")),
    ]
    if values["phone"]:
        checks.append(("phone", lambda: validate_mobile(values["phone"], "phone")))
    for key, check in checks:
        if not values[key]:
            continue
        try:
            checked = check()
        except Refusal as refusal:
            add(Problem(key, refusal.code, refusal.message))
            continue
        if key == "credit_code":
            code = str(checked)
        else:
            phone = str(checked)
    risk = values["risk_grade"]
    risk = str(_RISK_BY_LABEL.get(risk, risk.upper()))
    if values["risk_grade"] and risk not in RiskGrade.__members__:
        add(Problem("risk_grade", "INVALID_GRADE",
                    "风险等级应为低风险、一般风险、较高风险或高风险"))
    credit = values["credit_grade"].upper()
    if values["credit_grade"] and credit not in CreditGrade.__members__:
        add(Problem("credit_grade", "INVALID_GRADE", "信用等级应为A、B、C或D"))
    if values["region"]:
        reason = region_ok(values["region"])
        if reason:
            add(Problem("region", "INVALID_REGION", reason))
    count_text = values["inspections_this_year"] or "0"
    if not count_text.isascii() or not count_text.isdigit():
        add(Problem("inspections_this_year", "INVALID_NUMBER", "本年度已检查次数应为非负整数"))
    if report.problems or code is None:
        return None
    return SubjectRow(code, values["name"], values["legal_representative"], phone,
                      values["address"], values["industry"], values["region"], risk, credit,
                      int(count_text))


def parse_subjects_csv(text: str, region_ok: Callable[[str], str | None]) -> ImportReport:
    """Check every row; ``region_ok(code)`` returns why a region is refused, or None."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    headers = [h.strip() for h in (reader.fieldnames or [])]
    keys = [COLUMNS.get(h, h if h in COLUMNS.values() else None) for h in headers]
    missing = [name for name, key in COLUMNS.items() if key in REQUIRED and key not in keys]
    if not headers or missing:
        return ImportReport([], [], [Problem("csv", "MISSING_COLUMNS",
                                             "缺少列：" + "、".join(missing or COLUMNS))])
    rows: list[RowReport] = []
    subjects: list[SubjectRow] = []
    seen: dict[str, int] = {}
    for raw in reader:
        if len(rows) >= MAX_IMPORT_ROWS:
            return ImportReport(rows, [], [Problem("csv", "TOO_MANY_ROWS",
                                                   f"一次最多导入{MAX_IMPORT_ROWS}行")])
        named = {k: v for k, v in zip(keys, raw.values(), strict=False) if k}
        if not any((v or "").strip() for v in named.values() if isinstance(v, str)):
            continue  # blank line
        report = RowReport(reader.line_num, (named.get("credit_code") or "").strip())
        if None in raw:
            report.problems.append(Problem("csv", "TOO_MANY_FIELDS", "本行的列数多于表头"))
        row = _check_row(named, report, region_ok)
        if row is not None:
            if row.credit_code in seen:
                report.problems.append(Problem(
                    "credit_code", "DUPLICATE_IN_FILE",
                    f"与第{seen[row.credit_code]}行的统一社会信用代码重复"))
            else:
                seen[row.credit_code] = report.line
                subjects.append(row)
        rows.append(report)
    if not rows:
        return ImportReport([], [], [Problem("csv", "EMPTY", "文件中没有数据行")])
    return ImportReport(rows, subjects, [])
