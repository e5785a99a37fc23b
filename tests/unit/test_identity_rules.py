"""Resident ID, credit code and mobile validation, and masking (DOMAIN.md §6)."""

from __future__ import annotations

from datetime import date

import pytest

from models.errors import Refusal
from models.identity.rules import (
    credit_code_check_char,
    mask_credit_code,
    mask_name,
    mask_phone,
    mask_resident_id,
    resident_id_birth_date,
    resident_id_check_char,
    resident_id_is_male,
    validate_credit_code,
    validate_mobile,
    validate_resident_id,
)

TODAY = date(2024, 6, 15)
KNOWN_ID = "11010519491231002X"  # GB 11643-1999's own example
KNOWN_CREDIT = "91110000600037341L"
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


# The tests compute checksums their own way (weights derived from the
# formula, not copied from the standard's table) so a wrong table in the
# code cannot agree with itself.
def id_check(first17: str) -> str:
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def credit_check(first17: str) -> str:
    total = sum(CREDIT_CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def make_id(birth: str, area: str = "330102", seq: str = "123") -> str:
    first17 = area + birth + seq
    return first17 + id_check(first17)


def refusal_code(call, *args, **kwargs) -> str:
    with pytest.raises(Refusal) as info:
        call(*args, **kwargs)
    return info.value.code


# --- resident ID ---------------------------------------------------------------


def test_standard_example_resident_id_accepted():
    assert validate_resident_id(KNOWN_ID, today=TODAY) == KNOWN_ID


def test_own_checksum_agrees_with_standard_example():
    assert id_check(KNOWN_ID[:17]) == "X"


def test_lowercase_x_normalised_to_upper():
    assert validate_resident_id("11010519491231002x", today=TODAY) == KNOWN_ID


def test_full_width_digits_and_surrounding_whitespace_normalised():
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "11010519491231002x")
    assert validate_resident_id(f"\u3000 {full_width}\t\n", today=TODAY) == KNOWN_ID


def test_generated_ids_with_every_check_char_accepted():
    seen = set()
    for seq in range(100, 160):
        number = make_id("19900101", seq=str(seq))
        assert validate_resident_id(number, today=TODAY) == number
        seen.add(number[-1])
    assert seen == set("0123456789X")


@pytest.mark.parametrize(
    "value",
    [
        "",
        "1101051949123100",  # 16
        "11010519491231002",  # 17, check char missing
        "11010519491231002X1",  # 19
        "110105491231002",  # old 15-digit card
        "1101051949A231002X",  # letter in the middle
        "X10105194912310021",  # X anywhere but last
        "11010519491231002Y",
        "110105 19491231002X",  # inner space is not surrounding whitespace
        "11010519491231002-",
        "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X",  # Arabic-Indic digits are digits to Python, not to GB 11643
        "①1010519491231002X",  # NFKC would fold this to 1; we must not
    ],
)
def test_malformed_resident_id_refused_as_format(value):
    assert refusal_code(validate_resident_id, value, today=TODAY) == "INVALID_ID_NUMBER_FORMAT"


def test_non_string_resident_id_refused_not_crashing():
    assert refusal_code(validate_resident_id, None, today=TODAY) == "INVALID_ID_NUMBER_FORMAT"


def test_every_single_char_mutation_of_resident_id_refused():
    valid = make_id("19850317", seq="456")
    for pos in range(18):
        for ch in "0123456789X":
            if ch == valid[pos]:
                continue
            mutated = valid[:pos] + ch + valid[pos + 1 :]
            code = refusal_code(validate_resident_id, mutated, today=TODAY)
            if ch == "X" and pos < 17:
                assert code == "INVALID_ID_NUMBER_FORMAT", mutated
            elif 6 <= pos < 14:  # a typo in the birth date may make it impossible
                assert code in {"INVALID_ID_NUMBER_BIRTHDATE", "INVALID_ID_NUMBER_CHECKSUM"}
            else:
                assert code == "INVALID_ID_NUMBER_CHECKSUM", mutated


@pytest.mark.parametrize(
    "birth",
    [
        "19900230",
        "20230229",
        "19000229",
        "19901301",
        "19900001",
        "19900100",
        "19900431",
        "00000101",
        "17991231",
    ],
)
def test_impossible_birth_date_refused_even_with_valid_checksum(birth):
    code = refusal_code(validate_resident_id, make_id(birth), today=TODAY)
    assert code == "INVALID_ID_NUMBER_BIRTHDATE"


def test_leap_day_accepted_in_leap_year():
    number = make_id("20000229")
    assert validate_resident_id(number, today=TODAY) == number


def test_birth_date_after_today_refused():
    code = refusal_code(validate_resident_id, make_id("20240616"), today=TODAY)
    assert code == "INVALID_ID_NUMBER_BIRTHDATE"


def test_birth_date_today_accepted():
    number = make_id("20240615")
    assert validate_resident_id(number, today=TODAY) == number


def test_future_check_uses_given_today_not_the_clock():
    number = make_id("20240615")
    code = refusal_code(validate_resident_id, number, today=date(2024, 6, 14))
    assert code == "INVALID_ID_NUMBER_BIRTHDATE"


def test_abolished_address_code_still_accepted():
    # 330103 (杭州市下城区) was abolished in 2021; people registered there keep their number.
    number = make_id("19800101", area="330103")
    assert validate_resident_id(number, today=TODAY) == number


def test_refusal_names_the_field_and_never_echoes_the_number():
    bad = KNOWN_ID[:17] + "1"
    with pytest.raises(Refusal) as info:
        validate_resident_id(bad, today=TODAY, field="applicant.idNumber")
    assert info.value.code == "INVALID_ID_NUMBER_CHECKSUM"
    assert info.value.field == "applicant.idNumber"
    assert bad not in info.value.message and bad not in str(info.value)
    assert KNOWN_ID[:14] not in info.value.message


def test_birth_date_read_from_resident_id():
    assert resident_id_birth_date(KNOWN_ID) == date(1949, 12, 31)
    assert resident_id_birth_date("11010519491231002x") == date(1949, 12, 31)


def test_sex_read_from_seventeenth_digit():
    assert resident_id_is_male(make_id("19900101", seq="121")) is True
    assert resident_id_is_male(make_id("19900101", seq="122")) is False
    assert resident_id_is_male(KNOWN_ID) is False  # sequence 002


def test_accessors_refuse_invalid_numbers():
    assert refusal_code(resident_id_birth_date, KNOWN_ID[:17] + "1") == (
        "INVALID_ID_NUMBER_CHECKSUM"
    )
    assert refusal_code(resident_id_is_male, "123") == "INVALID_ID_NUMBER_FORMAT"


def test_resident_id_check_char_matches_independent_computation():
    for n in range(0, 10**17, 10**17 // 997):
        first17 = f"{n:017d}"
        assert resident_id_check_char(first17) == id_check(first17)


@pytest.mark.parametrize("bad", ["", "1234567890123456", "123456789012345678", "1234567890123456X"])
def test_resident_id_check_char_rejects_bad_prefix(bad):
    with pytest.raises(ValueError):
        resident_id_check_char(bad)


# --- 统一社会信用代码 --------------------------------------------------------------


def test_known_credit_code_accepted():
    assert credit_check(KNOWN_CREDIT[:17]) == "L"
    assert validate_credit_code(KNOWN_CREDIT) == KNOWN_CREDIT


def test_lowercase_full_width_and_padded_credit_code_normalised():
    assert validate_credit_code("91110000600037341l") == KNOWN_CREDIT
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in KNOWN_CREDIT.lower())
    assert validate_credit_code(f"  {full_width}\u3000") == KNOWN_CREDIT


def test_every_single_char_mutation_of_credit_code_refused():
    for pos in range(18):
        for ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            if ch == KNOWN_CREDIT[pos]:
                continue
            mutated = KNOWN_CREDIT[:pos] + ch + KNOWN_CREDIT[pos + 1 :]
            expected = (
                "INVALID_CREDIT_CODE_CHECKSUM"
                if ch in CREDIT_CHARSET
                else "INVALID_CREDIT_CODE_FORMAT"
            )
            assert refusal_code(validate_credit_code, mutated) == expected, mutated


def test_generated_credit_codes_accepted():
    for n in range(0, 400, 7):
        body = "9133" + "0100" + "".join(CREDIT_CHARSET[(n * k) % 31] for k in range(1, 10))
        code = body + credit_check(body)
        assert validate_credit_code(code) == code
        assert credit_code_check_char(body) == credit_check(body)


@pytest.mark.parametrize(
    "value",
    [
        "",
        KNOWN_CREDIT[:17],
        KNOWN_CREDIT + "0",
        "91110000-600037341L",
        "9111 0000600037341L",
        "91110000600037341O",
        None,
    ],
)
def test_malformed_credit_code_refused_as_format(value):
    assert refusal_code(validate_credit_code, value) == "INVALID_CREDIT_CODE_FORMAT"


def test_credit_code_refusal_names_field():
    with pytest.raises(Refusal) as info:
        validate_credit_code(KNOWN_CREDIT[:17] + "M", field="subject.creditCode")
    assert info.value.field == "subject.creditCode"


@pytest.mark.parametrize("bad", ["", "9111000060003734", "9111000060003734I", "9111000060003734l"])
def test_credit_code_check_char_rejects_bad_prefix(bad):
    with pytest.raises(ValueError):
        credit_code_check_char(bad)


# --- 手机号 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "+8613812345678",
        "8613812345678",
        "+86 138 1234 5678",
        "138-1234-5678",
        " 138 1234 5678 ",
        "+86-138-1234-5678",
        "１３８１２３４５６７８",
        "＋８６　１３８１２３４５６７８",
    ],
)
def test_mobile_forms_normalised_to_national_number(value):
    assert validate_mobile(value) == "13812345678"


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_every_allowed_second_digit_accepted(prefix):
    assert validate_mobile(prefix + "012345678") == prefix + "012345678"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "12812345678",
        "11012345678",
        "10012345678",
        "1381234567",
        "138123456789",
        "+8612812345678",
        "008613812345678",
        "++8613812345678",
        "+85213812345678",
        "23812345678",
        "1381234567a",
        "+86",
        "١٣٨١٢٣٤٥٦٧٨",
        "138١٢٣٤٥٦٧٨",  # ASCII prefix, Arabic-Indic rest: \d would accept it
        "(138)12345678",
        None,
    ],
)
def test_invalid_mobile_refused(value):
    assert refusal_code(validate_mobile, value) == "INVALID_PHONE"


def test_non_string_mobile_refused_rather_than_coerced():
    assert refusal_code(validate_mobile, 13812345678) == "INVALID_PHONE"


def test_mobile_refusal_names_field_and_never_echoes_number():
    with pytest.raises(Refusal) as info:
        validate_mobile("12812345678", field="contact.phone")
    assert info.value.field == "contact.phone"
    assert "12812345678" not in info.value.message


# --- masking ---------------------------------------------------------------------


def test_resident_id_masked_to_first_and_last_four():
    assert mask_resident_id("330102199001011234") == "3301**********1234"
    assert mask_resident_id(KNOWN_ID) == "1101**********002X"


def test_masked_resident_id_hides_birth_date():
    assert "19491231" not in mask_resident_id(KNOWN_ID)


def test_credit_code_masked_to_first_and_last_four():
    assert mask_credit_code(KNOWN_CREDIT) == "9111**********341L"


@pytest.mark.parametrize("value", ["13812345678", "+86 138-1234-5678", "8613812345678"])
def test_phone_masked_to_national_form(value):
    assert mask_phone(value) == "138****5678"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("王小明", "王**"),
        ("欧阳娜娜", "欧阳**"),
        ("司马光", "司马*"),
        ("欧阳", "欧*"),
        ("张", "*"),
        ("", ""),
        ("  李四  ", "李*"),
    ],
)
def test_name_masked_keeping_surname(name, masked):
    assert mask_name(name) == masked


ODD_INPUT = [None, 12345, "", "1", "123", "1234567", "\u3000", "😀😀😀", "x" * 10_000]


@pytest.mark.parametrize("mask", [mask_resident_id, mask_credit_code, mask_phone, mask_name])
@pytest.mark.parametrize("odd", ODD_INPUT)
def test_masks_never_raise(mask, odd):
    assert isinstance(mask(odd), str)


@pytest.mark.parametrize("mask", [mask_resident_id, mask_credit_code, mask_phone])
@pytest.mark.parametrize("odd", ODD_INPUT[:-1])
def test_identifier_masks_hide_short_input_completely(mask, odd):
    assert set(mask(odd)) <= {"*"}


@pytest.mark.parametrize("mask", [mask_resident_id, mask_credit_code])
def test_short_identifier_fully_hidden(mask):
    assert mask("33010219900101123") == "*" * 17


def test_short_phone_fully_hidden():
    assert mask_phone("1381234567") == "*" * 10
