import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createFairness } from "../../src/limits/fairness.ts";

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
