import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StatusChange } from "../../src/events/bus.ts";
import { createChangeThrottle } from "../../src/events/change-throttle.ts";

const change = (integrationId: string, requests: number, health: StatusChange["health"] = "HEALTHY"): StatusChange => ({
  tenantId: "t",
  organizationId: "o",
  accountId: "a",
  integrationId,
  health,
  previousHealth: "HEALTHY",
  requests,
  failures: 0,
  lastSuccessAt: null,
  lastErrorAt: null,
  lastError: null,
  time: new Date(0),
});

describe("the status change throttle", () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => void vi.useRealTimers());

  function throttled() {
    const published: string[] = [];
    const throttle = createChangeThrottle((c) => published.push(`${c.integrationId}:${c.requests}:${c.health}`), 200);
    return { published, throttle };
  }

  it("publishes an integration's first change at once, and its counters at most every 200 ms, the newest winning", () => {
    const { published, throttle } = throttled();
    throttle.offer(change("x", 1));
    throttle.offer(change("x", 2));
    throttle.offer(change("x", 3));
    expect(published).toEqual(["x:1:HEALTHY"]);
    vi.advanceTimersByTime(199);
    expect(published).toEqual(["x:1:HEALTHY"]);
    vi.advanceTimersByTime(1);
    expect(published).toEqual(["x:1:HEALTHY", "x:3:HEALTHY"]);
    // Quiet for longer than the interval: the next change goes out at once.
    vi.advanceTimersByTime(500);
    throttle.offer(change("x", 4));
    expect(published).toEqual(["x:1:HEALTHY", "x:3:HEALTHY", "x:4:HEALTHY"]);
  });

  it("paces each integration on its own", () => {
    const { published, throttle } = throttled();
    throttle.offer(change("x", 1));
    throttle.offer(change("y", 1));
    throttle.offer(change("z", 1));
    expect(published).toEqual(["x:1:HEALTHY", "y:1:HEALTHY", "z:1:HEALTHY"]);
  });

  it("never holds back a change of health, and drops the counters-only change it supersedes", () => {
    const { published, throttle } = throttled();
    throttle.offer(change("x", 1));
    throttle.offer(change("x", 2));
    throttle.offer(change("x", 3, "DEGRADED"));
    expect(published).toEqual(["x:1:HEALTHY", "x:3:DEGRADED"]);
    vi.advanceTimersByTime(1_000);
    expect(published).toEqual(["x:1:HEALTHY", "x:3:DEGRADED"]);
  });

  it("publishes what is waiting when flushed, as on shutdown", () => {
    const { published, throttle } = throttled();
    throttle.offer(change("x", 1));
    throttle.offer(change("x", 2));
    throttle.flush();
    expect(published).toEqual(["x:1:HEALTHY", "x:2:HEALTHY"]);
    vi.advanceTimersByTime(1_000);
    expect(published).toHaveLength(2);
  });
});
