/**
 * Executes a subscription event once per audience rather than once per subscriber. When thousands
 * of subscriptions with the same document, variables and token authority receive the same event,
 * the selection set is executed for the first of them and its result handed to the rest. What a
 * result may contain depends only on that authority (scope-auth rules, the tenant-scoped database
 * client), so subscribers who share a result could each have computed it.
 */
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { Plugin } from "graphql-yoga";
import { LRUCache } from "lru-cache";
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
 * Maps source events to results. A plain iterator class, not an async generator: `return()` must
 * reach the source at once, even while a `next()` waits for an event that may never come; and not
 * closures, since every idle subscription holds one.
 */
class SharedResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly args: ExecutionArgs,
    private readonly key: string | null,
  ) {}

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const step = await this.source.next();
    return step.done ? step : { value: await this.resultFor(step.value), done: false };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private resultFor(event: unknown): ExecutionResult | Promise<ExecutionResult> {
    if (this.key === null || typeof event !== "object" || event === null) return execute({ ...this.args, rootValue: event });
    let results = resultsByEvent.get(event);
    if (!results) resultsByEvent.set(event, (results = new Map()));
    let result = results.get(this.key);
    if (!result) results.set(this.key, (result = execute({ ...this.args, rootValue: event })));
    return result;
  }
}

/** Equal keys as one string: thousands of subscriptions usually share a handful. */
const keys = new LRUCache<string, string>({ max: 10_000 });
function intern(key: string): string {
  const known = keys.get(key);
  if (known) return known;
  keys.set(key, key);
  return key;
}

export function useSharedEventResults(): Plugin<Context> {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args as ExecutionArgs);
        if (!(Symbol.asyncIterator in source)) return source;
        const key = sharingKey(args as ExecutionArgs);
        return new SharedResults(source[Symbol.asyncIterator](), args as ExecutionArgs, key === null ? null : intern(key));
      });
    },
  };
}
