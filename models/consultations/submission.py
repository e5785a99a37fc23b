"""Submitting a consultation: validate, find the matter and department, answer or dispatch.

One transaction writes the consultation, its first timeline events and, when
the system can answer, the automatic reply. A retry with the same client key
returns the consultation already made.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.catalogue.read import load_documents
from models.catalogue.rules import Status as CatalogueStatus
from models.catalogue.search import search as catalogue_search
from models.catalogue.tables import Implementation, Matter
from models.consultations import answers, deadlines, routing, rules
from models.consultations.drafts import (
    SYSTEM_ACTOR,
    Actor,
    Draft,
    check_attachments_exist,
    check_draft,
    consultation_number,
    query_code,
)
from models.consultations.rules import Action, AnswerSource, Kind, Role, Status
from models.consultations.service import record, set_reply
from models.consultations.tables import (
    Consultation,
    ConsultationFaq,
    ConsultationRoute,
    ConsultationTimeLimit,
)
from models.errors import Refusal
from models.files.tables import StoredFile
from models.regions.tables import Department, Region

AUTO_ANSWER_KINDS = frozenset({Kind.CONSULTATION, Kind.HELP})
MAX_SEARCHES = 8  # catalogue searches per message: a long message must stay cheap


@dataclass(frozen=True)
class Sender:
    account_id: str
    enterprise_id: str | None = None
    anonymous: bool = False  # a visitor with a verified phone: gets a query code


@dataclass(frozen=True)
class Submitted:
    row: Consultation
    created: bool
    query_code: str | None  # anonymous senders only (returned again on a retry)


async def submit(sender: Sender, draft: Draft, *, now: datetime,
                 encrypt: Callable[[str], str], decrypt: Callable[[str], str],
                 rng: random.Random | None = None) -> Submitted:
    rng = rng or random.SystemRandom()
    draft = check_draft(draft)
    existing = await _existing(sender, draft, decrypt)
    if existing is not None:
        return existing
    plan = await _plan(draft)
    code = query_code(rng) if sender.anonymous else None
    try:
        async with in_transaction():
            row = await _create(sender, draft, plan, now, rng, encrypt(code) if code else None)
    except IntegrityError:  # the same key sent twice at once: the first one wins
        existing = await _existing(sender, draft, decrypt)
        if existing is None:
            raise
        return existing
    return Submitted(row, True, code)


async def _existing(sender: Sender, draft: Draft, decrypt: Callable[[str], str]
                    ) -> Submitted | None:
    row = await Consultation.get_or_none(sender_account_id=sender.account_id,
                                         client_key=draft.client_key)
    if row is None:
        return None
    if row.kind != draft.kind.value or row.content != draft.content:
        raise Refusal("CLIENT_KEY_REUSED", "该 clientKey 已用于另一条诉求", "clientKey")
    code = decrypt(row.query_code_enc) if row.query_code_enc else None
    return Submitted(row, False, code)


@dataclass
class _Plan:
    region: Region
    department: Department | None
    matter_id: str | None
    answer: tuple[AnswerSource, str] | None
    time_limit: int


async def _plan(draft: Draft) -> _Plan:
    region, department = await _place(draft)
    found = await StoredFile.filter(sha256__in=list(draft.attachments)).values_list(
        "sha256", flat=True)
    check_attachments_exist(draft.attachments, set(found))
    chain = routing.region_chain(region.code)
    matter_id = draft.matter_id
    if matter_id is not None:
        if not await Matter.exists(id=matter_id):
            raise Refusal("MATTER_NOT_FOUND", "事项不存在", "matterId")
    else:
        matter_id = await find_matter(draft.content, region.code)
    implementation = await _implementation(matter_id, chain) if matter_id else None
    if department is None and implementation is not None:
        department = await Department.get(id=implementation.department_id)
    if department is None:
        department = await _routed(draft, region.code, chain)
    answer = None
    if draft.kind in AUTO_ANSWER_KINDS:
        answer = await _auto_answer(draft, implementation, region.code)
    overrides = {(r.region_id, Kind(r.kind)): r.working_days
                 for r in await ConsultationTimeLimit.filter(region_id__in=chain, kind=draft.kind)}
    return _Plan(region, department, matter_id, answer,
                 rules.time_limit(draft.kind, chain, overrides))


async def _place(draft: Draft) -> tuple[Region, Department | None]:
    department = None
    if draft.department_id is not None:
        department = await Department.get_or_none(id=draft.department_id)
        if department is None:
            raise Refusal("DEPARTMENT_NOT_FOUND", "部门不存在", "departmentId")
    code = draft.region_code or (department.region_id if department else "")
    region = await Region.get_or_none(code=code, valid_to__isnull=True)
    if region is None:
        raise Refusal("REGION_NOT_FOUND", "地区不存在或已撤销", "regionCode")
    return region, department


async def find_matter(text: str, region_code: str) -> str | None:
    """The matter a message names, found with the catalogue's search (see routing)."""
    searches = 0
    for phrase in routing.subject_phrases(text):
        for candidate in routing.shortened(phrase):
            if searches >= MAX_SEARCHES:
                return None
            searches += 1
            hits = await catalogue_search(candidate)
            picked = routing.pick_matter([routing.MatterHit(h.rank, h.matter_id) for h in hits])
            if picked is not None:
                return picked
    return None


async def _implementation(matter_id: str, chain: list[str]) -> Implementation | None:
    """The published 实施清单 entry of the matter nearest the region (county, city, province)."""
    rows = await Implementation.filter(matter_id=matter_id, region_id__in=chain,
                                       status=CatalogueStatus.PUBLISHED).order_by("code")
    for code in chain:
        for row in rows:
            if row.region_id == code:
                return row
    return None


async def _routed(draft: Draft, region_code: str, chain: list[str]) -> Department | None:
    table = [routing.RouteRule(r.keyword, r.department_kind, r.kind, r.region_prefix, r.priority)
             for r in await ConsultationRoute.all().order_by("id")]
    rule = routing.route(f"{draft.title}\n{draft.content}", draft.kind.value, region_code, table)
    if rule is None:
        return None
    candidates = await Department.filter(region_id__in=chain, kind=rule.department_kind)
    by_region = {d.region_id: d for d in candidates}
    return next((by_region[c] for c in chain if c in by_region), None)


async def _auto_answer(draft: Draft, implementation: Implementation | None,
                       region_code: str) -> tuple[AnswerSource, str] | None:
    asked = routing.intents(draft.content)
    if implementation is not None and asked:
        doc = (await load_documents([str(implementation.id)]))[str(implementation.id)]
        return AnswerSource.GUIDE, answers.guide_answer(doc, asked)
    faqs = await ConsultationFaq.filter(active=True).values_list(
        "id", "keywords", "region_id", "kind")
    entries = [routing.FaqEntry(str(i), tuple(k or ()), r, kind) for i, k, r, kind in faqs]
    hit = routing.match_faq(draft.content, draft.kind.value, region_code, entries)
    if hit is None:
        return None
    faq = await ConsultationFaq.get(id=hit.id)
    return AnswerSource.FAQ, answers.faq_answer(faq.question, faq.answer)


async def _create(sender: Sender, draft: Draft, plan: _Plan, now: datetime,
                  rng: random.Random, code_enc: str | None) -> Consultation:
    today = deadlines.local_day(now)
    due = deadlines.due_after(today, plan.time_limit)
    row = Consultation(
        id=uuid.uuid4(), number=consultation_number(today, rng), kind=draft.kind.value,
        status=Status.ACCEPTED.value, title=draft.title, content=draft.content,
        sender_account_id=sender.account_id, sender_enterprise_id=sender.enterprise_id,
        query_code_enc=code_enc, client_key=draft.client_key, region_id=plan.region.code,
        department_id=plan.department.id if plan.department else None,
        matter_id=plan.matter_id, application_ref=draft.application_ref,
        attachments=list(draft.attachments), time_limit_days=plan.time_limit,
        clock_started_on=today, due_on=due.on, due_provisional=due.provisional,
        submitted_at=now, revision=0)
    await row.save(force_create=True)
    await record(row, rules.submitted(), Role.SENDER, Actor(account_id=sender.account_id), now)
    accepted = rules.ConsultationState(Status.ACCEPTED)
    if plan.answer is not None:
        # The department found stays on record: a bad evaluation sends it there.
        source, text = plan.answer
        outcome = rules.apply(accepted, Action.AUTO_REPLY, Role.SYSTEM, {"reply": text})
        set_reply(row, text, source, now)
        await record(row, outcome, Role.SYSTEM, SYSTEM_ACTOR, now, note=text,
                     department_id=row.department_id)
    elif plan.department is not None:
        outcome = rules.apply(accepted, Action.ASSIGN, Role.SYSTEM,
                              {"department": str(plan.department.id)})
        await record(row, outcome, Role.SYSTEM, SYSTEM_ACTOR, now,
                     department_id=plan.department.id)
    await row.save()
    return row
