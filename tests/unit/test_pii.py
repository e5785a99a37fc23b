"""Field-level PII encryption and blind indexes."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from models.identity.pii import PiiCipher

KEY = bytes(range(32))
INDEX_KEY = bytes(range(32, 64))
OTHER_KEY = bytes(range(64, 96))
SECRET = "dev-secret-not-for-production"
PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"
B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def cipher(key: bytes = KEY, index_key: bytes = INDEX_KEY, **kwargs) -> PiiCipher:
    return PiiCipher(key, index_key, **kwargs)


@pytest.mark.parametrize("plaintext", [PHONE, ID_NUMBER, "张三", "欧阳娜娜 · 😀", ""])
def test_encrypt_decrypt_round_trip(plaintext):
    c = cipher()
    assert c.decrypt(c.encrypt(plaintext, context="applicant.name"), context="applicant.name") == (
        plaintext
    )


def test_token_is_compact_ascii_with_version_and_key_id():
    token = cipher().encrypt(PHONE, context="applicant.phone")
    assert token.isascii()
    assert re.fullmatch(r"v1\.[0-9a-f]{4}\.[A-Za-z0-9_-]+", token)


def test_same_plaintext_encrypts_differently_each_time():
    c = cipher()
    tokens = {c.encrypt(PHONE, context="applicant.phone") for _ in range(20)}
    assert len(tokens) == 20


def test_ciphertext_never_contains_the_plaintext():
    c = cipher()
    for plaintext in (PHONE, ID_NUMBER, "张三丰"):
        raw = plaintext.encode("utf-8")
        encodings = {
            plaintext,
            base64.urlsafe_b64encode(raw).decode().rstrip("="),
            base64.b64encode(raw).decode().rstrip("="),
            raw.hex(),
        }
        for _ in range(10):
            token = c.encrypt(plaintext, context="applicant.phone")
            for form in encodings:
                assert form not in token
            body = base64.urlsafe_b64decode(token.split(".")[2] + "==")
            assert raw not in body


@pytest.mark.parametrize("plaintext", [PHONE, "张三", "1234567890"])
def test_any_single_character_change_in_token_refused(plaintext):
    # Plaintext lengths chosen so the base64 body ends with 0, 2 and 4 unused
    # bits: a change there must not slip through as "same bytes".
    c = cipher()
    token = c.encrypt(plaintext, context="applicant.phone")
    for pos, original in enumerate(token):
        for ch in B64_ALPHABET + ".=+/":
            if ch == original:
                continue
            tampered = token[:pos] + ch + token[pos + 1 :]
            with pytest.raises(ValueError):
                c.decrypt(tampered, context="applicant.phone")


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1],
        lambda t: t + "A",
        lambda t: t + "=",
        lambda t: t + "\n",
        lambda t: t[:10] + "*" + t[10:],
        lambda t: t[:20] + " " + t[20:],
        lambda t: t.replace("v1.", "", 1),
        lambda t: t.split(".")[0] + "." + t.split(".")[2],
        lambda t: t.rsplit(".", 1)[0] + ".",
        lambda t: t.rsplit(".", 1)[0] + ".AAAA",
        lambda t: "",
    ],
)
def test_truncated_or_padded_token_refused(mangle):
    c = cipher()
    token = c.encrypt(PHONE, context="applicant.phone")
    with pytest.raises(ValueError):
        c.decrypt(mangle(token), context="applicant.phone")


def test_non_string_token_refused_with_value_error():
    with pytest.raises(ValueError):
        cipher().decrypt(None, context="applicant.phone")  # type: ignore[arg-type]


def test_token_for_one_field_refused_in_another():
    c = cipher()
    token = c.encrypt(PHONE, context="applicant.phone")
    for wrong in ("agent.phone", "applicant.phone ", "Applicant.phone", "applicant"):
        with pytest.raises(ValueError):
            c.decrypt(token, context=wrong)


def test_token_refused_under_wrong_key():
    token = cipher().encrypt(PHONE, context="applicant.phone")
    with pytest.raises(ValueError):
        cipher(key=OTHER_KEY).decrypt(token, context="applicant.phone")


def test_empty_context_refused():
    c = cipher()
    with pytest.raises(ValueError):
        c.encrypt(PHONE, context="")
    with pytest.raises(ValueError):
        c.blind_index(PHONE, context="")


def test_old_token_decrypts_after_key_rotation():
    old = cipher(key=KEY)
    token = old.encrypt(PHONE, context="applicant.phone")
    rotated = cipher(key=OTHER_KEY, old_keys=[KEY])
    assert rotated.decrypt(token, context="applicant.phone") == PHONE


def test_new_tokens_use_the_new_key_after_rotation():
    rotated = cipher(key=OTHER_KEY, old_keys=[KEY])
    token = rotated.encrypt(PHONE, context="applicant.phone")
    assert token.split(".")[1] != cipher(key=KEY).encrypt(PHONE, context="x").split(".")[1]
    assert cipher(key=OTHER_KEY).decrypt(token, context="applicant.phone") == PHONE
    with pytest.raises(ValueError):
        cipher(key=KEY).decrypt(token, context="applicant.phone")


def test_retired_key_no_longer_decrypts():
    token = cipher(key=KEY).encrypt(PHONE, context="applicant.phone")
    with pytest.raises(ValueError):
        cipher(key=OTHER_KEY).decrypt(token, context="applicant.phone")


def test_decrypt_finds_the_right_key_when_key_ids_collide():
    # 16-bit ids collide after a few hundred keys (birthday bound); find a pair.
    seen: dict[str, bytes] = {}
    for n in range(5000):
        key = hashlib.sha256(n.to_bytes(4, "big")).digest()
        key_id = cipher(key=key).encrypt("", context="probe").split(".")[1]
        if key_id in seen:
            first, second = seen[key_id], key
            break
        seen[key_id] = key
    else:
        pytest.fail("no key id collision found")
    token = cipher(key=second).encrypt(PHONE, context="applicant.phone")
    both = cipher(key=OTHER_KEY, old_keys=[first, second])
    assert both.decrypt(token, context="applicant.phone") == PHONE


def test_blind_index_is_deterministic_across_instances():
    a = cipher().blind_index(PHONE, context="applicant.phone")
    b = cipher().blind_index(PHONE, context="applicant.phone")
    assert a == b
    assert re.fullmatch(r"[0-9a-f]{64}", a)


def test_blind_index_differs_between_contexts():
    c = cipher()
    assert c.blind_index(PHONE, context="applicant.phone") != c.blind_index(
        PHONE, context="inspector.phone"
    )


def test_blind_index_context_and_value_cannot_be_shifted():
    c = cipher()
    assert c.blind_index("b", context="a") != c.blind_index("", context="ab")
    assert c.blind_index("\x00b", context="a") != c.blind_index("b", context="a\x00")


def test_blind_index_distinguishes_values_and_is_keyed():
    c = cipher()
    index = c.blind_index(PHONE, context="applicant.phone")
    assert index != c.blind_index("13812345679", context="applicant.phone")
    assert index != hashlib.sha256(PHONE.encode()).hexdigest()
    assert index != cipher(index_key=OTHER_KEY).blind_index(PHONE, context="applicant.phone")
    assert PHONE not in index


def test_blind_index_survives_encryption_key_rotation():
    before = cipher(key=KEY).blind_index(PHONE, context="applicant.phone")
    after = cipher(key=OTHER_KEY, old_keys=[KEY]).blind_index(PHONE, context="applicant.phone")
    assert before == after


@pytest.mark.parametrize(
    "kwargs",
    [
        {"key": b"short"},
        {"key": KEY + b"x"},
        {"index_key": b""},
        {"index_key": KEY},  # same key for both jobs
        {"old_keys": [b"too short"]},
        {"key": "x" * 32},  # str, not bytes
    ],
)
def test_bad_keys_refused(kwargs):
    with pytest.raises(ValueError):
        cipher(**kwargs)


def test_from_secret_round_trips_and_is_reproducible():
    a = PiiCipher.from_secret(SECRET)
    b = PiiCipher.from_secret(SECRET)
    token = a.encrypt(PHONE, context="applicant.phone")
    assert b.decrypt(token, context="applicant.phone") == PHONE
    assert a.blind_index(PHONE, context="c") == b.blind_index(PHONE, context="c")


def test_from_secret_derives_distinct_keys_per_secret():
    a = PiiCipher.from_secret(SECRET)
    b = PiiCipher.from_secret(SECRET + "!")
    token = a.encrypt(PHONE, context="applicant.phone")
    with pytest.raises(ValueError):
        b.decrypt(token, context="applicant.phone")
    assert a.blind_index(PHONE, context="c") != b.blind_index(PHONE, context="c")


def test_from_secret_supports_rotation():
    token = PiiCipher.from_secret(SECRET).encrypt(PHONE, context="applicant.phone")
    rotated = PiiCipher.from_secret("a-brand-new-secret-value", old_secrets=[SECRET])
    assert rotated.decrypt(token, context="applicant.phone") == PHONE


@pytest.mark.parametrize("secret", ["", "short", "x" * 15])
def test_from_secret_refuses_short_secret(secret):
    with pytest.raises(ValueError):
        PiiCipher.from_secret(secret)


def test_repr_does_not_leak_keys():
    text = repr(cipher())
    assert KEY.hex() not in text and INDEX_KEY.hex() not in text and str(KEY) not in text
