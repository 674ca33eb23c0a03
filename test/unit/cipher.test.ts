import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCipher, DecryptionError } from "../../src/crypto/cipher.ts";

const key = (id: string) => ({ id, secret: randomBytes(32) });

describe("credential cipher", () => {
  const [first, second] = [key("k1"), key("k2")];

  it("opens what it sealed for the same owner", () => {
    const cipher = createCipher([first]);
    const sealed = cipher.seal('{"token":"s3cret"}', "owner-a");
    expect(sealed.keyId).toBe("k1");
    expect(sealed.ciphertext.includes(Buffer.from("s3cret"))).toBe(false);
    expect(cipher.open(sealed, "owner-a")).toBe('{"token":"s3cret"}');
  });

  it("refuses a ciphertext moved to another owner", () => {
    const cipher = createCipher([first]);
    const sealed = cipher.seal("secret", "owner-a");
    expect(() => cipher.open(sealed, "owner-b")).toThrow(DecryptionError);
  });

  it("refuses a tampered ciphertext", () => {
    const cipher = createCipher([first]);
    const sealed = cipher.seal("secret", "owner-a");
    const last = sealed.ciphertext.length - 1;
    sealed.ciphertext.writeUInt8(sealed.ciphertext.readUInt8(last) ^ 1, last);
    expect(() => cipher.open(sealed, "owner-a")).toThrow(DecryptionError);
  });

  it("keeps opening old ciphertexts after a new key is put first (rotation)", () => {
    const sealedUnderOld = createCipher([first]).seal("secret", "owner-a");
    const rotated = createCipher([second, first]);
    expect(rotated.open(sealedUnderOld, "owner-a")).toBe("secret");
    expect(rotated.seal("x", "o").keyId).toBe("k2");
    expect(() => createCipher([second]).open(sealedUnderOld, "owner-a")).toThrow(/not configured/);
  });
});
