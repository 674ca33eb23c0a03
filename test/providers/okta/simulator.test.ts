/** The simulator's own wire fidelity, read raw: Link lines, rate-limit headers, status rules, System Log polling. */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids } from "../../fixtures/okta/index.ts";
import { type OktaSimulator, startOktaSimulator } from "../../simulators/okta/index.ts";

let sim: OktaSimulator;
beforeAll(async () => {
  sim = await startOktaSimulator();
});
afterAll(() => sim.close());

interface Raw {
  status: number;
  /** Header lines as sent, names lower-cased, repeats kept. */
  lines: [string, string][];
  body: unknown;
}

function call(method: string, path: string, authorization = `SSWS ${sim.credentials.apiToken}`): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${sim.url}${path}`, { method, headers: { authorization, accept: "application/json" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const lines: [string, string][] = [];
        for (let at = 0; at < response.rawHeaders.length; at += 2) lines.push([response.rawHeaders[at]!.toLowerCase(), response.rawHeaders[at + 1]!]);
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, lines, body: text === "" ? null : (JSON.parse(text) as unknown) });
      });
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const header = (raw: Raw, name: string) => raw.lines.filter(([line]) => line === name).map(([, value]) => value);
const q = (expression: string) => encodeURIComponent(expression);

describe("paging and headers", () => {
  it("sends self and next as two separate Link lines, and only self on the last page", async () => {
    const first = await call("GET", "/api/v1/users?limit=10");
    expect(header(first, "link")).toEqual([`<${sim.url}/api/v1/users?limit=10>; rel="self"`, expect.stringMatching(/^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/users\?limit=10&after=\w+>; rel="next"$/)]);
    const next = /^<([^>]+)>/.exec(header(first, "link")[1]!)![1]!;
    const last = await call("GET", next.slice(sim.url.length));
    expect(header(last, "link")).toHaveLength(1);
    expect((first.body as unknown[]).length + (last.body as unknown[]).length).toBe(12);
  });

  it("puts X-Rate-Limit-* on every answer, errors included, and never Retry-After", async () => {
    for (const raw of [await call("GET", "/api/v1/groups"), await call("GET", "/api/v1/users/nobody"), await call("GET", "/api/v1/users", "SSWS wrong")]) {
      expect(header(raw, "x-rate-limit-limit")).toHaveLength(1);
      expect(header(raw, "x-rate-limit-remaining")[0]).toMatch(/^\d+$/);
      expect(Number(header(raw, "x-rate-limit-reset")[0])).toBeGreaterThan(Date.now() / 1000 - 1);
      expect(header(raw, "retry-after")).toEqual([]);
      expect(header(raw, "content-type")).toEqual(["application/json"]);
    }
  });

  it("answers 429 E0000047 with the reset when a fault is injected", async () => {
    sim.inject({ kind: "rate-limit", resetInSeconds: 30 });
    const raw = await call("GET", "/api/v1/users");
    expect(raw.status).toBe(429);
    expect(raw.body).toMatchObject({ errorCode: "E0000047", errorLink: "E0000047", errorCauses: [] });
    expect(header(raw, "x-rate-limit-remaining")).toEqual(["0"]);
    expect(Number(header(raw, "x-rate-limit-reset")[0]) - Date.now() / 1000).toBeGreaterThan(28);
  });

  it("refuses a missing or unknown token with 401 E0000011", async () => {
    expect(await call("GET", "/api/v1/users", "")).toMatchObject({ status: 401, body: { errorCode: "E0000011", errorSummary: "Invalid token provided" } });
    expect(await call("GET", "/api/v1/users", `Bearer ${sim.credentials.apiToken}`)).toMatchObject({ status: 401 });
  });
});

describe("users", () => {
  it("omits DEPROVISIONED users from the plain list and q, and includes them with search or filter", async () => {
    const statuses = (raw: Raw) => (raw.body as { status: string }[]).map((user) => user.status);
    expect(statuses(await call("GET", "/api/v1/users"))).not.toContain("DEPROVISIONED");
    expect(statuses(await call("GET", "/api/v1/users?q=ju"))).toEqual([]);
    expect(statuses(await call("GET", `/api/v1/users?search=${q('status eq "DEPROVISIONED"')}`))).toEqual(["DEPROVISIONED"]);
    expect(statuses(await call("GET", `/api/v1/users?filter=${q('status eq "DEPROVISIONED"')}`))).toEqual(["DEPROVISIONED"]);
  });

  it("matches search values case-insensitively but filter values exactly, and refuses what filter cannot do", async () => {
    const count = async (query: string) => ((await call("GET", `/api/v1/users?${query}`)).body as unknown[]).length;
    expect(await count(`search=${q('profile.email eq "ALICE.SMITH@EXAMPLE.COM"')}`)).toBe(1);
    expect(await count(`filter=${q('profile.email eq "ALICE.SMITH@EXAMPLE.COM"')}`)).toBe(0);
    expect(await call("GET", `/api/v1/users?filter=${q('profile.email sw "alice"')}`)).toMatchObject({ status: 400, body: { errorCode: "E0000031" } });
    expect(await call("GET", `/api/v1/users?search=${q('status ne "ACTIVE"')}`)).toMatchObject({ status: 400 });
    expect(await count(`search=${q('(status lt "STAGED" or status gt "STAGED") and profile.department eq "Finance"')}`)).toBe(2);
  });

  it("resolves a user by id, login, short login or me, and answers 404 E0000007 otherwise", async () => {
    for (const ref of [ids.users.alice, "alice.smith@example.com", "alice.smith"]) expect(await call("GET", `/api/v1/users/${encodeURIComponent(ref)}`)).toMatchObject({ status: 200, body: { id: ids.users.alice } });
    expect(await call("GET", "/api/v1/users/me")).toMatchObject({ body: { id: ids.users.ada, _links: { suspend: { method: "POST" } } } });
    expect(await call("GET", "/api/v1/users/nobody")).toMatchObject({ status: 404, body: { errorCode: "E0000007", errorSummary: "Not found: Resource not found: nobody (User)" } });
    expect(await call("PATCH", "/api/v1/users/me")).toMatchObject({ status: 405 });
  });
});

describe("lifecycle", () => {
  it("suspends only ACTIVE users (400 otherwise) and clears sessions with 204 and no body", async () => {
    expect(await call("POST", `/api/v1/users/${ids.users.grace}/lifecycle/suspend`)).toMatchObject({ status: 400, body: { errorCode: "E0000001" } });
    expect(await call("POST", `/api/v1/users/${ids.users.bob}/lifecycle/suspend`)).toMatchObject({ status: 200 });
    expect(await call("POST", `/api/v1/users/${ids.users.bob}/lifecycle/suspend`)).toMatchObject({ status: 400 });
    expect(await call("POST", `/api/v1/users/${ids.users.bob}/lifecycle/unsuspend`)).toMatchObject({ status: 200 });
    expect(await call("DELETE", `/api/v1/users/${ids.users.bob}/sessions?oauthTokens=true`)).toMatchObject({ status: 204, body: null });
  });

  it("returns an activation link only when asked not to send the email", async () => {
    expect(await call("POST", `/api/v1/users/${ids.users.carol}/lifecycle/activate`)).toMatchObject({ status: 200, body: {} });
    expect(await call("POST", `/api/v1/users/${ids.users.carol}/lifecycle/activate`)).toMatchObject({ status: 403, body: { errorCode: "E0000016" } });
    const activated = await call("POST", `/api/v1/users/${ids.users.dan}/lifecycle/activate?sendEmail=false`);
    expect(activated.body).toMatchObject({ activationToken: expect.any(String), activationUrl: expect.stringContaining("/welcome/") });
  });

  it("returns the user, PASSWORD_EXPIRED, from expire_password, and needs sendEmail for reset_password", async () => {
    expect(await call("POST", `/api/v1/users/${ids.users.olivia}/lifecycle/expire_password`)).toMatchObject({ status: 200, body: { id: ids.users.olivia, status: "PASSWORD_EXPIRED" } });
    expect(await call("POST", `/api/v1/users/${ids.users.olivia}/lifecycle/reset_password`)).toMatchObject({ status: 400, body: { errorCode: "E0000028" } });
    expect(await call("POST", `/api/v1/users/${ids.users.olivia}/lifecycle/reset_password?sendEmail=false`)).toMatchObject({ status: 200, body: { resetPasswordUrl: expect.any(String) } });
  });
});

describe("groups and the System Log", () => {
  it("lists all of a group's members in one page by default (limit 1000)", async () => {
    const raw = await call("GET", `/api/v1/groups/${ids.groups.everyone}/users`);
    expect((raw.body as unknown[]).length).toBe(13);
    expect(header(raw, "link")).toHaveLength(1);
  });

  it("always sends a next link for a polling query, even when no event is left", async () => {
    let raw = await call("GET", `/api/v1/logs?since=2026-11-22T10:30:30Z&limit=50`);
    expect((raw.body as unknown[]).length).toBeGreaterThan(0);
    for (let pages = 0; (raw.body as unknown[]).length > 0 && pages < 5; pages++) {
      const next = /^<([^>]+)>/.exec(header(raw, "link")[1]!)![1]!;
      raw = await call("GET", next.slice(sim.url.length));
    }
    expect(raw.body).toEqual([]);
    expect(header(raw, "link")).toHaveLength(2);
  });

  it("ends a bounded query: no next link after the last event", async () => {
    const raw = await call("GET", `/api/v1/logs?since=2026-11-22T10:30:30Z&until=2026-11-23T00:00:00Z`);
    expect(raw.body).toHaveLength(1);
    expect(header(raw, "link")).toHaveLength(1);
    expect(await call("GET", "/api/v1/logs?sortOrder=SIDEWAYS")).toMatchObject({ status: 400 });
  });
});
