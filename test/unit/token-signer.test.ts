/** The signer remembers verified tokens; these check that remembering never outlives what verification would allow. */
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTokenSigner } from "../../src/auth/jwt.ts";
import type { KeyMaterial } from "../../src/config.ts";

const claims = () => ({ layer: "connector" as const, sub: "integration", tid: randomUUID(), org: randomUUID(), rtid: randomUUID(), acct: randomUUID(), int: randomUUID() });

afterEach(() => vi.useRealTimers());

describe("a verified token", () => {
  it("is refused once it expires, although it verified before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const signer = createTokenSigner([{ id: "k1", secret: randomBytes(32) }], "switchyard-test");
    const { token } = await signer.sign(claims(), 60);
    await expect(signer.verify(token)).resolves.toMatchObject({ layer: "connector" });
    vi.setSystemTime(Date.now() + 60_000 + 29_000);
    await expect(signer.verify(token)).resolves.toMatchObject({ layer: "connector" });
    vi.setSystemTime(Date.now() + 2_000);
    await expect(signer.verify(token)).rejects.toThrow("token expired");
  });

  it("is refused once its key leaves the ring, or the key id is given another secret", async () => {
    const keys: KeyMaterial = [{ id: "k1", secret: randomBytes(32) }];
    const signer = createTokenSigner(keys, "switchyard-test");
    const { token } = await signer.sign(claims(), 600);
    await signer.verify(token);
    keys.splice(0, 1, { id: "k2", secret: randomBytes(32) });
    await expect(signer.verify(token)).rejects.toThrow("unknown signing key");
    keys.splice(0, 1, { id: "k1", secret: randomBytes(32) });
    await expect(signer.verify(token)).rejects.toThrow("token not accepted");
  });

  it("is not confused with the same token altered by one character", async () => {
    const signer = createTokenSigner([{ id: "k1", secret: randomBytes(32) }], "switchyard-test");
    const { token } = await signer.sign(claims(), 600);
    await signer.verify(token);
    const last = token.at(-2) === "A" ? "B" : "A";
    await expect(signer.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`)).rejects.toThrow();
  });

  it("is recognized by the signer that signed or verified it, and by no other", async () => {
    const keys: KeyMaterial = [{ id: "k1", secret: randomBytes(32) }];
    const signing = createTokenSigner(keys, "switchyard-test");
    const other = createTokenSigner(keys, "switchyard-test");
    const { token } = await signing.sign(claims(), 600);
    expect(signing.recognize(token)).toMatchObject({ layer: "connector", iss: "switchyard-test", aud: "switchyard:connector" });
    expect(other.recognize(token)).toBeUndefined();
    await other.verify(token);
    expect(other.recognize(token)?.jti).toBe(signing.recognize(token)?.jti);
    const last = token.at(-2) === "A" ? "B" : "A";
    expect(signing.recognize(`${token.slice(0, -2)}${last}${token.at(-1)}`)).toBeUndefined();
  });
});
