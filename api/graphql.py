"""Assembles the one schema: root Query, Mutation and Subscription from each domain."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

# Each domain's loaders register themselves on import.
import resolvers.accounts.loaders
import resolvers.applications.loaders
import resolvers.catalogue.loaders
import resolvers.consultations.loaders
import resolvers.consultations.nodes
import resolvers.inspections.loaders
import resolvers.inspections.nodes
import resolvers.policies.loaders
import resolvers.policies.nodes
import resolvers.regions.loaders  # noqa: F401
from resolvers.accounts.mutations import AccountMutation
from resolvers.accounts.queries import AccountQuery
from resolvers.applications.mutations import ApplicationMutation
from resolvers.applications.public import ApplicationPublicQuery
from resolvers.applications.queries import ApplicationQuery
from resolvers.applications.staff_mutations import ApplicationStaffMutation
from resolvers.applications.staff_queries import ApplicationStaffQuery
from resolvers.applications.subscriptions import ApplicationSubscription
from resolvers.cases.mutations import CaseMutation, CaseQueries
from resolvers.catalogue.admin import CatalogueAdminQuery
from resolvers.catalogue.mutations import CatalogueMutation
from resolvers.catalogue.queries import CatalogueQuery
from resolvers.consultations.mutations import ConsultationMutation
from resolvers.consultations.queries import ConsultationQuery
from resolvers.consultations.subscriptions import ConsultationSubscription
from resolvers.files.mutations import FileMutation
from resolvers.inspections.handheld_mutations import InspectionHandheldMutation
from resolvers.inspections.handheld_queries import InspectionHandheldQuery
from resolvers.inspections.mutations import InspectionMutation
from resolvers.inspections.public_queries import InspectionPublicQuery
from resolvers.inspections.queries import InspectionQuery
from resolvers.node import NodeQuery
from resolvers.policies.mutations import PolicyMutation
from resolvers.policies.queries import PolicyQuery
from resolvers.ratings.root import RatingMutation, RatingQuery, RatingSubscription
from resolvers.regions.queries import RegionQuery
from schema import fast as fast_paths
from schema.accounts import Account, Enterprise
from schema.accounts_admin import SecurityEvent
from schema.applications.public import Message
from schema.applications.types import Application, ApplicationBundle, StaffApplication
from schema.cases.case import Case
from schema.cases.parts import CaseDocument, Evidence
from schema.catalogue.types import LifeEvent, Matter, MatterImplementation
from schema.consultations import Consultation, ConsultationFaq
from schema.inspections.directory import (
    InspectionFormTemplate,
    InspectionItem,
    InspectionSubject,
    Inspector,
)
from schema.inspections.tasks import InspectionPlan, InspectionRecord, InspectionTask
from schema.policies import Policy
from schema.ratings.cases import RatingCase
from schema.ratings.types import MyRating, Rating
from schema.regions import Department, Region

# One entry per line: every domain adds its own.
Query = merge_types("Query", (
    NodeQuery,
    RegionQuery,
    AccountQuery,
    CatalogueQuery,
    CatalogueAdminQuery,
    CaseQueries,
    ConsultationQuery,
    PolicyQuery,
    InspectionQuery,
    InspectionHandheldQuery,
    InspectionPublicQuery,
    ApplicationQuery,
    ApplicationStaffQuery,
    ApplicationPublicQuery,
    RatingQuery,
))
Mutation = merge_types("Mutation", (
    AccountMutation,
    FileMutation,
    CatalogueMutation,
    CaseMutation,
    ConsultationMutation,
    PolicyMutation,
    InspectionMutation,
    InspectionHandheldMutation,
    ApplicationMutation,
    ApplicationStaffMutation,
    RatingMutation,
))
Subscription = merge_types("Subscription", (
    ConsultationSubscription,
    ApplicationSubscription,
    RatingSubscription,
))

# Concrete Node types reachable only through the interface are listed here so
# that `node(id:)` can return them.
NODE_TYPES = [Region, Department, Account, Enterprise, SecurityEvent]
NODE_TYPES += [Matter, MatterImplementation, LifeEvent]
NODE_TYPES += [Case, Evidence, CaseDocument]
NODE_TYPES += [Consultation, ConsultationFaq, Policy]
NODE_TYPES += [InspectionSubject, Inspector, InspectionItem, InspectionFormTemplate, InspectionPlan,
               InspectionTask, InspectionRecord]
NODE_TYPES += [Application, StaffApplication, ApplicationBundle, Message]
NODE_TYPES += [Rating, MyRating, RatingCase]


def build_schema(extensions: list | None = None) -> strawberry.Schema:
    built = strawberry.Schema(query=Query, mutation=Mutation, subscription=Subscription,
                              types=NODE_TYPES, extensions=extensions or [])
    fast_paths.install(built._schema)
    return built


schema = build_schema()
