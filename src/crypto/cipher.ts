/**
 * Credential encryption at rest: AES-256-GCM under a named key, with the owning row bound as
 * associated data, so a ciphertext copied onto another row (or another tenant) fails to decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyMaterial } from "../config.ts";

export interface Sealed {
  keyId: string;
  /** iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext */
  ciphertext: Buffer;
}

export interface Cipher {
  seal(plaintext: string, associatedData: string): Sealed;
  open(sealed: Sealed, associatedData: string): string;
}

export class DecryptionError extends Error {
  override readonly name = "DecryptionError";
}

export function createCipher(keys: KeyMaterial): Cipher {
  if (keys.length === 0) throw new Error("at least one encryption key is required");
  // Keys are looked up on every call: the key store replaces them in place when keys rotate.
  return {
    seal(plaintext, associatedData) {
      const [active] = keys;
      if (!active) throw new Error("no encryption key configured");
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", active.secret.subarray(0, 32), iv);
      cipher.setAAD(Buffer.from(associatedData, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return { keyId: active.id, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]) };
    },
    open(sealed, associatedData) {
      const key = keys.find((candidate) => candidate.id === sealed.keyId)?.secret.subarray(0, 32);
      if (!key) throw new DecryptionError(`encryption key ${sealed.keyId} is not configured`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, sealed.ciphertext.subarray(0, 12));
        decipher.setAAD(Buffer.from(associatedData, "utf8"));
        decipher.setAuthTag(sealed.ciphertext.subarray(12, 28));
        return Buffer.concat([decipher.update(sealed.ciphertext.subarray(28)), decipher.final()]).toString("utf8");
      } catch {
        throw new DecryptionError("credential does not decrypt for this owner");
      }
    },
  };
}
