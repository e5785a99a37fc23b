"""All account mutations, one root type per concern, merged for api/graphql.py."""

from __future__ import annotations

from strawberry.tools import merge_types

from resolvers.accounts.handheld import HandheldMutation
from resolvers.accounts.people import PeopleMutation
from resolvers.accounts.sign_in import SignInMutation
from resolvers.accounts.tokens import TokenMutation

AccountMutation = merge_types("AccountMutation", (
    SignInMutation,
    TokenMutation,
    HandheldMutation,
    PeopleMutation,
))
