/**
 * Thousands of random and mutated GraphQL requests against all three endpoints: documents taken
 * from the schema and broken (tokens deleted, duplicated, swapped, random bytes, deep nesting, huge
 * numbers, odd Unicode), random variables, random headers and bodies. Deterministic per seed
 * (FUZZ_SEED, printed), bounded by count and time. Nothing may answer 5xx or a masked internal
 * error, the server stays up, and the heap does not keep growing.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAccount, createIntegration, logon, seedAdminToken } from "../helpers/flows.ts";
import { type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

const maxRequests = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const maxSeconds = Number(process.env.FUZZ_SECONDS ?? 30);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const concurrency = 8;

/** mulberry32: small, fast, good enough to pick mutations. */
function createRandom(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (limit: number) => Math.floor(next() * limit);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof createRandom>;

const endpoints = ["/graphql", "/graphql/management", "/graphql/connector"] as const;

const seeds = [
  "{ accounts(first: 5) { totalCount edges { cursor node { id name labels integrations(first: 2) { edges { node { id name } } } } } } }",
  'query Q($f: AccountFilter, $n: Int) { accounts(first: $n, filter: $f, orderBy: { field: NAME, direction: DESC }) { pageInfo { hasNextPage endCursor } } }',
  'query($id: ID!) { account(id: $id) { id name fullname environment } integration(id: $id) { id } }',
  'mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id name } } }',
  'mutation { updateAccount(input: { id: "x", fullname: "y", labels: ["a"] }) { account { id } } }',
  'mutation($input: LogonInput!) { logon(input: $input) { tokens { accessToken } } }',
  "{ auditEvents(first: 3) { edges { node { action outcome } } } members { edges { node { id } } } roles { totalCount } }",
  "{ providers { id } connectors { id } integrationStatuses(first: 3) { edges { node { health } } } }",
  "{ tickets(first: 2, filter: { status: [\"Open\"] }) { edges { cursor node { id key summary } } pageInfo { endCursor } } }",
  'query($id: ID!) { ticket(id: $id) { id key summary comments(first: 1) { edges { node { id } } } } }',
  'mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id key } } }',
  "{ projects(first: 2) { edges { node { key } } } }",
  "subscription { statusEvents { operation } }",
  "{ __typename __schema { types { name } } }",
  "fragment F on Account { id name } { accounts { edges { node { ...F ...F } } } }",
  'query { a: accounts(first: 1) { totalCount } b: accounts(first: 1) { totalCount } } mutation M { logon(input: { organizationId: "", email: "", password: "" }) { tokens { accessToken } } }',
];

const weirdStrings = ["", "\u0000", "\ud800", "\udfff\ud800", "🚀".repeat(50), "a".repeat(70_000), "' or 1=1 --", "../../etc/passwd", "%00", "\u202e", "null", "{}", "NaN", "-0", "6f1c1b7e-9a55-4c43-9d0e-3f7a2b1c0d9e"];
const weirdNumbers = ["0", "-1", "1e309", "99999999999999999999999", "2147483648", "-2147483649", "0.5", "1e-400", "0x10", "00"];
const extraTokens = ["{", "}", "(", ")", "[", "]", ":", "$", "!", "=", "@include(if: true)", "@skip(if: $x)", "...", "...on Account", "__typename", "query", "mutation", "subscription", "fragment", "on", "null", "true", "\"\"\"block\"\"\"", "#comment\n", "first:", "id:", "input:", "&", "|", "\\"];

function tokenize(document: string): string[] {
  return document.match(/"""[\s\S]*?"""|"(?:\\.|[^"\\])*"|\.\.\.|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|\S/g) ?? [];
}

function randomString(random: Random): string {
  if (random.chance(0.5)) return random.pick(weirdStrings);
  return Array.from({ length: random.int(40) }, () => String.fromCharCode(random.chance(0.8) ? 32 + random.int(95) : random.int(0x10000))).join("");
}

function randomValue(random: Random, depth = 0): unknown {
  const kind = random.int(depth > 4 ? 4 : 7);
  if (kind === 0) return randomString(random);
  if (kind === 1) return random.chance(0.5) ? Number(random.pick(weirdNumbers)) : random.int(1000) - 500;
  if (kind === 2) return random.chance(0.5);
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: random.int(5) }, () => randomValue(random, depth + 1));
  if (kind === 5 && random.chance(0.1)) {
    let value: unknown = 1;
    for (let level = 0; level < 200 + random.int(2_000); level++) value = [value];
    return value;
  }
  return Object.fromEntries(Array.from({ length: random.int(5) }, () => [random.pick(["name", "id", "input", "first", "filter", "labels", "email", randomString(random)]), randomValue(random, depth + 1)]));
}

function mutateDocument(random: Random, document: string): string {
  const tokens = tokenize(document);
  for (let step = 0; step < 1 + random.int(4); step++) {
    const at = random.int(tokens.length + 1);
    switch (random.int(8)) {
      case 0:
        tokens.splice(at, 1);
        break;
      case 1:
        tokens.splice(at, 0, tokens[at] ?? "}");
        break;
      case 2:
        tokens.splice(at, 0, random.pick(extraTokens));
        break;
      case 3:
        tokens.splice(at, 0, JSON.stringify(randomString(random)));
        break;
      case 4:
        tokens.splice(at, 0, random.pick(weirdNumbers));
        break;
      case 5: {
        const other = random.int(tokens.length);
        [tokens[at], tokens[other]] = [tokens[other] ?? "", tokens[at] ?? ""];
        break;
      }
      case 6: {
        const depth = 20 + random.int(3_000);
        tokens.splice(at, 0, `${"{ a ".repeat(depth)}${"}".repeat(depth)}`);
        break;
      }
      default:
        tokens.splice(at, 0, String.fromCharCode(...Array.from({ length: 1 + random.int(8) }, () => random.int(256))));
    }
  }
  return tokens.join(" ");
}

interface Tokens {
  organization: string;
  integration: string;
}

function randomHeaders(random: Random, tokens: Tokens): Record<string, string> {
  const headers: Record<string, string> = {};
  const contentTypes = ["application/json", "application/json; charset=utf-8", "application/graphql-response+json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/graphql", "garbage/type; q=", ""];
  const accepts = ["application/graphql-response+json", "application/json", "text/event-stream", "multipart/mixed", "*/*", "text/html", "application/xml", ""];
  const authorizations = [
    `Bearer ${tokens.organization}`,
    `Bearer ${tokens.integration}`,
    `Bearer ${tokens.organization}`,
    `Bearer ${tokens.integration}`,
    `Bearer ${tokens.organization.slice(0, -5)}`,
    `Bearer ${tokens.integration.split(".").reverse().join(".")}`,
    "Bearer",
    "Bearer a.b.c",
    "Basic Zm9vOmJhcg==",
    `Bearer ${"x".repeat(random.chance(0.1) ? 9_000 : 200)}`,
    "bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
  ];
  // Mostly well-formed framing, so that most requests reach parsing and execution.
  if (random.chance(0.75)) headers["content-type"] = "application/json";
  else if (random.chance(0.8)) headers["content-type"] = random.pick(contentTypes);
  if (random.chance(0.3)) headers.accept = random.pick(accepts);
  if (random.chance(0.8)) headers.authorization = random.pick(authorizations);
  if (random.chance(0.2)) headers["x-tenant-id"] = random.pick(["", "nope", "6f1c1b7e-9a55-4c43-9d0e-3f7a2b1c0d9e", "' or 1=1", "x".repeat(500)]);
  if (random.chance(0.2)) headers["x-org-id"] = random.pick(["", "nope", "6f1c1b7e-9a55-4c43-9d0e-3f7a2b1c0d9e"]);
  if (random.chance(0.5)) headers["x-graphql-csrf"] = "1";
  if (random.chance(0.1)) headers["x-request-id"] = randomString(random).replace(/[^\x20-\x7e]/g, "");
  return headers;
}

interface FuzzRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  search?: string;
}

function randomRequest(random: Random, tokens: Tokens): FuzzRequest {
  const path = random.pick(endpoints);
  const headers = randomHeaders(random, tokens);
  const base = random.pick(seeds);
  const query = random.chance(0.15) ? base : mutateDocument(random, base);
  const variables = random.chance(0.7) ? randomValue(random) : undefined;
  if (random.chance(0.1)) {
    const search = new URLSearchParams({ query, ...(variables !== undefined && { variables: JSON.stringify(variables) }) }).toString();
    return { method: "GET", path, headers, search };
  }
  const shape = random.int(10);
  const body =
    shape === 0
      ? mutateDocument(random, JSON.stringify({ query: base }))
      : shape === 1
        ? JSON.stringify({ query: randomValue(random), variables: randomValue(random), operationName: randomValue(random), extensions: randomValue(random) })
        : shape === 2
          ? query
          : JSON.stringify({ query, variables, ...(random.chance(0.2) && { operationName: random.pick(["Q", "M", "", "nope"]) }) });
  return { method: "POST", path, headers, body };
}

let gateway: TestGateway;
let tokens: Tokens;

beforeAll(async () => {
  // Limits high enough that the fuzzer mostly reaches parsing and execution rather than 429s.
  gateway = await startGatewayFromTemplate({
    SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: "100000",
    SWITCHYARD_RATE_LIMIT_ORG_BURST: "100000",
    SWITCHYARD_RATE_LIMIT_INTEGRATION_PER_SECOND: "100000",
    SWITCHYARD_RATE_LIMIT_INTEGRATION_BURST: "100000",
    SWITCHYARD_RATE_LIMIT_ANONYMOUS_PER_SECOND: "100000",
    SWITCHYARD_RATE_LIMIT_ANONYMOUS_BURST: "100000",
  });
  const organization = await seedAdminToken(gateway);
  const account = await createAccount(gateway, organization, "fuzz");
  const integration = (await createIntegration(gateway, organization, account.id, "fuzz-mock")).tokens.accessToken;
  tokens = { organization, integration };
});
afterAll(() => gateway.stop());

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const heapAfterGc = () => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

interface Finding {
  status: number;
  code: unknown;
  request: string;
}

it(`survives ${maxRequests} random and mutated requests (seed ${seed}) without a 5xx or an internal error`, { timeout: (maxSeconds + 60) * 1000 }, async () => {
  console.log(`fuzz seed ${seed} (FUZZ_SEED=${seed} repeats this run)`);
  const random = createRandom(seed);
  const findings: Finding[] = [];
  const statuses = new Map<number, number>();
  const deadline = performance.now() + maxSeconds * 1000;
  let sent = 0;
  let next = 0;

  const send = async (request: FuzzRequest) => {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${gateway.url}${request.path}${request.search ? `?${request.search}` : ""}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(10_000),
      });
      // A subscription answered as a stream (SSE, multipart) runs until the client leaves: its status is the answer.
      const streaming = /text\/event-stream|multipart\/mixed/.test(response.headers.get("content-type") ?? "");
      if (streaming) await response.body?.cancel();
      text = streaming ? "" : await response.text();
    } catch (error) {
      // No answer at all (a hang or a dropped connection) is a finding too.
      findings.push({ status: 0, code: (error as Error).name, request: JSON.stringify(request).slice(0, 600) });
      return;
    }
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const internal = text.includes('"INTERNAL_SERVER_ERROR"');
    if (response.status >= 500 || internal) {
      findings.push({ status: response.status, code: internal ? "INTERNAL_SERVER_ERROR" : undefined, request: JSON.stringify(request).slice(0, 600) });
    }
  };
  const worker = async (until: number) => {
    while (next < until && performance.now() < deadline) {
      // Made on demand, in order: request n is the same for a given seed whichever worker sends it.
      next++;
      const request = randomRequest(random, tokens);
      await send(request);
      sent++;
    }
  };
  const run = async (until: number) => Promise.all(Array.from({ length: concurrency }, () => worker(until)));

  const heapAtStart = heapAfterGc();
  await run(Math.floor(maxRequests / 2));
  const heapAtHalf = heapAfterGc();
  await run(maxRequests);
  const heapAtEnd = heapAfterGc();
  const health = await fetch(`${gateway.url}/healthz`);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `fuzz: ${sent} requests in ${maxSeconds}s budget; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ` +
      `heap after GC ${mb(heapAtStart)} → ${mb(heapAtHalf)} → ${mb(heapAtEnd)} MB`,
  );

  expect(sent).toBeGreaterThan(Math.min(maxRequests, 200));
  expect(findings.slice(0, 5)).toEqual([]);
  expect(health.status).toBe(200);
  // The second half may not grow the heap much beyond the first half's level (caches and JIT settle in the first).
  expect(heapAtEnd - heapAtHalf).toBeLessThan(64 * 1024 * 1024);
});
