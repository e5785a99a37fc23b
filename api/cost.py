"""Static query cost: connections multiply by their page size, down the nesting."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    is_list_type,
    is_non_null_type,
)

DEFAULT_PAGE = 20
DEFAULT_LIST = 10  # assumed size of a plain list field without a size argument
MUTATION_COST = 10
SUBSCRIPTION_COST = 10


class InputListTooLong(ValueError):
    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(f"输入列表 {path} 有 {size} 项，上限为 {limit}")
        self.path, self.size, self.limit = path, size, limit


def _arg(node: FieldNode, name: str, variables: Mapping[str, Any]) -> Any:
    for argument in node.arguments or ():
        if argument.name.value == name:
            return _value(argument.value, variables)
    return None


def _value(node: ValueNode, variables: Mapping[str, Any]) -> Any:
    if isinstance(node, VariableNode):
        return variables.get(node.name.value)
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, ListValueNode):
        return [_value(v, variables) for v in node.values]
    if isinstance(node, ObjectValueNode):
        return {f.name.value: _value(f.value, variables) for f in node.fields}
    return getattr(node, "value", None)


def _page_size(node: FieldNode, variables: Mapping[str, Any]) -> int:
    for name in ("first", "last"):
        value = _arg(node, name, variables)
        if isinstance(value, int) and value >= 0:
            return value
    return DEFAULT_PAGE


def _list_size(node: FieldNode, variables: Mapping[str, Any]) -> int:
    ids = _arg(node, "ids", variables)
    if isinstance(ids, list):
        return len(ids)
    for name in ("first", "last", "limit"):
        value = _arg(node, name, variables)
        if isinstance(value, int) and value >= 0:
            return value
    return DEFAULT_LIST


class CostCalculator:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema

    def operation_cost(
        self,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
    ) -> int:
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        root = {
            OperationType.QUERY: self.schema.query_type,
            OperationType.MUTATION: self.schema.mutation_type,
            OperationType.SUBSCRIPTION: self.schema.subscription_type,
        }[operation.operation]
        if root is None:
            return 0
        per_root = {OperationType.MUTATION: MUTATION_COST,
                    OperationType.SUBSCRIPTION: SUBSCRIPTION_COST}.get(operation.operation, 0)
        return self._selection_cost(
            operation.selection_set, root, 1, fragments, variables, per_root
        )

    def _selection_cost(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType,
        multiplier: int,
        fragments: dict[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        root_extra: int = 0,
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field_cost(selection, parent, multiplier, fragments, variables)
                total += root_extra * multiplier
            elif isinstance(selection, InlineFragmentNode):
                target = parent
                if selection.type_condition is not None:
                    target = self.schema.get_type(selection.type_condition.name.value) or parent
                total += self._selection_cost(
                    selection.selection_set, target, multiplier, fragments, variables, root_extra
                )
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is None:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value) or parent
                total += self._selection_cost(
                    fragment.selection_set, target, multiplier, fragments, variables, root_extra
                )
        return total

    def _field_cost(
        self,
        node: FieldNode,
        parent: GraphQLNamedType,
        multiplier: int,
        fragments: dict[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> int:
        if node.selection_set is None:
            return 0  # scalars and enums are free: their parent was paid for
        name = node.name.value
        field_def = None
        if isinstance(parent, GraphQLObjectType) or hasattr(parent, "fields"):
            field_def = parent.fields.get(name)  # type: ignore[union-attr]
        if field_def is None:
            # introspection fields and anything unknown: charge one unit each
            return multiplier + self._selection_cost(
                node.selection_set, parent, multiplier, fragments, variables
            )
        named = get_named_type(field_def.type)
        inner_multiplier = multiplier
        if named.name.endswith("Connection"):
            inner_multiplier = multiplier * max(_page_size(node, variables), 1)
        elif _is_list(field_def.type) and not parent.name.endswith("Connection"):
            # a connection's edges/nodes were already multiplied by its page size
            inner_multiplier = multiplier * max(_list_size(node, variables), 1)
        return multiplier + self._selection_cost(
            node.selection_set, named, inner_multiplier, fragments, variables
        )


def _is_list(graphql_type: Any) -> bool:
    if is_non_null_type(graphql_type):
        graphql_type = graphql_type.of_type
    return is_list_type(graphql_type)


def check_input_lists(variables: Any, limit: int, path: str = "variables") -> None:
    """Refuse any list in the variables longer than ``limit`` (nested too)."""
    if isinstance(variables, list):
        if len(variables) > limit:
            raise InputListTooLong(path, len(variables), limit)
        for index, item in enumerate(variables):
            check_input_lists(item, limit, f"{path}[{index}]")
    elif isinstance(variables, dict):
        for key, item in variables.items():
            check_input_lists(item, limit, f"{path}.{key}")


def check_literal_lists(document: DocumentNode, limit: int) -> None:
    """Refuse list literals in the document longer than ``limit``."""
    stack: list[Any] = list(document.definitions)
    while stack:
        node = stack.pop()
        if isinstance(node, ListValueNode) and len(node.values) > limit:
            raise InputListTooLong("query", len(node.values), limit)
        for key in getattr(node, "keys", ()):
            if key == "loc":
                continue
            child = getattr(node, key, None)
            if isinstance(child, tuple | list):
                stack.extend(c for c in child if hasattr(c, "keys"))
            elif hasattr(child, "keys") and not isinstance(child, str):
                stack.append(child)
