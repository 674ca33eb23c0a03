/**
 * Loads the gateway's secret keys: JWT signing keys and credential encryption keys. Keys come from
 * config; without it, the embedded mode keeps them in `<data dir>/keys.json` (created on first
 * start, readable by the owner only), and an in-memory database gets fresh random keys.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config, KeyMaterial } from "../config.ts";

export interface KeyRing {
  /** The first key signs/encrypts; every key verifies/decrypts (rotation). */
  signing: KeyMaterial;
  encryption: KeyMaterial;
}

export function generateKey(prefix: string): { id: string; secret: Buffer } {
  return { id: `${prefix}-${randomBytes(4).toString("hex")}`, secret: randomBytes(32) };
}

export function formatKeys(keys: KeyMaterial): string {
  return keys.map((key) => `${key.id}:${key.secret.toString("base64url")}`).join(",");
}

function parseKeys(value: unknown): KeyMaterial {
  if (!Array.isArray(value)) throw new Error("keys.json is damaged: expected arrays of keys");
  return value.map((entry: { id: string; secret: string }) => ({ id: entry.id, secret: Buffer.from(entry.secret, "base64url") }));
}

export function loadKeyRing(config: Pick<Config, "signingKeys" | "encryptionKeys" | "database">): KeyRing {
  if (config.signingKeys && config.encryptionKeys) {
    return { signing: config.signingKeys, encryption: config.encryptionKeys };
  }
  const dataDir = config.database.kind === "pglite" ? config.database.dataDir : null;
  if (!dataDir) {
    return {
      signing: config.signingKeys ?? [generateKey("sig")],
      encryption: config.encryptionKeys ?? [generateKey("enc")],
    };
  }
  const file = join(dataDir, "keys.json");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const fresh = { signing: [generateKey("sig")], encryption: [generateKey("enc")] };
    const serialise = (keys: KeyMaterial) => keys.map((key) => ({ id: key.id, secret: key.secret.toString("base64url") }));
    writeFileSync(file, JSON.stringify({ signing: serialise(fresh.signing), encryption: serialise(fresh.encryption) }, null, 2), {
      mode: 0o600,
      flag: "wx",
    });
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as { signing: unknown; encryption: unknown };
  return {
    signing: config.signingKeys ?? parseKeys(stored.signing),
    encryption: config.encryptionKeys ?? parseKeys(stored.encryption),
  };
}
