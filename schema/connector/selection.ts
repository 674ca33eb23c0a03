/**
 * What a connection query selects on its items, so that an adapter can ask its provider for only
 * that. Directives are not evaluated: a field under `@skip` or `@include` counts as selected, so the
 * answer is never narrower than what execution will read.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/** Names of the fields selected on `edges { node { … } }` of the connection being resolved, through fragments. */
export function selectedNodeFields(info: GraphQLResolveInfo): Set<string> {
  const roots = info.fieldNodes.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  const nodes = subSelections(subSelections(roots, "edges", info), "node", info);
  const names = new Set<string>();
  visitFields(nodes, info, (field) => names.add(field.name.value));
  return names;
}

function subSelections(sets: SelectionSetNode[], name: string, info: GraphQLResolveInfo): SelectionSetNode[] {
  const found: SelectionSetNode[] = [];
  visitFields(sets, info, (field) => {
    if (field.name.value === name && field.selectionSet) found.push(field.selectionSet);
  });
  return found;
}

function visitFields(sets: SelectionSetNode[], info: GraphQLResolveInfo, visit: (field: FieldNode) => void, seen = new Set<string>()): void {
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) visit(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visitFields([selection.selectionSet], info, visit, seen);
      else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        // Validation has ruled out fragment cycles; `seen` only saves revisiting a fragment spread twice.
        if (fragment && !seen.has(name)) {
          seen.add(name);
          visitFields([fragment.selectionSet], info, visit, seen);
        }
      }
    }
  }
}
