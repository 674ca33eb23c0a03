/** Parses the gateway's configuration from the environment once, reporting every bad variable together. */
import { z } from "zod";

const keyList = z
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
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "expected a redis:// or rediss:// URL").optional(),
  SWITCHYARD_DATA_DIR: z.string().min(1).default("./data"),
  SWITCHYARD_SIGNING_KEYS: keyList,
  SWITCHYARD_ENCRYPTION_KEYS: keyList,
  SWITCHYARD_ISSUER: z.string().min(1).default("switchyard"),
  SWITCHYARD_ACCESS_TOKEN_TTL: seconds(3600, 86_400),
  SWITCHYARD_REFRESH_TOKEN_TTL: seconds(30 * 86_400, 366 * 86_400),
  SWITCHYARD_GRAPHIQL: z.enum(["true", "false"]).optional(),
  SWITCHYARD_ALLOW_PRIVATE_NETWORKS: z.enum(["true", "false"]).default("false"),
  SWITCHYARD_PROVIDER_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SWITCHYARD_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  SWITCHYARD_PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  SWITCHYARD_PROVIDER_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).max(512 * 1024 * 1024).default(20 * 1024 * 1024),
  SWITCHYARD_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  SWITCHYARD_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  SWITCHYARD_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(10),
  SWITCHYARD_MAX_TOKENS: z.coerce.number().int().min(50).max(100_000).default(2_000),
  SWITCHYARD_MAX_COST: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  SWITCHYARD_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
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
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dataDir: string | null };
  redisUrl: string | null;
  dataDir: string;
  /** Null means: load or create the key file in the data folder (embedded mode only). */
  signingKeys: KeyMaterial | null;
  encryptionKeys: KeyMaterial | null;
  issuer: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  graphiql: boolean;
  /** Origins allowed to call from a browser; empty means same-origin only. */
  corsOrigins: string[];
  allowPrivateNetworks: boolean;
  /** GraphQL abuse limits, checked before execution. */
  limits: { maxDepth: number; maxAliases: number; maxDirectives: number; maxTokens: number; maxCost: number; maxBodyBytes: number; introspection: boolean };
  /** Limits for every outgoing provider call. */
  provider: { connectTimeoutMs: number; totalTimeoutMs: number; maxRetries: number; maxResponseBytes: number };
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
  if (env.DATABASE_URL && (!env.SWITCHYARD_SIGNING_KEYS || !env.SWITCHYARD_ENCRYPTION_KEYS)) {
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
      ? { kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: "pglite", dataDir: env.SWITCHYARD_DATA_DIR },
    redisUrl: env.REDIS_URL ?? null,
    dataDir: env.SWITCHYARD_DATA_DIR,
    signingKeys: env.SWITCHYARD_SIGNING_KEYS ?? null,
    encryptionKeys: env.SWITCHYARD_ENCRYPTION_KEYS ?? null,
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
    provider: {
      connectTimeoutMs: env.SWITCHYARD_PROVIDER_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: env.SWITCHYARD_PROVIDER_TIMEOUT_MS,
      maxRetries: env.SWITCHYARD_PROVIDER_MAX_RETRIES,
      maxResponseBytes: env.SWITCHYARD_PROVIDER_MAX_RESPONSE_BYTES,
    },
    logLevel: env.LOG_LEVEL,
  };
}
