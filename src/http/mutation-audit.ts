/**
 * Audits every management mutation that ends in an error, in one place: refused by the input guard
 * or by variable coercion before execution, denied by scope-auth, or failed in its resolver with
 * NOT_FOUND, CONFLICT, BAD_USER_INPUT and the like. Successes are recorded by the services, which
 * know what they created; refusals a service already recorded are not recorded twice.
 *
 * Registered before the input guard, so its `onExecuteDone` also sees the guard's refusal. The
 * event is written before the response is sent (one insert, about a millisecond), so it cannot be
 * lost to a crash after the answer; a write that fails is logged as an error.
 */
import { getOperationAST, Kind, valueFromASTUntyped, type DocumentNode, type ExecutionResult, type FieldNode, type GraphQLError, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../context.ts";
import { claimRecordedFailure, recordAudit } from "../services/audit.ts";
import { knownFailure } from "./known-failures.ts";
import { mutationTargets, resolveTarget, selfAuditedMutations } from "../services/mutation-targets.ts";

type Variables = Record<string, unknown> | null | undefined;

/** Codes meaning the caller lacked authority, as opposed to a request that could not be carried out. */
const deniedCodes = new Set(["FORBIDDEN", "UNAUTHENTICATED"]);

/** The root fields of the operation, fragments included (directives are not evaluated: an attempt is an attempt). */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document);
    const fragment = document.definitions.find((definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFields(fragment.selectionSet, document) : [];
  });
}

/**
 * The error that ended this root field: one at its own path, or, when nothing executed, the one
 * that refused the whole operation. Errors deeper in a payload come after the change was made.
 */
function failureOf(field: FieldNode, result: ExecutionResult): GraphQLError | null {
  const key = field.alias?.value ?? field.name.value;
  const errors = result.errors ?? [];
  const own = errors.find((error) => error.path?.length === 1 && error.path[0] === key);
  if (own) return own;
  return result.data == null ? (errors.find((error) => !error.path) ?? null) : null;
}

/**
 * The error's code and the input field it names, as the client will see them (errors are masked
 * only after this plugin runs); never its message, which may quote input.
 */
function reasonOf(error: GraphQLError): { code: string; reason: string } {
  const shown = typeof error.extensions?.code === "string" ? error : (knownFailure(error, error.originalError) ?? error);
  const code = typeof shown.extensions?.code === "string" ? shown.extensions.code : "INTERNAL_SERVER_ERROR";
  const field = typeof shown.extensions?.field === "string" ? shown.extensions.field : null;
  return { code, reason: field ? `${code} (${field})` : code };
}

function argumentsOf(field: FieldNode, variables: Variables): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const argument of field.arguments ?? []) values[argument.name.value] = valueFromASTUntyped(argument.value, variables ?? undefined);
  return values;
}

async function auditFailedField(context: Context, field: FieldNode, error: GraphQLError, variables: Variables) {
  const name = field.name.value;
  if (selfAuditedMutations.has(name)) return;
  const { code, reason } = reasonOf(error);
  const outcome = deniedCodes.has(code) ? "DENIED" : "FAILURE";
  const target = mutationTargets[name];
  if (!target) {
    // Connector-layer mutations are audited by the management layer only when a token lacked authority for them.
    if (outcome === "DENIED") await recordAudit(context, { action: `mutation.${name}`, resourceType: "Mutation", outcome, reason });
    return;
  }
  if (claimRecordedFailure(context, target.action)) return;
  const resolved = await resolveTarget(context, target, argumentsOf(field, variables));
  await recordAudit(context, { action: target.action, resourceType: target.resourceType, ...resolved, outcome, reason });
}

async function auditFailures(context: Context, operation: OperationDefinitionNode, document: DocumentNode, result: ExecutionResult, variables: Variables) {
  if (!result.errors?.length) return;
  for (const field of rootFields(operation.selectionSet, document)) {
    const error = failureOf(field, result);
    if (!error) continue;
    try {
      await auditFailedField(context, field, error, variables);
    } catch (failure) {
      context.services.log.error({ err: failure, mutation: field.name.value, requestId: context.requestId }, "could not audit a failed mutation");
    }
  }
}

export function useMutationAudit(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const context = args.contextValue;
      const operation = getOperationAST(args.document, args.operationName);
      if (context.viewer.kind === "anonymous" || operation?.operation !== "mutation") return;
      return {
        onExecuteDone: ({ result }) => (Symbol.asyncIterator in result ? undefined : auditFailures(context, operation, args.document, result, args.variableValues)),
      };
    },
  };
}
