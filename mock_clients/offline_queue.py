"""The handheld's offline side: a JSON queue file of inspection records and photos,
answers filled from the downloaded form templates, and each record's content hash.

The hash is SHA-256 of the payload's RFC 8785 (JCS) form, as the gateway
documents for ``inspectionRecordsSync``; it is computed here, independently of
the server's code, the way any device would with a JCS library. Payloads hold
only objects, arrays, strings, booleans, null and small integers (decimals
travel as strings), for which JCS is: keys sorted by UTF-16 code units, no
whitespace, strings as JSON without ASCII escaping.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any


def canonical(value: Any) -> str:
    """RFC 8785 for the JSON subset a record may hold."""
    if value is None or isinstance(value, bool | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(f"{canonical(k)}:{canonical(value[k])}" for k in keys) + "}"
    if isinstance(value, list):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    raise ValueError(f"{type(value).__name__} cannot be synced (send decimals as strings)")


def content_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(payload).encode("utf-8")).hexdigest()


def png(label: str) -> bytes:
    """A tiny valid PNG whose bytes depend on ``label`` (a "photo" or "signature")."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    raw = zlib.compress(b"\x00\x00" + label.encode("utf-8"))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw)
            + chunk(b"IEND", b""))


def answer(field: dict[str, Any], photos: list[str], signature: str, problem: bool) -> Any:
    """A plausible answer to one form field (the inspector's taps)."""
    kind = field["type"]
    if kind == "YES_NO":
        return not problem
    if kind == "CHOICE":
        options = field["options"]
        return options[-1] if problem and len(options) > 1 else options[0]
    if kind == "NUMBER":
        low = Decimal(field["minimum"]) if field.get("minimum") is not None else None
        high = Decimal(field["maximum"]) if field.get("maximum") is not None else None
        if low is not None and high is not None:
            return str((low + high) / 2)
        return str(low if low is not None else (high if high is not None else 1))
    if kind == "TEXT":
        text = "现场发现问题，已责令整改" if problem else "情况正常"
        return text[: field.get("maxLength") or len(text)]
    if kind == "PHOTO":
        return photos[: max(field.get("photoCount") or 1, 1)]
    if kind == "SIGNATURE":
        return signature
    return None


@dataclass
class Photo:
    sha256: str
    kind: str  # PHOTO | SIGNATURE
    path: str


@dataclass
class QueuedRecord:
    client_id: str
    task_id: str
    subject: str
    content_hash: str
    payload: dict[str, Any]
    photos: list[Photo] = field(default_factory=list)
    outcome: str | None = None  # the server's answer once synced
    version: int | None = None


class OfflineQueue:
    """Records and photos kept on the device until they are synced."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.file = directory / "queue.json"
        self.records: list[QueuedRecord] = []
        if self.file.exists():
            for raw in json.loads(self.file.read_text(encoding="utf-8")):
                photos = [Photo(**p) for p in raw.pop("photos")]
                self.records.append(QueuedRecord(**raw, photos=photos))

    def save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        rows = [{**r.__dict__, "photos": [p.__dict__ for p in r.photos]} for r in self.records]
        temporary = self.file.with_suffix(".tmp")
        temporary.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(self.file)  # a crash never leaves half a queue

    def pending(self) -> list[QueuedRecord]:
        return [r for r in self.records if r.outcome not in ("ACCEPTED", "DUPLICATE")]

    def _photo(self, label: str, kind: str) -> Photo:
        data = png(label)
        digest = hashlib.sha256(data).hexdigest()
        path = self.directory / "photos" / f"{digest}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return Photo(digest, kind, str(path))

    def record(self, task: dict[str, Any], templates: dict[str, dict[str, Any]],
               now: datetime, *, problem: bool) -> QueuedRecord:
        """Inspect ``task`` offline: fill its forms, take photos, get the signature."""
        client_id = str(uuid.uuid4())
        photo = self._photo(f"现场照片 {client_id}", "PHOTO")
        signature = self._photo(f"当事人签名 {client_id}", "SIGNATURE")
        forms = []
        for item in task["plan"]["items"]:
            if item["currentForm"] is None:
                continue  # an item without a form yet: nothing to fill in
            template = templates[item["currentForm"]["id"]]
            answers = {f["key"]: answer(f, [photo.sha256], signature.sha256, problem)
                       for f in template["fields"]}
            forms.append({"templateId": template["id"], "answers": answers})
        started = now - timedelta(minutes=40)
        payload = {
            "taskId": task["id"], "startedAt": started.isoformat(timespec="seconds"),
            "forms": forms,
            "evidence": [
                {"sha256": photo.sha256, "kind": "PHOTO", "latitude": "30.2741",
                 "longitude": "120.1551",
                 "capturedAt": (started + timedelta(minutes=10)).isoformat(timespec="seconds")},
                {"sha256": signature.sha256, "kind": "SIGNATURE",
                 "capturedAt": (now - timedelta(minutes=5)).isoformat(timespec="seconds")}],
            "finish": {"finishedAt": (now - timedelta(minutes=5)).isoformat(timespec="seconds"),
                       "result": "RECTIFICATION_ORDERED" if problem else "NO_PROBLEM",
                       "summary": "发现问题，已当场责令改正" if problem else "未发现问题",
                       "caseLeadRequested": problem, "signature": signature.sha256}}
        queued = QueuedRecord(client_id, task["id"], task["subject"]["name"],
                              content_hash(payload), payload, [photo, signature])
        self.records.append(queued)
        self.save()
        return queued
