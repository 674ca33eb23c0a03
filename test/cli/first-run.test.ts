/** The `switchyard` command as an operator runs it: migrate, tenant create, serve and stop, and refusals of bad input. */
import { afterAll, describe, expect, it } from "vitest";
import { LogonMutation } from "../helpers/flows.ts";
import { gql } from "../helpers/gateway.ts";
import { cleanupDataDirs, finished, freshDataDir, runCli, stackFrame, startCli, waitForLine } from "../helpers/cli.ts";
import { migratedDataDir, removeDataDir } from "../helpers/template-gateway.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const slow = 90_000;
const admin = { email: "ops@first-run.test", password: "a-long-enough-password" };
const migratedFolders: string[] = [];

const tenantCreate = (name: string, password: string) => ["tenant", "create", "--name", name, "--admin-email", admin.email, "--admin-password", password, "--json"];

/** A fresh folder already holding a migrated database, so a step that is not about migrating skips it. */
async function migratedFolder() {
  const folder = await migratedDataDir();
  migratedFolders.push(folder);
  return { SWITCHYARD_DATA_DIR: folder };
}

afterAll(() => {
  cleanupDataDirs();
  migratedFolders.forEach(removeDataDir);
});

// Each spawn costs seconds and mostly waits on its child process, so the tests run side by side, each on its own folder.
describe("the switchyard command", () => {
  it("migrate applies the migrations to an empty folder, then finds it up to date", { timeout: slow }, async () => {
    const env = { SWITCHYARD_DATA_DIR: freshDataDir() };
    const first = await runCli(["migrate"], env);
    expect(first).toMatchObject({ code: 0, stderr: "", stdout: expect.stringMatching(/^Applied: /) });
    const second = await runCli(["migrate"], env);
    expect(second).toMatchObject({ code: 0, stdout: "Database is up to date.\n" });
  });

  it("tenant create prints the new ids as JSON, and serve lets that administrator log on until SIGTERM", { timeout: slow }, async () => {
    const env = await migratedFolder();
    const created = await runCli(tenantCreate("first-run", admin.password), env);
    expect(created, "tenant create").toMatchObject({ code: 0, stderr: "" });
    const ids = JSON.parse(created.stdout) as Record<string, string>;
    expect(ids).toMatchObject({ tenantId: expect.stringMatching(uuid), organizationId: expect.stringMatching(uuid), memberId: expect.stringMatching(uuid) });
    const organizationId = ids.organizationId ?? "";

    const server = startCli(["serve"], { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" });
    const exited = finished(server);
    try {
      const url = await waitForLine(server, /listening on (http:\/\/127\.0\.0\.1:\d+)\/graphql/, 60_000);

      const refused = await gql({ url }, LogonMutation, { variables: { input: { organizationId, email: admin.email, password: "not-the-password" } } });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const logon = await gql({ url }, LogonMutation, { variables: { input: { organizationId, ...admin } } });
      expect(logon.body.errors).toBeUndefined();
      expect(logon.body.data?.logon.tokens.accessToken).toBeTruthy();

      const stopping = Date.now();
      server.kill("SIGTERM");
      const result = await exited;
      expect({ code: result.code, signal: result.signal }, "exit after SIGTERM").toEqual({ code: 0, signal: null });
      expect(Date.now() - stopping).toBeLessThan(5_000);
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
    }
  });

  it.each([
    ["a password shorter than 12 characters", tenantCreate("acme", "short"), "adminPassword"],
    ["a name that is not a slug", tenantCreate("Not A Slug", admin.password), "name"],
  ])("tenant create refuses %s with a message naming the field and no stack trace", { timeout: slow }, async (_label, args, field) => {
    const result = await runCli(args, await migratedFolder());
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(field);
    expect(result.stderr).not.toMatch(stackFrame);
  });

  it("refuses a bad environment variable with a message naming it and no stack trace", { timeout: slow }, async () => {
    const result = await runCli(["serve"], { SWITCHYARD_DATA_DIR: freshDataDir(), PORT: "abc" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).not.toMatch(stackFrame);
  });
});
