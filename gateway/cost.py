"""What an operation may cost before it runs: every field it selects counts once for each
object it can be asked of, so a list multiplies what is selected inside it.

A field with a `first` or `limit` argument multiplies its selection by that number (the
literal, the variable's value, else the argument's default in the schema); a list with no
such argument by DEFAULT_LIST_SIZE, except a connection's `edges`, which its connection's
`first` already counted. `__typename` and introspection fields cost nothing (their size is
the schema's). Fragments add what they select (a union's members are summed: an upper bound).

The `Theme.ideas → Idea.theme → Theme.ideas` cycle stays within the depth and alias limits
but not within this one: `themes(first: 100) { ideas(first: 100) { theme { ideas(first:
100) { id } } } }` costs about 10^6. Checked after validation and before execution, with the
request's variables, so a refused operation runs no resolver.

Not graphql-complexity (1.0.0, the maintained Python one): its list multiplier misses non-null
lists (`[Idea!]!`, every list here), it knows one size argument and no schema defaults, and
its strawberry extension fails on a variable without a default."""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_list_type,
)
from graphql.language import OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from gateway.errors import PublicError

SIZE_ARGUMENTS = ("first", "limit")
DEFAULT_LIST_SIZE = 10  # a list field the client cannot size (an idea's comments, ...)
DEFAULT_MAX_COST = 20_000


def max_query_cost() -> int:
    """KAIZEN_MAX_QUERY_COST: the most any one operation may cost."""
    return int(os.environ.get("KAIZEN_MAX_QUERY_COST", str(DEFAULT_MAX_COST)))


class QueryTooCostly(PublicError):
    def __init__(self, cost: int, limit: int):
        super().__init__(f"query cost {cost} is over the limit of {limit}: ask for fewer "
                         "items (first, limit) or fewer nested lists", "QUERY_TOO_COSTLY")
        self.extensions.update(cost=cost, limit=limit)


class QueryCostLimiter(SchemaExtension):
    """Refuses an operation costing more than `max_cost` (default: max_query_cost())."""

    def __init__(self, *, max_cost: int | None = None):
        self.max_cost = max_query_cost() if max_cost is None else max_cost

    def on_execute(self):
        context = self.execution_context
        cost = operation_cost(context.schema._schema, context.graphql_document,
                              context.operation_name, context.variables or {})
        if cost > self.max_cost:
            context.result = ExecutionResult(data=None,
                                             errors=[QueryTooCostly(cost, self.max_cost)])
        yield


def operation_cost(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
                   variables: Mapping[str, Any]) -> int:
    """The cost of the operation `operation_name` names in a validated document."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    root = schema.get_root_type(operation.operation)
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    walk = _Walk(schema, fragments, _variables(operation, variables))
    return walk.selections(operation.selection_set, root)


def _variables(operation: OperationDefinitionNode, given: Mapping[str, Any]) -> dict:
    """The request's variables, else their defaults in the operation."""
    values = {}
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name in given:
            values[name] = given[name]
        elif isinstance(definition.default_value, IntValueNode):
            values[name] = int(definition.default_value.value)
    return values


class _Walk:
    def __init__(self, schema: GraphQLSchema, fragments: dict, variables: dict):
        self.schema, self.fragments, self.variables = schema, fragments, variables

    def selections(self, selection_set: SelectionSetNode | None, parent) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                total += self.selections(selection.selection_set, self._type(condition, parent))
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                total += self.selections(fragment.selection_set,
                                         self._type(fragment.type_condition, parent))
        return total

    def field(self, node: FieldNode, parent) -> int:
        name = node.name.value
        if name.startswith("__"):
            return 0
        definition = parent.fields[name]
        inner = get_named_type(definition.type)
        return 1 + self._size(node, definition, parent) * self.selections(node.selection_set,
                                                                           inner)

    def _size(self, node: FieldNode, definition, parent) -> int:
        for argument in SIZE_ARGUMENTS:
            if argument in definition.args:
                return max(0, self._argument(node, argument, definition.args[argument]))
        if not is_list_type(get_nullable_type(definition.type)):
            return 1
        return 1 if parent.name.endswith("Connection") else DEFAULT_LIST_SIZE

    def _argument(self, node: FieldNode, name: str, definition) -> int:
        default = definition.default_value
        if not isinstance(default, int) or isinstance(default, bool):
            default = DEFAULT_LIST_SIZE
        given = next((a.value for a in node.arguments or () if a.name.value == name), None)
        if isinstance(given, IntValueNode):
            return int(given.value)
        if isinstance(given, VariableNode):
            value = self.variables.get(given.name.value)
            return value if isinstance(value, int) and not isinstance(value, bool) else default
        return default

    def _type(self, condition, parent):
        return parent if condition is None else self.schema.get_type(condition.name.value)
