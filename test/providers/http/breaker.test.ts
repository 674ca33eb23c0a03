import { describe, expect, it } from "vitest";
import { createBreakerRegistry } from "../../../providers/http/breaker.ts";

const never = () => false;

describe("the breaker registry", () => {
  it("gives each key one breaker", () => {
    const registry = createBreakerRegistry(10);
    expect(registry.get("a", never)).toBe(registry.get("a", never));
    expect(registry.get("a", never)).not.toBe(registry.get("b", never));
  });

  it("stays bounded, evicting the least recently used key", () => {
    const registry = createBreakerRegistry(2);
    const a = registry.get("a", never);
    const b = registry.get("b", never);
    registry.get("a", never);
    registry.get("c", never);
    expect(registry.size).toBe(2);
    expect(registry.get("a", never)).toBe(a);
    expect(registry.get("b", never)).not.toBe(b);
  });

  it("opens after the threshold of consecutive failing results, which still reach the caller", async () => {
    const registry = createBreakerRegistry(2);
    const breaker = registry.get("k", (result) => result === "down", { threshold: 2, halfOpenAfterMs: 60_000 });
    await expect(breaker.execute(() => "down")).resolves.toBe("down");
    await expect(breaker.execute(() => "up")).resolves.toBe("up");
    await breaker.execute(() => "down");
    await breaker.execute(() => "down");
    await expect(breaker.execute(() => "up")).rejects.toThrow(/open/i);
  });
});
