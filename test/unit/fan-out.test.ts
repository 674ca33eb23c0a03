/** The fan-out: reach, narrowing, per-event token checks, overflow, and leaving. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TokenLiveness } from "../../src/auth/token-liveness.ts";
import type { OrganizationViewer } from "../../src/auth/viewer.ts";
import { createEventBus, type StatusChange } from "../../src/events/bus.ts";
import { createFanOut, maxQueuedEvents, type Audience } from "../../src/events/fan-out.ts";

const organizationId = randomUUID();
const [accountA, accountB] = [randomUUID(), randomUUID()];

function viewer(accountIds: string[] | null): OrganizationViewer {
  return { kind: "organization", tenantId: randomUUID(), organizationId, refreshTokenId: randomUUID(), tokenId: randomUUID(), expiresAt: new Date(Date.now() + 3_600_000), memberId: null, session: false, permissions: new Set(), accountIds, integrationPointId: null };
}

function audience(accountIds: string[] | null, integrationId: string | null = null) {
  const seen = { revoked: 0, overflowed: 0, looked: 0 };
  const subscriber: Audience = {
    viewer: viewer(accountIds),
    integrationId,
    matches: (event) => {
      seen.looked++;
      return integrationId === null || event.integrationId === integrationId;
    },
    onRevoked: () => seen.revoked++,
    onOverflow: () => seen.overflowed++,
  };
  return { subscriber, seen };
}

function change(accountId: string, organization = organizationId, integrationId = randomUUID()): StatusChange {
  return { tenantId: randomUUID(), organizationId: organization, accountId, integrationId, health: "HEALTHY", previousHealth: null, requests: 1, failures: 0, lastSuccessAt: null, lastErrorAt: null, lastError: null, time: new Date() };
}

function liveness(revoked: Set<string>): TokenLiveness & { checks: number } {
  const state = {
    checks: 0,
    async isLive(refreshTokenId: string) {
      state.checks++;
      return !revoked.has(refreshTokenId);
    },
    invalidate() {},
    forget() {},
  };
  return state;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("the fan-out", () => {
  it("gives each subscription only the events its token reaches, checking each token once per event", async () => {
    const bus = createEventBus();
    const tokens = liveness(new Set());
    const fanOut = createFanOut(bus, tokens);
    const everything = audience(null);
    const onlyA = audience([accountA]);
    const streams = [fanOut.open("status-changed", everything.subscriber), fanOut.open("status-changed", everything.subscriber), fanOut.open("status-changed", onlyA.subscriber)];
    await tick();
    const forA = change(accountA);
    bus.publish("status-changed", organizationId, forA);
    bus.publish("status-changed", organizationId, change(accountB));
    bus.publish("status-changed", randomUUID(), change(accountA));
    await tick();
    expect(tokens.checks).toBe(3); // two tokens for the first event, one for the second, none for another organization
    expect((await streams[0]!.next()).value).toBe(forA);
    expect((await streams[1]!.next()).value).toBe(forA);
    expect((await streams[2]!.next()).value).toBe(forA);
    expect((await streams[0]!.next()).value.accountId).toBe(accountB);
    await Promise.all(streams.map((stream) => stream.return?.()));
    expect(fanOut.size()).toBe(0);
  });

  it("gives a subscription filed under one integration that integration's events only, beside the organization-wide ones", async () => {
    const bus = createEventBus();
    const tokens = liveness(new Set());
    const fanOut = createFanOut(bus, tokens);
    const [first, second] = [randomUUID(), randomUUID()];
    const everything = audience(null);
    const watchingFirst = audience(null, first);
    const watchingSecond = audience(null, second);
    const streams = [fanOut.open("status-changed", everything.subscriber), fanOut.open("status-changed", watchingFirst.subscriber), fanOut.open("status-changed", watchingSecond.subscriber)];
    await tick();
    bus.publish("status-changed", organizationId, change(accountA, organizationId, first));
    bus.publish("status-changed", organizationId, change(accountA, organizationId, randomUUID()));
    await tick();
    expect(tokens.checks).toBe(3); // the organization-wide token and the first integration's watcher, then the organization-wide one alone
    expect(watchingSecond.seen.looked).toBe(0); // not even looked at for another integration's events
    expect((await streams[0]!.next()).value.integrationId).toBe(first);
    expect((await streams[1]!.next()).value.integrationId).toBe(first);
    await streams[1]!.return?.();
    bus.publish("status-changed", organizationId, change(accountB, organizationId, second));
    await tick();
    expect((await streams[2]!.next()).value.integrationId).toBe(second);
    expect(fanOut.size()).toBe(2);
    await Promise.all(streams.map((stream) => stream.return?.()));
    expect(fanOut.size()).toBe(0);
  });

  it("tells the audience of a revoked token instead of delivering to it", async () => {
    const bus = createEventBus();
    const revoked = new Set<string>();
    const fanOut = createFanOut(bus, liveness(revoked));
    const { subscriber, seen } = audience(null);
    const stream = fanOut.open("status-changed", subscriber);
    await tick();
    revoked.add(subscriber.viewer.refreshTokenId);
    bus.publish("status-changed", organizationId, change(accountA));
    await tick();
    expect(seen.revoked).toBe(1);
    await stream.return?.();
  });

  it("cuts off a subscription that leaves more than the allowed events unread", async () => {
    const bus = createEventBus();
    const fanOut = createFanOut(bus, liveness(new Set()));
    const { subscriber, seen } = audience(null);
    const stream = fanOut.open("status-changed", subscriber);
    await tick();
    for (let i = 0; i < maxQueuedEvents; i++) bus.publish("status-changed", organizationId, change(accountA));
    await tick();
    expect(seen.overflowed).toBe(0);
    bus.publish("status-changed", organizationId, change(accountA));
    await tick();
    expect(seen.overflowed).toBe(1);
    await stream.return?.();
  });

  it("ends a waiting reader at once when it leaves", async () => {
    const fanOut = createFanOut(createEventBus(), liveness(new Set()));
    const stream = fanOut.open("status-changed", audience(null).subscriber);
    const waiting = stream.next();
    await stream.return?.();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(fanOut.size()).toBe(0);
  });
});
