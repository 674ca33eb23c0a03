/**
 * Per-tenant fairness for one gateway process: request-rate buckets per organization, per
 * integration and per anonymous address, a cap on each organization's management requests
 * executing at once, and concurrency caps on connector calls. Limits are per
 * replica: with N replicas behind a balancer a tenant may reach N times the configured rates.
 */
import type { Config } from "../config.ts";
import type { Viewer } from "../auth/viewer.ts";
import { userError } from "../errors.ts";
import { ConcurrencyLimitError, createConcurrencyLimiter, type ConcurrencyLimiter, type LaneWanted } from "./concurrency.ts";
import { createTokenBuckets, type Charge, type Decision } from "./token-bucket.ts";
import { createRecentWindows } from "../recent-windows.ts";

export function rateLimited(retryAfterSeconds: number, what: string) {
  return userError("RATE_LIMITED", `Too many ${what}; retry after ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    http: { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  });
}

/** Runs `work` within `limiter`'s lanes; a caller refused a slot is answered 429 (Retry-After 1) for `what`. */
async function withinLanes<T>(limiter: ConcurrencyLimiter, lanes: LaneWanted[], what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await limiter.run(lanes, work);
  } catch (error) {
    if (error instanceof ConcurrencyLimitError) throw rateLimited(1, what);
    throw error;
  }
}

/**
 * The organizations that asked for management work lately: in this window of `windowMs` or the
 * one before, so a tenant counts as present for one to two windows after its last request.
 */
export function createRecentOrganizations(windowMs: number, now: () => number = Date.now) {
  const windows = createRecentWindows(windowMs, () => new Set<string>(), now);
  const holdsOthers = (seen: Set<string>, organization: string) => seen.size > (seen.has(organization) ? 1 : 0);
  const othersThan = (organization: string) => {
    const { current, previous } = windows();
    return holdsOthers(current, organization) || holdsOthers(previous, organization);
  };
  return {
    /** Notes `organization` as present, and says whether any other is. */
    arrive(organization: string): boolean {
      windows().current.add(organization);
      return othersThan(organization);
    },
    /** Whether any organization but this one is present, noting nothing. */
    othersThan,
  };
}

/** How long a tenant counts as present after its last management request (see `requestLane`). */
export const presenceWindowMs = 5_000;

/** An early look's answer; a refusal names what there were too many of. */
export type EarlyDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; what: string };

export function createFairness(fairness: Config["fairness"]) {
  const buckets = createTokenBuckets();
  const concurrency = createConcurrencyLimiter(fairness.connectorConcurrency.queueWaitMs);
  const caps = fairness.connectorConcurrency;
  const requestLanes = createConcurrencyLimiter(fairness.requestConcurrency.queueWaitMs);
  const requestCap = fairness.requestConcurrency.organization;
  const present = createRecentOrganizations(presenceWindowMs);

  /**
   * An organization's request lane. Its cap is the configured one while it has the replica to
   * itself, and one while other organizations are present: requests executing at once share one
   * event loop, so each extra one of a bursting tenant's would stretch a neighbour's request by
   * a share of its own. The line keeps the configured length either way.
   */
  const requestLane = (organizationId: string, othersPresent: boolean): LaneWanted => ({
    key: `org:${organizationId}`,
    limit: othersPresent ? 1 : requestCap,
    line: requestCap * 4,
  });

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
      if (decision.allowed && requestLanes.isFull(requestLane(claims.org, present.othersThan(claims.org)))) return { allowed: false, retryAfterSeconds: 1, what: "concurrent requests" };
      return decision;
    },

    /**
     * Runs one management request's execution within its organization's cap (`requestLane`). A
     * burst the rate bucket admits then queues in the organization's own lane instead of in front
     * of every other tenant's requests on the event loop and the database.
     */
    managementRequest<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
      return withinLanes(requestLanes, [requestLane(organizationId, present.arrive(organizationId))], "concurrent requests", work);
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
