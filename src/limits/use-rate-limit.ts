/** Yoga/envelop plugin: once the context (and so the verified viewer) is built, spend a token or answer 429 with Retry-After. */
import type { Plugin } from "graphql-yoga";
import type { Context } from "../context.ts";
import type { Fairness } from "./fairness.ts";
import { rateLimited } from "./fairness.ts";

export function useRateLimit(fairness: Fairness): Plugin<Context> {
  return {
    onContextBuilding() {
      return ({ context }) => {
        const decision = fairness.admitRequest(context.viewer, context.remoteAddress);
        if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, "requests");
      };
    },
  };
}
