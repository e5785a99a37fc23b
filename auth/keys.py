"""Ed25519 signing keys with `kid`, and their public JWKS."""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private: Ed25519PrivateKey

    @functools.cached_property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    def jwk(self) -> dict[str, str]:
        raw = self.public.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw), "kid": self.kid,
                "alg": "EdDSA", "use": "sig"}


def key_from_secret(secret: str) -> SigningKey:
    """Derive a key from a secret string (HKDF), so keys are configured as text."""
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"zhengwu-gateway jwt ed25519").derive(secret.encode())
    private = Ed25519PrivateKey.from_private_bytes(seed)
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return SigningKey(kid=hashlib.sha256(raw).hexdigest()[:16], private=private)


class KeyRing:
    """The first key signs; all keys verify (rotation: prepend a new secret,
    drop the old one after the longest token lifetime has passed)."""

    def __init__(self, secrets: list[str]) -> None:
        if not secrets:
            raise ValueError("at least one signing secret is required")
        self.keys = [key_from_secret(s) for s in secrets]
        self.by_kid = {k.kid: k for k in self.keys}

    @property
    def current(self) -> SigningKey:
        return self.keys[0]

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        return {"keys": [k.jwk() for k in self.keys]}
