/** Parses the gateway's configuration from the environment once, reporting every bad variable together. */
import { z } from "zod";

export const keyList = z
  .string()
  .transform((value, ctx) => {
    const keys: { id: string; secret: Buffer }[] = [];
    for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
      const separator = entry.indexOf(":");
      const id = entry.slice(0, separator);
      const secret = Buffer.from(entry.slice(separator + 1), "base64url");
      if (separator < 1 || !/^[A-Za-z0-9._-]{1,64}$/.test(id) || secret.length < 32) {
        ctx.addIssue({ code: "custom", message: "expected a comma-separated list of <key-id>:<base64url secret of at least 32 bytes>" });
        return z.NEVER;
      }
      keys.push({ id, secret });
    }
    if (keys.length === 0) {
      ctx.addIssue({ code: "custom", message: "expected at least one key" });
      return z.NEVER;
    }
    return keys;
  })
  .optional();

const seconds = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgresql:// connection URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(5_000),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "expected a redis:// or rediss:// URL").optional(),
  SWITCHYARD_DATA_DIR: z.string().min(1).default("./data"),
  SWITCHYARD_SIGNING_KEYS: keyList,
  SWITCHYARD_ENCRYPTION_KEYS: keyList,
  SWITCHYARD_SIGNING_KEYS_FILE: z.string().min(1).optional(),
  SWITCHYARD_ENCRYPTION_KEYS_FILE: z.string().min(1).optional(),
  SWITCHYARD_KEYS_RELOAD_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(200),
  SWITCHYARD_RATE_LIMIT_ORG_BURST: z.coerce.number().int().min(1).max(1_000_000).default(400),
  SWITCHYARD_RATE_LIMIT_INTEGRATION_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(100),
  SWITCHYARD_RATE_LIMIT_INTEGRATION_BURST: z.coerce.number().int().min(1).max(1_000_000).default(200),
  SWITCHYARD_RATE_LIMIT_ANONYMOUS_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(50),
  SWITCHYARD_RATE_LIMIT_ANONYMOUS_BURST: z.coerce.number().int().min(1).max(1_000_000).default(200),
  SWITCHYARD_CONNECTOR_CONCURRENCY_ORG: z.coerce.number().int().min(1).max(10_000).default(50),
  SWITCHYARD_CONNECTOR_CONCURRENCY_INTEGRATION: z.coerce.number().int().min(1).max(10_000).default(10),
  SWITCHYARD_CONNECTOR_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  SWITCHYARD_REQUEST_CONCURRENCY_ORG: z.coerce.number().int().min(1).max(10_000).default(4),
  SWITCHYARD_REQUEST_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  SWITCHYARD_CSRF_PREVENTION: z.enum(["true", "false"]).default("true"),
  SWITCHYARD_ISSUER: z.string().min(1).default("switchyard"),
  SWITCHYARD_ACCESS_TOKEN_TTL: seconds(3600, 86_400),
  SWITCHYARD_REFRESH_TOKEN_TTL: seconds(30 * 86_400, 366 * 86_400),
  SWITCHYARD_GRAPHIQL: z.enum(["true", "false"]).optional(),
  SWITCHYARD_ALLOW_PRIVATE_NETWORKS: z.enum(["true", "false"]).default("false"),
  SWITCHYARD_PROVIDER_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SWITCHYARD_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  SWITCHYARD_PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  SWITCHYARD_PROVIDER_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).max(512 * 1024 * 1024).default(20 * 1024 * 1024),
  SWITCHYARD_WEBHOOK_DELIVERY: z.enum(["true", "false"]).default("true"),
  SWITCHYARD_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  SWITCHYARD_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  SWITCHYARD_WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  SWITCHYARD_WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
  SWITCHYARD_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(30 * 86_400).default(3 * 86_400),
  SWITCHYARD_WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  SWITCHYARD_WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(10_000).default(100),
  SWITCHYARD_WS_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  SWITCHYARD_WS_KEEPALIVE_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  SWITCHYARD_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  SWITCHYARD_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  SWITCHYARD_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(10),
  SWITCHYARD_MAX_TOKENS: z.coerce.number().int().min(50).max(100_000).default(2_000),
  SWITCHYARD_MAX_COST: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  SWITCHYARD_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  SWITCHYARD_MAX_STRING_LENGTH: z.coerce.number().int().min(256).max(16 * 1024 * 1024).default(65_536),
  SWITCHYARD_MAX_LIST_LENGTH: z.coerce.number().int().min(10).max(1_000_000).default(1_000),
  SWITCHYARD_MAX_INPUT_DEPTH: z.coerce.number().int().min(2).max(1_000).default(32),
  SWITCHYARD_INTROSPECTION: z.enum(["true", "false"]).optional(),
  SWITCHYARD_CORS_ORIGINS: z
    .string()
    .regex(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, "expected * or a comma-separated list of http(s) origins")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type KeyMaterial = { id: string; secret: Buffer }[];

export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** `poolTimeoutMs`: how long a request waits for a free pooled connection before failing with 503. */
  database: { kind: "postgres"; url: string; poolSize: number; poolTimeoutMs?: number } | { kind: "pglite"; dataDir: string | null };
  redisUrl: string | null;
  dataDir: string;
  /** Null means: load or create the key file in the data folder (embedded mode only). */
  signingKeys: KeyMaterial | null;
  encryptionKeys: KeyMaterial | null;
  /** Key files re-read on SIGHUP and every `keysReloadSeconds` (0: SIGHUP only); they win over the variables. */
  keyFiles: { signing: string | null; encryption: string | null };
  keysReloadSeconds: number;
  /** Per-tenant fairness: token buckets per organization, integration and anonymous address; connector-call concurrency caps. */
  fairness: {
    organization: { perSecond: number; burst: number };
    integration: { perSecond: number; burst: number };
    anonymous: { perSecond: number; burst: number };
    connectorConcurrency: { organization: number; integration: number; queueWaitMs: number };
    /** Management requests (organization and member tokens) one organization may have executing at once. */
    requestConcurrency: { organization: number; queueWaitMs: number };
  };
  /** Refuse requests a browser could send cross-site without a preflight (see src/http/yoga.ts). */
  csrfPrevention: boolean;
  issuer: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  graphiql: boolean;
  /** Origins allowed to call from a browser; empty means same-origin only. */
  corsOrigins: string[];
  allowPrivateNetworks: boolean;
  /** GraphQL abuse limits, checked before execution. */
  limits: { maxDepth: number; maxAliases: number; maxDirectives: number; maxTokens: number; maxCost: number; maxBodyBytes: number; introspection: boolean };
  /** Bounds on every input value (variables and literals): string length, list/object size, nesting. */
  input: { maxStringLength: number; maxListLength: number; maxDepth: number };
  /** Limits for every outgoing provider call. */
  provider: { connectTimeoutMs: number; totalTimeoutMs: number; maxRetries: number; maxResponseBytes: number };
  /** Organization webhook delivery: whether this process delivers, per-attempt deadline, retries and their spacing, how long finished events are kept. */
  webhooks: { delivery: boolean; timeoutMs: number; maxAttempts: number; backoffBaseMs: number; pollIntervalMs: number; maxAgeSeconds: number; retentionDays: number };
  /** graphql-ws: operations one connection may hold at once, and how long it may wait before `connection_init`. */
  websocket: { maxSubscriptionsPerConnection: number; initTimeoutMs: number; keepAliveMs: number };
  logLevel: z.infer<typeof environmentSchema>["LOG_LEVEL"];
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** Reads the environment (process.env by default). Throws ConfigError naming every bad variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.DATABASE_URL && (!(env.SWITCHYARD_SIGNING_KEYS || env.SWITCHYARD_SIGNING_KEYS_FILE) || !(env.SWITCHYARD_ENCRYPTION_KEYS || env.SWITCHYARD_ENCRYPTION_KEYS_FILE))) {
    problems.push(
      "SWITCHYARD_SIGNING_KEYS and SWITCHYARD_ENCRYPTION_KEYS: required with DATABASE_URL, so that every replica shares them (generate one with `switchyard keys generate`)",
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const production = env.NODE_ENV === "production";
  return {
    port: env.PORT,
    host: env.HOST,
    production,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, poolTimeoutMs: env.DATABASE_POOL_TIMEOUT_MS }
      : { kind: "pglite", dataDir: env.SWITCHYARD_DATA_DIR },
    redisUrl: env.REDIS_URL ?? null,
    dataDir: env.SWITCHYARD_DATA_DIR,
    signingKeys: env.SWITCHYARD_SIGNING_KEYS ?? null,
    encryptionKeys: env.SWITCHYARD_ENCRYPTION_KEYS ?? null,
    keyFiles: { signing: env.SWITCHYARD_SIGNING_KEYS_FILE ?? null, encryption: env.SWITCHYARD_ENCRYPTION_KEYS_FILE ?? null },
    keysReloadSeconds: env.SWITCHYARD_KEYS_RELOAD_SECONDS,
    fairness: {
      organization: { perSecond: env.SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND, burst: env.SWITCHYARD_RATE_LIMIT_ORG_BURST },
      integration: { perSecond: env.SWITCHYARD_RATE_LIMIT_INTEGRATION_PER_SECOND, burst: env.SWITCHYARD_RATE_LIMIT_INTEGRATION_BURST },
      anonymous: { perSecond: env.SWITCHYARD_RATE_LIMIT_ANONYMOUS_PER_SECOND, burst: env.SWITCHYARD_RATE_LIMIT_ANONYMOUS_BURST },
      connectorConcurrency: {
        organization: env.SWITCHYARD_CONNECTOR_CONCURRENCY_ORG,
        integration: env.SWITCHYARD_CONNECTOR_CONCURRENCY_INTEGRATION,
        queueWaitMs: env.SWITCHYARD_CONNECTOR_QUEUE_WAIT_MS,
      },
      requestConcurrency: {
        organization: env.SWITCHYARD_REQUEST_CONCURRENCY_ORG,
        queueWaitMs: env.SWITCHYARD_REQUEST_QUEUE_WAIT_MS,
      },
    },
    csrfPrevention: env.SWITCHYARD_CSRF_PREVENTION === "true",
    issuer: env.SWITCHYARD_ISSUER,
    accessTokenTtlSeconds: env.SWITCHYARD_ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: env.SWITCHYARD_REFRESH_TOKEN_TTL,
    graphiql: env.SWITCHYARD_GRAPHIQL ? env.SWITCHYARD_GRAPHIQL === "true" : !production,
    corsOrigins: env.SWITCHYARD_CORS_ORIGINS ? env.SWITCHYARD_CORS_ORIGINS.split(",") : [],
    allowPrivateNetworks: env.SWITCHYARD_ALLOW_PRIVATE_NETWORKS === "true",
    limits: {
      maxDepth: env.SWITCHYARD_MAX_DEPTH,
      maxAliases: env.SWITCHYARD_MAX_ALIASES,
      maxDirectives: env.SWITCHYARD_MAX_DIRECTIVES,
      maxTokens: env.SWITCHYARD_MAX_TOKENS,
      maxCost: env.SWITCHYARD_MAX_COST,
      maxBodyBytes: env.SWITCHYARD_MAX_BODY_BYTES,
      introspection: env.SWITCHYARD_INTROSPECTION ? env.SWITCHYARD_INTROSPECTION === "true" : !production,
    },
    input: { maxStringLength: env.SWITCHYARD_MAX_STRING_LENGTH, maxListLength: env.SWITCHYARD_MAX_LIST_LENGTH, maxDepth: env.SWITCHYARD_MAX_INPUT_DEPTH },
    provider: {
      connectTimeoutMs: env.SWITCHYARD_PROVIDER_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: env.SWITCHYARD_PROVIDER_TIMEOUT_MS,
      maxRetries: env.SWITCHYARD_PROVIDER_MAX_RETRIES,
      maxResponseBytes: env.SWITCHYARD_PROVIDER_MAX_RESPONSE_BYTES,
    },
    webhooks: {
      delivery: env.SWITCHYARD_WEBHOOK_DELIVERY === "true",
      timeoutMs: env.SWITCHYARD_WEBHOOK_TIMEOUT_MS,
      maxAttempts: env.SWITCHYARD_WEBHOOK_MAX_ATTEMPTS,
      backoffBaseMs: env.SWITCHYARD_WEBHOOK_BACKOFF_BASE_MS,
      pollIntervalMs: env.SWITCHYARD_WEBHOOK_POLL_INTERVAL_MS,
      maxAgeSeconds: env.SWITCHYARD_WEBHOOK_MAX_AGE_SECONDS,
      retentionDays: env.SWITCHYARD_WEBHOOK_RETENTION_DAYS,
    },
    websocket: { maxSubscriptionsPerConnection: env.SWITCHYARD_WS_MAX_SUBSCRIPTIONS, initTimeoutMs: env.SWITCHYARD_WS_INIT_TIMEOUT_MS, keepAliveMs: env.SWITCHYARD_WS_KEEPALIVE_MS },
    logLevel: env.LOG_LEVEL,
  };
}
