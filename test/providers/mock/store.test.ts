/** The per-integration store: one state per key, seeded once, the least recently used dropped at the limit. */
import { describe, expect, it } from "vitest";
import { createIntegrationStore } from "../../../providers/mock/store.ts";

describe("createIntegrationStore", () => {
  it("seeds each integration once and keeps integrations apart", () => {
    let seeded = 0;
    const stateOf = createIntegrationStore(() => ({ serial: ++seeded, items: [] as string[] }));
    stateOf("a").items.push("x");
    expect(stateOf("a")).toEqual({ serial: 1, items: ["x"] });
    expect(stateOf("b")).toEqual({ serial: 2, items: [] });
    expect(seeded).toBe(2);
  });

  it("drops the state used longest ago when a new integration would exceed the limit", () => {
    let seeded = 0;
    const stateOf = createIntegrationStore(() => ({ serial: ++seeded }), 2);
    stateOf("a");
    stateOf("b");
    stateOf("a"); // a is now the most recently used
    stateOf("c"); // evicts b
    expect(stateOf("a").serial).toBe(1);
    expect(stateOf("c").serial).toBe(3);
    expect(stateOf("b").serial).toBe(4);
  });

  it("gives a configuration being verified a fresh state and keeps none, so verifying evicts nothing", () => {
    let seeded = 0;
    const stateOf = createIntegrationStore(() => ({ serial: ++seeded }), 1);
    stateOf("a");
    expect(stateOf(null).serial).toBe(2);
    expect(stateOf(null).serial).toBe(3);
    expect(stateOf("a").serial).toBe(1);
  });
});
