import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createFairness, createRecentOrganizations } from "../../src/limits/fairness.ts";

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const fairnessWith = (env: Record<string, string>) => createFairness(loadConfig({ SWITCHYARD_DATA_DIR: "/tmp/unused", ...env }).fairness);

describe("per-organization management request lanes", () => {
  it("runs at most the cap of one organization's requests at once and refuses the overflow with 429", async () => {
    const fairness = fairnessWith({ SWITCHYARD_REQUEST_CONCURRENCY_ORG: "2", SWITCHYARD_REQUEST_QUEUE_WAIT_MS: "0" });
    const held = gate();
    const running = [fairness.managementRequest("org-a", () => held.promise), fairness.managementRequest("org-a", () => held.promise)];
    await expect(fairness.managementRequest("org-a", async () => "third")).rejects.toMatchObject({
      extensions: { code: "RATE_LIMITED", retryAfterSeconds: 1, http: { status: 429, headers: { "Retry-After": "1" } } },
    });
    // Another organization's lane is its own.
    expect(await fairness.managementRequest("org-b", async () => "b")).toBe("b");
    held.open();
    await Promise.all(running);
    expect(await fairness.managementRequest("org-a", async () => "after")).toBe("after");
  });

  it("lets a request wait in its organization's line, in order, while a slot frees", async () => {
    const fairness = fairnessWith({ SWITCHYARD_REQUEST_CONCURRENCY_ORG: "1", SWITCHYARD_REQUEST_QUEUE_WAIT_MS: "5000" });
    const held = gate();
    const order: string[] = [];
    const first = fairness.managementRequest("org-a", async () => {
      await held.promise;
      order.push("first");
    });
    const second = fairness.managementRequest("org-a", async () => void order.push("second"));
    const third = fairness.managementRequest("org-a", async () => void order.push("third"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    held.open();
    await Promise.all([first, second, third]);
    expect(order).toEqual(["first", "second", "third"]);
  });

  it("frees the slot of a request that failed", async () => {
    const fairness = fairnessWith({ SWITCHYARD_REQUEST_CONCURRENCY_ORG: "1", SWITCHYARD_REQUEST_QUEUE_WAIT_MS: "0" });
    await expect(fairness.managementRequest("org-a", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await fairness.managementRequest("org-a", async () => "ok")).toBe("ok");
  });

  it("refuses early, before the token is verified, only once the claimed organization's lane and line are full", async () => {
    const fairness = fairnessWith({ SWITCHYARD_REQUEST_CONCURRENCY_ORG: "1", SWITCHYARD_REQUEST_QUEUE_WAIT_MS: "5000" });
    const held = gate();
    const early = (org: string, int?: string) => fairness.alreadyExhausted({ org, int }, "127.0.0.1");
    const running = [fairness.managementRequest("org-a", () => held.promise)];
    // One running and a line of four may still wait: not yet refused.
    for (let waiting = 0; waiting < 4; waiting++) {
      expect(early("org-a")).toEqual({ allowed: true });
      running.push(fairness.managementRequest("org-a", async () => undefined));
    }
    expect(early("org-a")).toEqual({ allowed: false, retryAfterSeconds: 1, what: "concurrent requests" });
    expect(early("org-b")).toEqual({ allowed: true });
    // Integration tokens are held to their connector-call caps, not to this lane.
    expect(early("org-a", "int-1")).toEqual({ allowed: true });
    held.open();
    await Promise.all(running);
    expect(early("org-a")).toEqual({ allowed: true });
  });
});

describe("request lanes shared between organizations", () => {
  it("give an organization its full cap while it is alone, and one slot once another is present", async () => {
    const fairness = fairnessWith({ SWITCHYARD_REQUEST_CONCURRENCY_ORG: "3", SWITCHYARD_REQUEST_QUEUE_WAIT_MS: "5000" });
    const held = gate();
    const started: string[] = [];
    const request = (org: string, name: string) =>
      fairness.managementRequest(org, async () => {
        started.push(name);
        await held.promise;
      });
    const alone = [request("org-a", "a1"), request("org-a", "a2")];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual(["a1", "a2"]);

    // Org B arrives: it gets a slot at once, and org A may not start another while it is present.
    const b = request("org-b", "b1");
    const a3 = request("org-a", "a3");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual(["a1", "a2", "b1"]);
    held.open();
    await Promise.all([...alone, b, a3]);
    expect(started).toEqual(["a1", "a2", "b1", "a3"]);
  });

  it("keep the configured line while the cap is shared", async () => {
    const fairness = fairnessWith({ SWITCHYARD_REQUEST_CONCURRENCY_ORG: "2", SWITCHYARD_REQUEST_QUEUE_WAIT_MS: "5000" });
    const held = gate();
    await fairness.managementRequest("org-b", async () => undefined);
    const running = [fairness.managementRequest("org-a", () => held.promise)];
    // One running under the shared cap, and the line of the configured cap (2 × 4) may wait.
    for (let waiting = 0; waiting < 8; waiting++) {
      expect(fairness.alreadyExhausted({ org: "org-a" }, "127.0.0.1")).toEqual({ allowed: true });
      running.push(fairness.managementRequest("org-a", () => held.promise));
    }
    expect(fairness.alreadyExhausted({ org: "org-a" }, "127.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 1, what: "concurrent requests" });
    held.open();
    await Promise.all(running);
  });
});

describe("recent organizations", () => {
  it("count an organization as present for one to two windows after its last request", () => {
    let now = 0;
    const present = createRecentOrganizations(1_000, () => now);
    expect(present.arrive("org-a")).toBe(false);
    expect(present.arrive("org-a")).toBe(false);
    now = 500;
    expect(present.arrive("org-b")).toBe(true);
    expect(present.othersThan("org-a")).toBe(true);
    now = 1_900;
    expect(present.othersThan("org-a")).toBe(true);
    now = 2_000;
    expect(present.othersThan("org-a")).toBe(false);
    expect(present.othersThan("org-c")).toBe(false);
    // A gap of more than a window forgets both windows.
    expect(present.arrive("org-b")).toBe(false);
    now = 10_000;
    expect(present.othersThan("org-a")).toBe(false);
  });
});
