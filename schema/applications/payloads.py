"""Payloads of the 办件 mutations."""

from __future__ import annotations

import strawberry

from schema.applications.common import ApplicationError
from schema.applications.parts import Document, TimelineEvent
from schema.applications.types import Application, ApplicationBundle, StaffApplication


@strawberry.type
class ApplicationDraftCreatePayload:
    application: Application | None = None
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


@strawberry.type
class ApplicationSubmitPayload:
    application: Application | None = None
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


@strawberry.type
class ApplicationMaterialsAttachPayload:
    application: Application | None = None
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


@strawberry.type
class ApplicationMaterialRemovePayload:
    application: Application | None = None
    removed: bool = False
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


@strawberry.type
class ApplicationWithdrawPayload:
    application: Application | None = None
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


@strawberry.type
class ApplicationCorrectionSubmitPayload:
    application: Application | None = None
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


@strawberry.type
class ApplicationBundleCreatePayload:
    bundle: ApplicationBundle | None = None
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


@strawberry.type
class ApplicationBundleSubmitPayload:
    bundle: ApplicationBundle | None = None
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


@strawberry.type(name="ApplicationStepPayload")
class StepPayload:
    """What every staff move returns: the application, the timeline event, the documents."""

    application: StaffApplication | None = None
    event: TimelineEvent | None = None
    documents: list[Document] = strawberry.field(default_factory=list)
    errors: list[ApplicationError] = strawberry.field(default_factory=list)


# One payload type per staff mutation (noun-first names), all shaped like StepPayload.
# fmt: off
@strawberry.type
class ApplicationPreReviewStartPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationAcceptPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationRejectPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationCorrectionRequestPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationReviewStartPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationSpecialProcedureStartPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationSpecialProcedureEndPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationApprovePayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationDenyPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationSuspendPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationResumePayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationDeliverPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationFormalCheckPassPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationForwardPayload(StepPayload): pass  # noqa: E701
@strawberry.type
class ApplicationForwardedReceivePayload(StepPayload): pass  # noqa: E701
# fmt: on


@strawberry.type
class MessageMarkReadPayload:
    marked: int = 0
    unread_count: int = 0
    errors: list[ApplicationError] = strawberry.field(default_factory=list)
