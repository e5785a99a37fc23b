"""Field-level encryption and blind indexes for personal data (DOMAIN.md §6)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_VERSION = "v1"
_KEY_LENGTH = 32
_NONCE_LENGTH = 12
_TAG_LENGTH = 16
# Strict shape: base64 decoders skip characters outside the alphabet, so
# without this a token with junk inserted would still decrypt.
_TOKEN_RE = re.compile(r"v1\.([0-9a-f]{4})\.([A-Za-z0-9_-]+)")
# A short secret is guessable offline from any leaked ciphertext or index.
MIN_SECRET_LENGTH = 16
_HKDF_SALT = b"zhengwu-gateway pii"
_INFO_ENCRYPTION = b"zhengwu-gateway pii aes-256-gcm v1"
_INFO_BLIND_INDEX = b"zhengwu-gateway pii blind-index hmac-sha256 v1"


def _key_id(key: bytes) -> str:
    """4-hex key id; domain-separated so it is not a plain hash of the key."""
    return hashlib.sha256(b"zhengwu-gateway pii key-id\x00" + key).hexdigest()[:4]


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    # Several encodings differ only in unused trailing bits and decode alike;
    # accept the canonical one only so any change to the token is rejected.
    if _b64encode(data) != text:
        raise ValueError("non-canonical base64")
    return data


def _check_key(key: bytes, name: str) -> bytes:
    if not isinstance(key, bytes | bytearray) or len(key) != _KEY_LENGTH:
        raise ValueError(f"{name} must be {_KEY_LENGTH} bytes")
    return bytes(key)


def _check_context(context: str) -> bytes:
    # An empty context means the caller forgot it; binding nothing would let
    # a ciphertext be copied from one column into another unnoticed.
    if not isinstance(context, str) or not context:
        raise ValueError("context must be a non-empty string")
    return context.encode("utf-8")


class PiiCipher:
    """Encrypts personal-data fields (AES-256-GCM) and computes blind indexes.

    ``context`` names the field (e.g. ``"applicant.phone"``); it is bound into
    every ciphertext and index so values cannot be moved between fields.
    """

    __slots__ = ("_current_id", "_index_key", "_keys")

    def __init__(self, key: bytes, index_key: bytes, old_keys: Sequence[bytes] = ()) -> None:
        current = _check_key(key, "key")
        self._index_key = _check_key(index_key, "index_key")
        if self._index_key == current:
            raise ValueError("key and index_key must differ")
        self._current_id = _key_id(current)
        # Keys grouped by id: two keys may share a 16-bit id, so decrypt
        # tries every key under the token's id rather than the first.
        self._keys: dict[str, list[bytes]] = {}
        for candidate in (current, *(_check_key(k, "old key") for k in old_keys)):
            self._keys.setdefault(_key_id(candidate), []).append(candidate)

    @classmethod
    def from_secret(cls, secret: str, old_secrets: Sequence[str] = ()) -> PiiCipher:
        """Derive both keys from one secret string (HKDF-SHA256).

        ``old_secrets`` are earlier secrets whose encryption keys still
        decrypt. The blind-index key always comes from ``secret``: changing
        it means recomputing every stored index.
        """
        key, index_key = _derive(secret)
        return cls(key, index_key, old_keys=[_derive(old)[0] for old in old_secrets])

    def __repr__(self) -> str:
        return f"PiiCipher(key_id={self._current_id!r})"

    def encrypt(self, plaintext: str, *, context: str) -> str:
        """Return ``v1.<key id>.<base64url(nonce + ciphertext + tag)>``."""
        aad = _associated_data(self._current_id, _check_context(context))
        nonce = os.urandom(_NONCE_LENGTH)
        key = self._keys[self._current_id][0]
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), aad)
        return f"{_VERSION}.{self._current_id}.{_b64encode(nonce + sealed)}"

    def decrypt(self, token: str, *, context: str) -> str:
        """Plaintext of ``token``; ValueError if tampered, wrong context or key."""
        context_bytes = _check_context(context)
        match = _TOKEN_RE.fullmatch(token) if isinstance(token, str) else None
        if match is None:
            raise ValueError("malformed PII token")
        key_id, body = match.groups()
        try:
            blob = _b64decode(body)
        except (binascii.Error, ValueError):
            raise ValueError("malformed PII token") from None
        if len(blob) < _NONCE_LENGTH + _TAG_LENGTH:
            raise ValueError("malformed PII token")
        nonce, sealed = blob[:_NONCE_LENGTH], blob[_NONCE_LENGTH:]
        aad = _associated_data(key_id, context_bytes)
        for key in self._keys.get(key_id, ()):
            try:
                return AESGCM(key).decrypt(nonce, sealed, aad).decode("utf-8")
            except InvalidTag:
                continue
        # One message for every failure: telling "unknown key" from "bad tag"
        # helps nobody but someone probing tokens.
        raise ValueError("PII token cannot be decrypted")

    def blind_index(self, value: str, *, context: str) -> str:
        """Deterministic HMAC-SHA256 hex of ``value`` for equality lookups.

        Normalise ``value`` first (e.g. with ``validate_mobile``): the index
        matches only byte-identical input.
        """
        # A per-context subkey separates contexts without any delimiter that
        # a crafted context or value could imitate.
        subkey = hmac.new(self._index_key, _check_context(context), hashlib.sha256).digest()
        return hmac.new(subkey, value.encode("utf-8"), hashlib.sha256).hexdigest()


def _associated_data(key_id: str, context: bytes) -> bytes:
    # Version and key id are fixed-length, so plain concatenation is unambiguous.
    return f"{_VERSION}.{key_id}.".encode("ascii") + context


def _derive(secret: str) -> tuple[bytes, bytes]:
    if not isinstance(secret, str) or len(secret) < MIN_SECRET_LENGTH:
        raise ValueError(f"PII secret must be at least {MIN_SECRET_LENGTH} characters")
    material = secret.encode("utf-8")

    def hkdf(info: bytes) -> bytes:
        kdf = HKDF(algorithm=hashes.SHA256(), length=_KEY_LENGTH, salt=_HKDF_SALT, info=info)
        return kdf.derive(material)

    return hkdf(_INFO_ENCRYPTION), hkdf(_INFO_BLIND_INDEX)
