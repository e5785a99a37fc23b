"""Validation, normalisation and masking of identity numbers (DOMAIN.md §6)."""

from __future__ import annotations

import re
from datetime import date

from models.errors import Refusal

# Full-width forms (U+FF01..U+FF5E) are what Chinese IMEs emit in 全角 mode;
# they map one-to-one onto ASCII 0x21..0x7E. We translate only these rather
# than NFKC-normalise, because NFKC would also turn ① or ² into digits and
# silently accept input nobody typed as a number.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20  # ideographic space

# Explicit [0-9] classes everywhere: Python's \d also matches Arabic-Indic and
# other Unicode digits, which int() would then happily accept.
_RESIDENT_ID_RE = re.compile(r"[0-9]{17}[0-9X]")
_RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_ID_CHECK_MAP = "10X98765432"
# ID cards exist only since 1984; a birth year before this is a typo, not a
# person, and accepting it would let year 0001 through as "real".
EARLIEST_BIRTH_YEAR = 1800

_CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUE = {ch: i for i, ch in enumerate(_CREDIT_CHARSET)}
_CREDIT_CODE_RE = re.compile(f"[{_CREDIT_CHARSET}]{{18}}")
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_MOBILE_RE = re.compile(r"(?:\+?86)?(1[3-9][0-9]{9})")
# Separators people type inside phone numbers: whitespace and assorted dashes.
_PHONE_SEPARATORS_RE = re.compile(r"[\s\-\u2010-\u2015\u2212]")

# 复姓: the surname is what a masked name may show, and for these it is two
# characters ('欧阳娜娜' → '欧阳**', not '欧***').
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 令狐 慕容 尉迟 公孙 长孙 宇文 司徒 司空 "
    "夏侯 轩辕 端木 独孤 南宫 西门 百里 呼延 澹台 公冶 太史 申屠 万俟 钟离".split()
)


def _normalise(value: object) -> str:
    """Strip and fold full-width characters; non-strings become '' so they
    fail the format check instead of crashing."""
    if not isinstance(value, str):
        return ""
    return value.translate(_FULL_WIDTH).strip()


# --- 居民身份证号 (GB 11643-1999) -------------------------------------------


def resident_id_check_char(first17: str) -> str:
    """Check character for the first 17 digits (ISO 7064 MOD 11-2)."""
    if not re.fullmatch(r"[0-9]{17}", first17):
        raise ValueError("first17 must be 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, _RESIDENT_ID_WEIGHTS, strict=True))
    return _RESIDENT_ID_CHECK_MAP[total % 11]


def _parse_resident_id(value: str, field: str, today: date | None) -> tuple[str, date]:
    number = _normalise(value).upper()
    if not _RESIDENT_ID_RE.fullmatch(number):
        raise Refusal(
            "INVALID_ID_NUMBER_FORMAT",
            "身份证号码应为18位：前17位为数字，最后一位为数字或X",
            field,
        )
    # Date before checksum: a typo in the date digits usually breaks both,
    # and "出生日期有误" tells the applicant where to look.
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    in_future = birth is not None and today is not None and birth > today
    if birth is None or birth.year < EARLIEST_BIRTH_YEAR or in_future:
        raise Refusal("INVALID_ID_NUMBER_BIRTHDATE", "身份证号码中的出生日期无效", field)
    if resident_id_check_char(number[:17]) != number[17]:
        raise Refusal(
            "INVALID_ID_NUMBER_CHECKSUM", "身份证号码校验位不正确，请核对后重新输入", field
        )
    return number, birth


def validate_resident_id(value: str, *, today: date, field: str = "idNumber") -> str:
    """Return the normalised 18-character number (upper-case X) or refuse.

    The address code is deliberately not checked against a list: it records
    the place of first registration, so abolished codes are still valid.
    """
    return _parse_resident_id(value, field, today)[0]


def resident_id_birth_date(value: str) -> date:
    """Birth date encoded in a resident ID (validated except for 'future')."""
    return _parse_resident_id(value, "idNumber", None)[1]


def resident_id_is_male(value: str) -> bool:
    """True when the sequence number (17th digit) is odd."""
    number = _parse_resident_id(value, "idNumber", None)[0]
    return int(number[16]) % 2 == 1


# --- 统一社会信用代码 (GB 32100-2015) ---------------------------------------


def credit_code_check_char(first17: str) -> str:
    """Check character for the first 17 characters of a credit code."""
    if not re.fullmatch(f"[{_CREDIT_CHARSET}]{{17}}", first17):
        raise ValueError("first17 must be 17 characters from the GB 32100 charset")
    total = sum(_CREDIT_VALUE[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str, field: str = "creditCode") -> str:
    """Return the normalised (upper-case) code or refuse."""
    code = _normalise(value).upper()
    if not _CREDIT_CODE_RE.fullmatch(code):
        raise Refusal(
            "INVALID_CREDIT_CODE_FORMAT",
            "统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）",
            field,
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise Refusal(
            "INVALID_CREDIT_CODE_CHECKSUM",
            "统一社会信用代码校验位不正确，请核对后重新输入",
            field,
        )
    return code


# --- 手机号 -----------------------------------------------------------------


def validate_mobile(value: str, field: str = "phone") -> str:
    """Return the 11-digit national mobile number or refuse."""
    compact = _PHONE_SEPARATORS_RE.sub("", _normalise(value))
    match = _MOBILE_RE.fullmatch(compact)
    if match is None:
        raise Refusal("INVALID_PHONE", "请输入有效的11位手机号码", field)
    return match.group(1)


# --- Masking: never raises, whatever it is given ----------------------------


def _mask(value: object, head: int, tail: int, full_length: int) -> str:
    text = _normalise(value)
    # Shorter than a real identifier: any kept characters would be a large
    # share of it, so hide everything.
    if len(text) < full_length:
        return "*" * len(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail :]


def mask_resident_id(value: str) -> str:
    """'330102199001011234' → '3301**********1234'."""
    return _mask(value, 4, 4, 18)


def mask_credit_code(value: str) -> str:
    """'91110000600037341L' → '9111**********341L'."""
    return _mask(value, 4, 4, 18)


def mask_phone(value: str) -> str:
    """'+86 138-1234-5678' → '138****5678'."""
    try:
        value = validate_mobile(value)
    except Refusal:
        pass  # odd input is masked as-is rather than refused
    return _mask(value, 3, 4, 11)


def mask_name(value: str) -> str:
    """Keep the surname: '张三' → '张*', '欧阳娜娜' → '欧阳**', '张' → '*'."""
    name = _normalise(value)
    if len(name) <= 1:
        return "*" * len(name)
    keep = 2 if len(name) >= 3 and name[:2] in _COMPOUND_SURNAMES else 1
    return name[:keep] + "*" * (len(name) - keep)
