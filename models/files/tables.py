"""Stored files: one row per distinct content (sha256)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class StoredFile(Model):
    """A content-addressed file (材料, 证据照片, 导入文件). The bytes live in the
    file store under their hash; the same content is stored once."""

    sha256 = fields.CharField(max_length=64, primary_key=True)
    size = fields.IntField()
    content_type = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "stored_file"
