"""Static limits checked before execution: depth, aliases, mutations per request."""

from __future__ import annotations

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }


def selection_depth(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    seen: frozenset[str] = frozenset(),
) -> int:
    """Depth of nested fields; introspection fields count like any other."""
    if selection_set is None:
        return 0
    deepest = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            depth = 1 + selection_depth(selection.selection_set, fragments, seen)
        elif isinstance(selection, InlineFragmentNode):
            depth = selection_depth(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is None or name in seen:  # other rules report these
                continue
            depth = selection_depth(fragment.selection_set, fragments, seen | {name})
        else:  # pragma: no cover - graphql has no other selection kinds
            continue
        deepest = max(deepest, depth)
    return deepest


def count_aliases(document: DocumentNode) -> int:
    count = 0
    stack: list[SelectionSetNode] = [
        d.selection_set
        for d in document.definitions
        if isinstance(d, (OperationDefinitionNode, FragmentDefinitionNode))
    ]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode) and selection.alias is not None:
                count += 1
            inner = getattr(selection, "selection_set", None)
            if inner is not None:
                stack.append(inner)
    return count


def root_fields(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    seen: frozenset[str] = frozenset(),
) -> list[FieldNode]:
    """The fields at the root of an operation, through fragments."""
    found: list[FieldNode] = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            found.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            found.extend(root_fields(selection.selection_set, fragments, seen))
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None and selection.name.value not in seen:
                found.extend(root_fields(
                    fragment.selection_set, fragments, seen | {selection.name.value}))
    return found


# The standard introspection query (TypeRef's ofType chain) is 15 deep and IDEs
# send deeper ones; introspection gets its own, still finite, limit.
INTROSPECTION_MAX_DEPTH = 20


def limit_rules(max_depth: int, max_aliases: int, max_mutations: int) -> list[type[ValidationRule]]:
    """graphql-core validation rules enforcing the limits (HTTP and WebSocket alike)."""

    class DocumentLimits(ValidationRule):
        def enter_document(self, node: DocumentNode, *_args: object) -> None:
            check_document(self.context, node, max_depth, max_aliases, max_mutations)

    return [DocumentLimits]


def check_document(
    context: ValidationContext,
    document: DocumentNode,
    max_depth: int,
    max_aliases: int,
    max_mutations: int,
) -> None:
    fragments = _fragments(document)
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        name = definition.name.value if definition.name else "(anonymous)"
        roots = root_fields(definition.selection_set, fragments)
        for field in roots:
            limit = (INTROSPECTION_MAX_DEPTH if field.name.value.startswith("__")
                     else max_depth)
            depth = 1 + selection_depth(field.selection_set, fragments)
            if depth > limit:
                context.report_error(
                    GraphQLError(
                        f"查询嵌套过深：操作 {name} 的 {field.name.value} 深度为 {depth}，"
                        f"上限为 {limit}",
                        field,
                        extensions={"limit": "depth", "max": limit, "actual": depth},
                    )
                )
                break
        if definition.operation == OperationType.MUTATION:
            mutations = len(roots)
            if mutations > max_mutations:
                context.report_error(
                    GraphQLError(
                        f"一次请求最多执行 {max_mutations} 个 mutation，收到 {mutations} 个",
                        definition,
                        extensions={"limit": "mutations", "max": max_mutations,
                                    "actual": mutations},
                    )
                )
    aliases = count_aliases(document)
    if aliases > max_aliases:
        context.report_error(
            GraphQLError(
                f"别名过多：{aliases} 个，上限为 {max_aliases}",
                extensions={"limit": "aliases", "max": max_aliases, "actual": aliases},
            )
        )
