/**
 * Executes a subscription event once per audience rather than once per subscriber. When thousands
 * of subscriptions with the same document, variables and token authority receive the same event,
 * the selection set is executed for the first of them and its result handed to the rest. What a
 * result may contain depends only on that authority (scope-auth rules, the tenant-scoped database
 * client), so subscribers who share a result could each have computed it.
 */
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Viewer } from "../auth/viewer.ts";
import type { Context } from "../context.ts";

/** Everything about a token that can change what a result shows; null: never shared. */
export function audienceKey(viewer: Viewer): string | null {
  switch (viewer.kind) {
    case "anonymous":
      return null;
    case "integration":
      return ["integration", viewer.tenantId, viewer.organizationId, viewer.accountId, viewer.integrationId].join("|");
    case "organization":
      return [
        "organization",
        viewer.tenantId,
        viewer.organizationId,
        viewer.memberId ?? "",
        viewer.session,
        [...viewer.permissions].sort().join(","),
        viewer.accountIds ? [...viewer.accountIds].sort().join(",") : "*",
      ].join("|");
  }
}

const identities = new WeakMap<object, number>();
let lastIdentity = 0;
function identity(object: object): number {
  let id = identities.get(object);
  if (id === undefined) identities.set(object, (id = ++lastIdentity));
  return id;
}

/** Per event object: the results computed for it so far, by audience and operation. */
const resultsByEvent = new WeakMap<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();

function sharingKey(args: ExecutionArgs): string | null {
  const audience = audienceKey((args.contextValue as Context).viewer);
  if (audience === null) return null;
  const schema = identity(args.schema as GraphQLSchema);
  const document = identity(args.document as DocumentNode);
  return `${schema}|${document}|${args.operationName ?? ""}|${JSON.stringify(args.variableValues ?? {})}|${audience}`;
}

/**
 * Maps source events to results. Written as a plain iterator, not an async generator: `return()`
 * must reach the source at once, even while a `next()` is waiting for an event that may never come.
 */
function executeEach(source: AsyncIterator<unknown>, args: ExecutionArgs, key: string | null): AsyncIterableIterator<ExecutionResult> {
  const resultFor = (event: unknown): ExecutionResult | Promise<ExecutionResult> => {
    const run = () => execute({ ...args, rootValue: event });
    if (key === null || typeof event !== "object" || event === null) return run();
    let results = resultsByEvent.get(event);
    if (!results) resultsByEvent.set(event, (results = new Map()));
    let result = results.get(key);
    if (!result) results.set(key, (result = run()));
    return result;
  };
  return {
    async next() {
      const step = await source.next();
      return step.done ? step : { value: await resultFor(step.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export function useSharedEventResults(): Plugin<Context> {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args as ExecutionArgs);
        if (!(Symbol.asyncIterator in source)) return source;
        return executeEach(source[Symbol.asyncIterator](), args as ExecutionArgs, sharingKey(args as ExecutionArgs));
      });
    },
  };
}
