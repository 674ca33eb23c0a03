/**
 * A cost limit that counts page sizes: every object a request could return costs 1, and a
 * connection multiplies what is below it by its page size (`first`/`last`, as a literal or a
 * variable; 50 when absent). Checked before execution, so no resolver or database call runs.
 */
import {
  getNamedType,
  GraphQLError,
  isLeafType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  GraphQLObjectType,
  isInterfaceType,
  isObjectType,
} from "graphql";
import type { Plugin } from "graphql-yoga";

export const defaultPageSize = 50;

function argumentNumber(node: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!node) return null;
  if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === "number" ? value : null;
  }
  return null;
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((candidate) => !operationName || candidate.name?.value === operationName);
  if (!operation) return 0;
  const root = operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  const seen = new Set<string>();

  function selectionCost(type: GraphQLObjectType | null | undefined, selectionSet: SelectionSetNode | undefined): number {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        total += selectionCost(schema.getType(fragment.typeCondition.name.value) as GraphQLObjectType, fragment.selectionSet);
        seen.delete(fragment.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLObjectType) : type;
        total += selectionCost(condition, selection.selectionSet);
      } else {
        const field: GraphQLField<unknown, unknown> | undefined = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[selection.name.value] : undefined;
        const named = field ? getNamedType(field.type) : undefined;
        if (!named || isLeafType(named)) continue;
        const isConnection = named.name.endsWith("Connection");
        const pageArgument = selection.arguments?.find((argument) => argument.name.value === "first" || argument.name.value === "last");
        const pageSize = argumentNumber(pageArgument?.value, variables) ?? (isConnection ? defaultPageSize : 1);
        total += 1 + Math.max(1, pageSize) * selectionCost(named as GraphQLObjectType, selection.selectionSet);
      }
    }
    return total;
  }

  return selectionCost(root, operation.selectionSet);
}

/** Refuses operations whose cost exceeds `maxCost`, with one clear error and no execution. */
export function usePageCostLimit(maxCost: number): Plugin {
  const refuse = (cost: number) =>
    new GraphQLError(`Query is too expensive: cost ${cost} exceeds the limit of ${maxCost} (page sizes multiply; request smaller pages)`, {
      extensions: { code: "BAD_USER_INPUT", cost, maxCost, http: { status: 400 } },
    });
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = operationCost(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>);
      if (cost > maxCost) setResultAndStopExecution({ errors: [refuse(cost)] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const cost = operationCost(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>);
      if (cost > maxCost) setResultAndStopExecution({ errors: [refuse(cost)] });
    },
  };
}
