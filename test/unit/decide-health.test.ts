import { describe, expect, it } from "vitest";
import { decideHealth } from "../../src/events/decide-health.ts";

const ok = true;
const fail = false;

describe("decideHealth", () => {
  it("is UNKNOWN without calls", () => expect(decideHealth([])).toBe("UNKNOWN"));
  it("is HEALTHY when every recent call succeeded", () => expect(decideHealth([ok, ok, ok])).toBe("HEALTHY"));
  it("is DEGRADED with an occasional failure", () => expect(decideHealth([ok, fail, ok, ok, ok])).toBe("DEGRADED"));
  it("is FAILING when the last three calls failed, even after a long good run", () =>
    expect(decideHealth([fail, fail, fail, ok, ok, ok, ok, ok, ok, ok])).toBe("FAILING"));
  it("is FAILING when half of the window failed", () => expect(decideHealth([ok, fail, ok, fail])).toBe("FAILING"));
  it("looks at the newest ten calls only", () => expect(decideHealth([...Array(10).fill(ok), fail, fail, fail])).toBe("HEALTHY"));
});
