/** Starts a real gateway on a free port (in-memory PGlite unless TEST_DATABASE_URL is set) and talks to it. */
import { randomBytes } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { loadConfig } from "../../src/config.ts";
import { buildApp, type App } from "../../src/server.ts";
import { createTenant } from "../../src/services/tenants.ts";
import type { Logger } from "pino";
import { createLogger } from "../../src/log.ts";

export interface TestGateway {
  app: App;
  url: string;
  stop(): Promise<void>;
}

const testKey = (id: string) => `${id}:${randomBytes(32).toString("base64url")}`;

/** A test gateway's configuration: any free port on loopback, silent, fresh keys; `env` on top. */
export function testConfig(env: Record<string, string | undefined> = {}) {
  return loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    SWITCHYARD_SIGNING_KEYS: testKey("test-sig"),
    SWITCHYARD_ENCRYPTION_KEYS: testKey("test-enc"),
    ...env,
  });
}

/** Each call gets its own database: a fresh in-memory PGlite, or a fresh schema-less PostgreSQL database. */
export async function startGateway(
  env: Record<string, string> = {},
  options: { onQuery?: (sql: string) => void; log?: Logger } = {},
): Promise<TestGateway> {
  const databaseUrl = process.env.TEST_DATABASE_URL ? await createPostgresDatabase(process.env.TEST_DATABASE_URL) : undefined;
  const config = testConfig({ ...(databaseUrl && { DATABASE_URL: databaseUrl }), ...env });
  const memoryConfig = databaseUrl ? config : { ...config, database: { kind: "pglite" as const, dataDir: null } };
  const app = await buildApp(memoryConfig, { log: options.log ?? createLogger(env.LOG_LEVEL ?? "silent"), onQuery: options.onQuery });
  const { url } = await app.start();
  return { app, url, stop: () => app.stop() };
}

/** Creates a fresh, empty database on the server of `adminUrl` and returns its URL. */
export async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const { default: pg } = await import("pg");
  const name = `switchyard_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[] };
}

export async function gql<T = Record<string, unknown>, V = Record<string, unknown>>(
  gateway: { url: string },
  document: TypedDocumentNode<T, V> | string,
  options: { variables?: V; token?: string | null; path?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${gateway.url}${options.path ?? "/graphql"}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json",
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: JSON.stringify({ query: typeof document === "string" ? document : print(document), variables: options.variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T>["body"] };
}

/** The `extensions.code` of the first error, for compact assertions. */
export const errorCode = (response: GraphQLResponse<unknown>) => response.body.errors?.[0]?.extensions?.code;

export interface SeededTenant {
  tenantId: string;
  organizationId: string;
  memberId: string;
  email: string;
  password: string;
}

let tenantCounter = 0;

export async function seedTenant(gateway: TestGateway, name = `tenant-${process.pid}-${++tenantCounter}`): Promise<SeededTenant> {
  const email = `admin@${name}.test`;
  const password = "a-long-enough-password";
  const created = await createTenant(gateway.app.database.prisma, { name, adminEmail: email, adminPassword: password });
  return { ...created, email, password };
}
