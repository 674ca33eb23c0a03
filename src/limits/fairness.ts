/**
 * Per-tenant fairness for one gateway process: request-rate buckets per organization, per
 * integration and per anonymous address, a cap on each organization's management requests
 * executing at once, and concurrency caps on connector calls. Limits are per
 * replica: with N replicas behind a balancer a tenant may reach N times the configured rates.
 */
import type { Config } from "../config.ts";
import type { Viewer } from "../auth/viewer.ts";
import { userError } from "../errors.ts";
import { ConcurrencyLimitError, createConcurrencyLimiter, type ConcurrencyLimiter } from "./concurrency.ts";
import { createTokenBuckets, type Charge, type Decision } from "./token-bucket.ts";

export function rateLimited(retryAfterSeconds: number, what: string) {
  return userError("RATE_LIMITED", `Too many ${what}; retry after ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    http: { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  });
}

/** Runs `work` within `limiter`'s lanes; a caller refused a slot is answered 429 (Retry-After 1) for `what`. */
async function withinLanes<T>(limiter: ConcurrencyLimiter, lanes: { key: string; limit: number }[], what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await limiter.run(lanes, work);
  } catch (error) {
    if (error instanceof ConcurrencyLimitError) throw rateLimited(1, what);
    throw error;
  }
}

/** An early look's answer; a refusal names what there were too many of. */
export type EarlyDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; what: string };

export function createFairness(fairness: Config["fairness"]) {
  const buckets = createTokenBuckets();
  const concurrency = createConcurrencyLimiter(fairness.connectorConcurrency.queueWaitMs);
  const caps = fairness.connectorConcurrency;
  const requestLanes = createConcurrencyLimiter(fairness.requestConcurrency.queueWaitMs);
  const requestCap = fairness.requestConcurrency.organization;

  function chargesFor(viewer: Viewer, remoteAddress: string | null): Charge[] {
    if (viewer.kind === "anonymous") return [{ key: `ip:${remoteAddress ?? "unknown"}`, rule: fairness.anonymous }];
    const organization = { key: `org:${viewer.organizationId}`, rule: fairness.organization };
    return viewer.kind === "integration" ? [{ key: `int:${viewer.integrationId}`, rule: fairness.integration }, organization] : [organization];
  }

  return {
    /** One request's admission: every bucket that applies must have a token. */
    admitRequest(viewer: Viewer, remoteAddress: string | null): Decision {
      return buckets.take(chargesFor(viewer, remoteAddress));
    },

    /**
     * A cheap early look, before the token is verified, keyed by its unverified claims: refuses only
     * when the claimed buckets are already empty, or the claimed organization's request lane is full,
     * and spends nothing, so a forged token cannot drain another tenant's bucket, while a flooding
     * tenant's surplus costs no parsing, signature check or lookup.
     */
    alreadyExhausted(claims: { org?: unknown; int?: unknown } | null, remoteAddress: string | null): EarlyDecision {
      const requests = (decision: Decision): EarlyDecision => (decision.allowed ? decision : { ...decision, what: "requests" });
      if (!claims || typeof claims.org !== "string") return requests(buckets.take(chargesFor({ kind: "anonymous" }, remoteAddress), { peek: true }));
      const organization = { key: `org:${claims.org}`, rule: fairness.organization };
      if (typeof claims.int === "string") return requests(buckets.take([{ key: `int:${claims.int}`, rule: fairness.integration }, organization], { peek: true }));
      const decision = requests(buckets.take([organization], { peek: true }));
      // The organization's request lane would refuse it at once: parsing and verifying it first
      // would only take the event loop from other tenants.
      if (decision.allowed && requestLanes.isFull(organization.key, requestCap)) return { allowed: false, retryAfterSeconds: 1, what: "concurrent requests" };
      return decision;
    },

    /**
     * Runs one management request's execution within its organization's cap. A burst the rate
     * bucket admits then queues in the organization's own lane instead of in front of every other
     * tenant's requests on the event loop and the database.
     */
    managementRequest<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
      return withinLanes(requestLanes, [{ key: `org:${organizationId}`, limit: requestCap }], "concurrent requests", work);
    },

    /** Runs one connector call within its integration's and organization's concurrency caps. */
    connectorCall<T>(owner: { organizationId: string; integrationId: string }, work: () => Promise<T>): Promise<T> {
      const lanes = [
        { key: `int:${owner.integrationId}`, limit: caps.integration },
        { key: `org:${owner.organizationId}`, limit: caps.organization },
      ];
      return withinLanes(concurrency, lanes, "concurrent connector calls", work);
    },
  };
}

export type Fairness = ReturnType<typeof createFairness>;
