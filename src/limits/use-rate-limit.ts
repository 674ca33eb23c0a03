/**
 * Yoga/envelop plugin: once the context (and so the verified viewer) is built, spend a token or
 * answer 429 with Retry-After; then execute an organization's management request within its
 * organization's concurrency cap, unless the HTTP server took its lane already (`heldLane`, see
 * refuse-early.ts; a subscription gives such a slot back as it starts). Integration tokens' connector
 * calls have caps of their own.
 */
import type { Plugin } from "graphql-yoga";
import type { Context } from "../context.ts";
import type { Fairness } from "./fairness.ts";
import { rateLimited } from "./fairness.ts";
import type { HeldLane } from "./refuse-early.ts";

const heldLane = (context: Context) => (context as Context & { heldLane?: HeldLane | null }).heldLane ?? null;

export function useRateLimit(fairness: Fairness): Plugin<Context> {
  return {
    onContextBuilding() {
      return ({ context }) => {
        const decision = fairness.admitRequest(context.viewer, context.remoteAddress);
        if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, "requests");
      };
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const viewer = args.contextValue.viewer;
      if (viewer.kind !== "organization" || heldLane(args.contextValue)) return;
      setExecuteFn((executionArgs) => fairness.managementRequest(viewer.organizationId, async () => executeFn(executionArgs)));
    },
    onSubscribe({ args }) {
      heldLane(args.contextValue)?.release();
    },
  };
}
