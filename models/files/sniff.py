"""What a file really is, from its bytes (never from its name or declared type)."""

from __future__ import annotations

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
CSV = "text/csv"
TEXT = "text/plain"

IMAGES = frozenset({PNG, JPEG})
DOCUMENTS = frozenset({PDF, PNG, JPEG})


def sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if b"\x00" not in data[:4096]:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return TEXT
    return None


def is_truncated(data: bytes, content_type: str) -> bool:
    """Formats with a trailer must end with it: an upload cut short is refused."""
    tail = data[-1024:].rstrip(b"\r\n\x00 ")
    if content_type == PDF:
        return b"%%EOF" not in tail
    if content_type == PNG:
        return not data.endswith(b"IEND\xaeB`\x82")
    if content_type == JPEG:
        return not tail.endswith(b"\xff\xd9")
    return False


def matches(sniffed: str, allowed: frozenset[str]) -> bool:
    # plain UTF-8 text is acceptable where CSV is expected
    return sniffed in allowed or (sniffed == TEXT and CSV in allowed)
