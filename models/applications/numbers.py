"""办件编号 from a daily sequence per region, and the query code's second factors."""

from __future__ import annotations

import hmac
import secrets
from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from models.applications.rules import application_number, query_code
from models.applications.tables import ApplicationCounter
from models.identity.pii import PiiCipher

QUERY_CODE_CONTEXT = "application.query_code"
PHONE_TAIL_CONTEXT = "application.phone_tail"
PHONE_TAIL_LENGTH = 4
_RNG = secrets.SystemRandom()


async def next_number(region_code: str, day: date) -> str:
    """Call inside the submitting transaction: the increment commits or rolls back with it."""
    filters = {"region_code": region_code, "day": day}
    for _ in range(2):
        if await ApplicationCounter.filter(**filters).update(last_sequence=F("last_sequence") + 1):
            row = await ApplicationCounter.get(**filters)
            return application_number(region_code, day, row.last_sequence)
        try:
            # a savepoint: losing the race to create the row must not abort the submission
            async with in_transaction():
                await ApplicationCounter.create(**filters, last_sequence=1)
            return application_number(region_code, day, 1)
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate an application number")  # pragma: no cover


def new_query_code() -> str:
    return query_code(_RNG)  # type: ignore[arg-type]


def encrypt_query_code(pii: PiiCipher, code: str) -> str:
    return pii.encrypt(code, context=QUERY_CODE_CONTEXT)


def reveal_query_code(pii: PiiCipher, encrypted: str | None) -> str | None:
    return None if encrypted is None else pii.decrypt(encrypted, context=QUERY_CODE_CONTEXT)


def phone_tail_index(pii: PiiCipher, number: str, phone: str) -> str:
    """Blind index of the phone's last four digits, bound to this application number."""
    return pii.blind_index(f"{number}:{phone[-PHONE_TAIL_LENGTH:]}", context=PHONE_TAIL_CONTEXT)


def second_factor_matches(pii: PiiCipher, *, number: str, query_code_enc: str | None,
                          phone_tail_index_value: str | None, code: str | None,
                          phone_tail: str | None) -> bool:
    """True when the given query code or phone tail belongs to the application."""
    ok = False
    if code:
        expected = reveal_query_code(pii, query_code_enc) or ""
        ok = hmac.compare_digest(expected.encode(), code.strip().upper().encode()) and bool(
            expected)
    if phone_tail and phone_tail_index_value and len(phone_tail) == PHONE_TAIL_LENGTH:
        candidate = pii.blind_index(f"{number}:{phone_tail}", context=PHONE_TAIL_CONTEXT)
        ok = ok or hmac.compare_digest(candidate, phone_tail_index_value)
    return ok
