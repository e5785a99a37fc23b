"""实施清单 maintenance by department admins: create, edit, publish, retire versions."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import Any, TypeVar

import strawberry

from auth.errors import NotFound
from auth.permissions import describe, require_roles
from models.catalogue import cache, service
from models.catalogue.read import load_documents
from models.errors import Refusal
from resolvers.catalogue.access import MAINTAINER, actor
from resolvers.context import Context
from resolvers.errors import user_error
from resolvers.public import public_data_changed
from schema.catalogue.enums import CatalogueErrorCode
from schema.catalogue.inputs import (
    CatalogueError,
    MatterImplementationCreateInput,
    MatterImplementationCreatePayload,
    MatterImplementationPublishInput,
    MatterImplementationPublishPayload,
    MatterImplementationRetireInput,
    MatterImplementationRetirePayload,
    MatterImplementationUpdateInput,
    MatterImplementationUpdatePayload,
)
from schema.catalogue.types import NO_MATCH, MatterImplementation, decode_id

P = TypeVar("P")


def _version_key(global_id: str) -> str:
    key = decode_id(global_id, "MatterImplementation")
    if key is None:
        raise NotFound("实施清单版本不存在")
    return key


async def _run(payload: type[P], work: Awaitable[Any], ctx: Context) -> P:
    """Call the service; refusals become the payload's errors, a version outside
    the admin's department is NOT_FOUND (the same as a missing one)."""
    try:
        result = await work
    except service.InvalidTerms as invalid:
        return payload(errors=[_error(p) for p in invalid.problems])  # type: ignore[call-arg]
    except Refusal as refusal:
        return payload(errors=[_error(refusal)])  # type: ignore[call-arg]
    except service.OutOfScope as missing:
        raise NotFound("实施清单版本不存在") from missing
    row, changed = result if isinstance(result, tuple) else (result, False)
    if changed:  # published data changed: start a new cache generation
        await cache.invalidate(ctx.redis)
        await public_data_changed(ctx, "catalogue")
    doc = (await load_documents([str(row.id)]))[str(row.id)]
    return payload(implementation=MatterImplementation.from_doc(doc))  # type: ignore[call-arg]


def _error(refusal: Refusal) -> CatalogueError:
    return user_error(refusal, CatalogueError, CatalogueErrorCode)


@strawberry.type
class CatalogueMutation:
    @strawberry.mutation(description=describe(
        "新建本部门实施清单的草稿版本（首次实施或基于现行版本修订）。按 idempotencyKey 幂等。",
        MAINTAINER))
    async def matter_implementation_create(
        self, info: strawberry.Info, input: MatterImplementationCreateInput,
    ) -> MatterImplementationCreatePayload:
        viewer = require_roles(info.context.viewer, MAINTAINER)
        based_on = _version_key(input.based_on_id) if input.based_on_id else None
        work = service.create_draft(
            actor(viewer), matter_id=decode_id(input.matter_id, "Matter") or NO_MATCH,
            idempotency_key=input.idempotency_key, based_on_id=based_on, code=input.code,
            changes=input.fields.to_changes() if input.fields else {})
        return await _run(MatterImplementationCreatePayload, work, info.context)

    @strawberry.mutation(description=describe(
        "修改草稿（已发布的版本不可修改）。未给出的字段不变。", MAINTAINER))
    async def matter_implementation_update(
        self, info: strawberry.Info, input: MatterImplementationUpdateInput,
    ) -> MatterImplementationUpdatePayload:
        viewer = require_roles(info.context.viewer, MAINTAINER)
        work = service.update_draft(actor(viewer), _version_key(input.id),
                                    input.fields.to_changes(), datetime.now(UTC))
        return await _run(MatterImplementationUpdatePayload, work, info.context)

    @strawberry.mutation(description=describe(
        "发布草稿：此后不可修改，原现行版本停用。重复发布同一版本无副作用。", MAINTAINER))
    async def matter_implementation_publish(
        self, info: strawberry.Info, input: MatterImplementationPublishInput,
    ) -> MatterImplementationPublishPayload:
        viewer = require_roles(info.context.viewer, MAINTAINER)
        work = service.publish(actor(viewer), _version_key(input.id), datetime.now(UTC))
        return await _run(MatterImplementationPublishPayload, work, info.context)

    @strawberry.mutation(description=describe(
        "停用已发布的版本（不再受理新申请；已受理的办件仍按原版本办理），或作废草稿。幂等。",
        MAINTAINER))
    async def matter_implementation_retire(
        self, info: strawberry.Info, input: MatterImplementationRetireInput,
    ) -> MatterImplementationRetirePayload:
        viewer = require_roles(info.context.viewer, MAINTAINER)
        work = service.retire(actor(viewer), _version_key(input.id), datetime.now(UTC))
        return await _run(MatterImplementationRetirePayload, work, info.context)
