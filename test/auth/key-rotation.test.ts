import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logon } from "../helpers/flows.ts";
import { cleanupDataDirs, freshDataDir, runCli } from "../helpers/cli.ts";
import { seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { accepted, managementProbe, unauthenticated } from "../helpers/probes.ts";
import { claimsOf, newSigningKey, type SigningKey } from "../helpers/tokens.ts";
import { decodeProtectedHeader } from "jose";

const line = (keys: SigningKey[]) => keys.map((key) => `${key.id}:${Buffer.from(key.secret).toString("base64url")}`).join(",");
const kidOf = (token: string) => decodeProtectedHeader(token).kid;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `probe` every 100 ms for at most 5 s until it returns `expected`. */
async function eventually<T>(probe: () => Promise<T>, expected: T): Promise<T> {
  let last = await probe();
  for (let attempt = 0; attempt < 50 && JSON.stringify(last) !== JSON.stringify(expected); attempt++) {
    await sleep(100);
    last = await probe();
  }
  expect(last).toEqual(expected);
  return last;
}

describe("signing keys rotate without a restart", () => {
  const folder = freshDataDir();
  const keyFile = join(folder, "signing-keys");
  const [key1, key2] = [newSigningKey("key-1"), newSigningKey("key-2")];
  let gateway: TestGateway;
  let tenant: SeededTenant;

  beforeAll(async () => {
    writeFileSync(keyFile, line([key1]));
    gateway = await startGateway({ SWITCHYARD_SIGNING_KEYS_FILE: keyFile, SWITCHYARD_KEYS_RELOAD_SECONDS: "1" });
    tenant = await seedTenant(gateway);
  });
  afterAll(async () => {
    await gateway.stop();
    cleanupDataDirs();
  });

  it("signs with a newly listed first key, still accepts the old key's tokens, and refuses them once the old key is retired", async () => {
    const old = (await logon(gateway, tenant)).accessToken;
    expect(kidOf(old)).toBe("key-1");

    writeFileSync(keyFile, line([key2, key1]));
    await eventually(async () => kidOf((await logon(gateway, tenant)).accessToken), "key-2");
    const fresh = (await logon(gateway, tenant)).accessToken;
    expect(claimsOf(fresh).sub).toBe(claimsOf(old).sub);
    expect(await managementProbe(gateway, old)).toEqual(accepted);
    expect(await managementProbe(gateway, fresh)).toEqual(accepted);

    writeFileSync(keyFile, line([key2]));
    await eventually(() => managementProbe(gateway, old), unauthenticated);
    expect(await managementProbe(gateway, fresh)).toEqual(accepted);
  });

  it("keeps the current keys when the file is broken", async () => {
    const token = (await logon(gateway, tenant)).accessToken;
    writeFileSync(keyFile, "not a key list");
    await sleep(1_300);
    expect(await managementProbe(gateway, token)).toEqual(accepted);
    expect(kidOf((await logon(gateway, tenant)).accessToken)).toBe("key-2");
    writeFileSync(keyFile, line([key2]));
  });
});

describe("SIGHUP reloads keys", () => {
  it("picks up a new first key on SIGHUP when polling is off", async () => {
    const keyFile = join(freshDataDir(), "signing-keys");
    const [key1, key2] = [newSigningKey("hup-1"), newSigningKey("hup-2")];
    writeFileSync(keyFile, line([key1]));
    const gateway = await startGateway({ SWITCHYARD_SIGNING_KEYS_FILE: keyFile, SWITCHYARD_KEYS_RELOAD_SECONDS: "0" });
    try {
      const tenant = await seedTenant(gateway);
      writeFileSync(keyFile, line([key2, key1]));
      expect(kidOf((await logon(gateway, tenant)).accessToken)).toBe("hup-1");
      process.kill(process.pid, "SIGHUP");
      await eventually(async () => kidOf((await logon(gateway, tenant)).accessToken), "hup-2");
    } finally {
      await gateway.stop();
      cleanupDataDirs();
    }
  });
});

describe("switchyard keys rotate", () => {
  it("adds a fresh primary key to the embedded keys.json, and --retire drops all but the new and previous signing keys", async () => {
    const dataDir = freshDataDir();
    const stored = () => JSON.parse(readFileSync(join(dataDir, "keys.json"), "utf8")) as Record<"signing" | "encryption", { id: string }[]>;
    const env = { SWITCHYARD_DATA_DIR: dataDir };
    expect((await runCli(["keys", "rotate"], env)).code).toBe(0);
    const first = stored();
    expect(first.signing).toHaveLength(2);
    expect(first.encryption).toHaveLength(2);

    const retired = await runCli(["keys", "rotate", "--retire"], env);
    expect(retired.code).toBe(0);
    const second = stored();
    expect(second.signing.map((key) => key.id).slice(1)).toEqual([first.signing[0]?.id]);
    expect(second.encryption).toHaveLength(3);
    expect(retired.stdout).toContain(second.signing[0]?.id);
    cleanupDataDirs();
  }, 60_000);
});
