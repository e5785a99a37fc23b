"""The ratings domain's root fields, one class per root type for api/graphql.py."""

from __future__ import annotations

import strawberry

# Imported for their registrations (DataLoaders and node fetchers).
import resolvers.ratings.loaders
import resolvers.ratings.nodes  # noqa: F401
from resolvers.ratings.casework import RatingCaseMutation, RatingCaseQuery
from resolvers.ratings.citizen import RatingCitizenMutation, RatingCitizenQuery
from resolvers.ratings.public import RatingPublicQuery
from resolvers.ratings.settings import RatingPolicyMutation, RatingPolicyQuery
from resolvers.ratings.subscriptions import RatingSubscription
from resolvers.ratings.window import RatingWindowMutation


@strawberry.type
class RatingQuery(RatingPublicQuery, RatingCitizenQuery, RatingCaseQuery, RatingPolicyQuery):
    pass


@strawberry.type
class RatingMutation(RatingCitizenMutation, RatingWindowMutation, RatingCaseMutation,
                     RatingPolicyMutation):
    pass


__all__ = ["RatingMutation", "RatingQuery", "RatingSubscription"]
