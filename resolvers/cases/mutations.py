"""The case domain's root Query and Mutation types (registered in api/graphql.py).

One mutation per action rather than a generic ``caseAct``: each has its own typed input
(the schema itself says what an action needs), its own description with who may call
it and its own cost, and ``Case.availableActions`` names them one to one
(see the ``CaseAction`` enum)."""

from __future__ import annotations

from strawberry.tools import merge_types

import resolvers.cases.loaders
import resolvers.cases.nodes  # noqa: F401 - registers node fetchers
from resolvers.cases.decision import CaseDecisionMutation
from resolvers.cases.investigation import CaseInvestigationMutation
from resolvers.cases.notice import CaseNoticeMutation
from resolvers.cases.publication import CasePublicationMutation, CasePublicQuery
from resolvers.cases.queries import CaseQuery
from resolvers.cases.records import CaseRecordMutation

CaseQueries = merge_types("CaseQueries", (CaseQuery, CasePublicQuery))
CaseMutation = merge_types("CaseMutation", (
    CaseRecordMutation, CaseInvestigationMutation, CaseNoticeMutation, CaseDecisionMutation,
    CasePublicationMutation,
))
