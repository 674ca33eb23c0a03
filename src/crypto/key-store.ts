/**
 * Loads the gateway's secret keys: JWT signing keys and credential encryption keys. Keys come from
 * key files, config, or — in the embedded mode — `<data dir>/keys.json` (created on first start,
 * readable by the owner only); an in-memory database gets fresh random keys.
 * Key files are re-read on SIGHUP and every few seconds, so keys rotate without a restart.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import { keyList, type Config, type KeyMaterial } from "../config.ts";

export interface KeyRing {
  /** The first key signs/encrypts; every key verifies/decrypts (rotation). Updated in place on reload. */
  signing: KeyMaterial;
  encryption: KeyMaterial;
}

type KeyConfig = Pick<Config, "signingKeys" | "encryptionKeys" | "database"> & Partial<Pick<Config, "keyFiles">>;

export function generateKey(prefix: string): { id: string; secret: Buffer } {
  return { id: `${prefix}-${randomBytes(4).toString("hex")}`, secret: randomBytes(32) };
}

export function formatKeys(keys: KeyMaterial): string {
  return keys.map((key) => `${key.id}:${key.secret.toString("base64url")}`).join(",");
}

function parseKeys(value: unknown): KeyMaterial {
  if (!Array.isArray(value) || value.length === 0) throw new Error("keys.json is damaged: expected non-empty arrays of keys");
  return value.map((entry: { id: string; secret: string }) => ({ id: entry.id, secret: Buffer.from(entry.secret, "base64url") }));
}

const serialise = (keys: KeyMaterial) => keys.map((key) => ({ id: key.id, secret: key.secret.toString("base64url") }));

/** Reads a key file holding the same `<id>:<base64url secret>,…` list as the environment variable. */
function readKeyFile(path: string): KeyMaterial {
  const parsed = keyList.safeParse(readFileSync(path, "utf8").trim());
  if (!parsed.success || !parsed.data) throw new Error(`${path}: expected a comma-separated list of <key-id>:<base64url secret of at least 32 bytes>`);
  return parsed.data;
}

/** The embedded mode's key file, or null when keys come from elsewhere. */
export function embeddedKeyFile(config: KeyConfig): string | null {
  const fromFiles = config.keyFiles?.signing && config.keyFiles.encryption;
  if ((config.signingKeys && config.encryptionKeys) || fromFiles) return null;
  return config.database.kind === "pglite" && config.database.dataDir ? join(config.database.dataDir, "keys.json") : null;
}

function readEmbedded(file: string): KeyRing {
  if (!existsSync(file)) {
    mkdirSync(join(file, ".."), { recursive: true });
    const fresh = { signing: [generateKey("sig")], encryption: [generateKey("enc")] };
    writeFileSync(file, JSON.stringify({ signing: serialise(fresh.signing), encryption: serialise(fresh.encryption) }, null, 2), { mode: 0o600, flag: "wx" });
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as { signing: unknown; encryption: unknown };
  return { signing: parseKeys(stored.signing), encryption: parseKeys(stored.encryption) };
}

export function loadKeyRing(config: KeyConfig): KeyRing {
  const embedded = embeddedKeyFile(config);
  const stored = embedded ? readEmbedded(embedded) : null;
  const pick = (kind: keyof KeyRing, file: string | null | undefined, fromEnv: KeyMaterial | null, prefix: string) =>
    file ? readKeyFile(file) : (fromEnv ?? stored?.[kind] ?? [generateKey(prefix)]);
  return {
    signing: pick("signing", config.keyFiles?.signing, config.signingKeys, "sig"),
    encryption: pick("encryption", config.keyFiles?.encryption, config.encryptionKeys, "enc"),
  };
}

/** Adds a fresh primary key of each kind to the embedded key file; `retire` keeps only the new and the previous primary. */
export function rotateEmbeddedKeys(dataDir: string, options: { retire?: boolean } = {}): KeyRing {
  const file = join(dataDir, "keys.json");
  const current = readEmbedded(file);
  const next = {
    signing: [generateKey("sig"), ...current.signing].slice(0, options.retire ? 2 : undefined),
    encryption: [generateKey("enc"), ...current.encryption],
  };
  writeFileSync(file, JSON.stringify({ signing: serialise(next.signing), encryption: serialise(next.encryption) }, null, 2), { mode: 0o600 });
  return next;
}

const sameKeys = (a: KeyMaterial, b: KeyMaterial) => a.length === b.length && a.every((key, index) => key.id === b[index]?.id && key.secret.equals(b[index].secret));

/**
 * Re-reads the key files on SIGHUP and every `intervalSeconds` (0: SIGHUP only), replacing the
 * ring's keys in place so the signer and cipher use them at once. A broken file keeps the old keys.
 */
export function watchKeyRing(ring: KeyRing, config: KeyConfig, log: Logger, intervalSeconds: number): { stop(): void } {
  const watched = Boolean(config.keyFiles?.signing || config.keyFiles?.encryption || embeddedKeyFile(config));
  if (!watched) return { stop() {} };
  const reload = () => {
    try {
      const next = loadKeyRing(config);
      for (const kind of ["signing", "encryption"] as const) {
        if (sameKeys(ring[kind], next[kind])) continue;
        ring[kind].splice(0, ring[kind].length, ...next[kind]);
        log.info({ kind, keyIds: next[kind].map((key) => key.id) }, "keys reloaded");
      }
    } catch (error) {
      log.error({ err: error }, "could not reload keys; keeping the current ones");
    }
  };
  const timer = intervalSeconds > 0 ? setInterval(reload, intervalSeconds * 1000) : null;
  timer?.unref();
  process.on("SIGHUP", reload);
  return {
    stop() {
      if (timer) clearInterval(timer);
      process.off("SIGHUP", reload);
    },
  };
}
