import { describe, expect, it } from "vitest";
import { breakerFor, breakers, callThrough, createBreakerRegistry, type CallOutcome } from "../../../providers/http/breaker.ts";
import { ProviderError } from "../../../providers/types.ts";

const down: CallOutcome<string> = { error: new ProviderError("PROVIDER_UNAVAILABLE", "provider is unavailable (HTTP 503)"), providerDown: true };
const refused: CallOutcome<string> = { error: new ProviderError("NOT_FOUND", "provider has no such object (HTTP 404)"), providerDown: false };
const up: CallOutcome<string> = { value: "up" };
const paused = () => new ProviderError("PROVIDER_UNAVAILABLE", "paused");

describe("the breaker registry", () => {
  it("gives each key one breaker", () => {
    const registry = createBreakerRegistry(10);
    expect(registry.get("a")).toBe(registry.get("a"));
    expect(registry.get("a")).not.toBe(registry.get("b"));
  });

  it("stays bounded, evicting the least recently used key", () => {
    const registry = createBreakerRegistry(2);
    const a = registry.get("a");
    const b = registry.get("b");
    registry.get("a");
    registry.get("c");
    expect(registry.size).toBe(2);
    expect(registry.get("a")).toBe(a);
    expect(registry.get("b")).not.toBe(b);
  });
});

describe("calls through a breaker", () => {
  it("opens after the threshold of consecutive calls the provider failed, each failure still reaching its caller", async () => {
    const breaker = createBreakerRegistry(2).get("k", { threshold: 2, halfOpenAfterMs: 60_000 });
    await expect(callThrough(breaker, async () => down, paused)).rejects.toBe(down.error);
    await expect(callThrough(breaker, async () => up, paused)).resolves.toBe("up");
    await callThrough(breaker, async () => down, paused).catch(() => undefined);
    await callThrough(breaker, async () => down, paused).catch(() => undefined);
    let made = false;
    await expect(callThrough(breaker, async () => ((made = true), up), paused)).rejects.toThrow("paused");
    expect(made).toBe(false);
  });

  it("counts a refusal for the caller's mistake as the provider working", async () => {
    const breaker = createBreakerRegistry(2).get("k", { threshold: 2, halfOpenAfterMs: 60_000 });
    for (const outcome of [down, refused, down, refused, down]) await callThrough(breaker, async () => outcome, paused).catch(() => undefined);
    await expect(callThrough(breaker, async () => up, paused)).resolves.toBe("up");
  });

  it("has no breaker without a key: every call is made, and nothing is registered", async () => {
    const before = breakers.size;
    for (let call = 0; call < 20; call++) {
      let made = false;
      await expect(callThrough(breakerFor(null), async () => ((made = true), down), paused)).rejects.toBe(down.error);
      expect(made).toBe(true);
    }
    expect(breakers.size).toBe(before);
  });
});
