/** Builds the long-lived services one gateway process shares between requests. */
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { TransportSettings } from "../../providers/definition.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { createTokenSigner, type TokenSigner } from "../auth/jwt.ts";
import { createTokenLiveness, type TokenLiveness } from "../auth/token-liveness.ts";
import type { KeyRing } from "../crypto/key-store.ts";
import { createCipher, type Cipher } from "../crypto/cipher.ts";
import { createStatusRecorder, type StatusRecorder } from "../events/status-recorder.ts";
import { createEventBus, type EventBus } from "../events/bus.ts";
import { createFanOut, type FanOut } from "../events/fan-out.ts";
import type { RedisBroadcast } from "../events/redis.ts";
import { createScopedClient, type TenantScope } from "../db/tenant-scope.ts";
import { createTokenService, type TokenService } from "./tokens.ts";
import { createFairness, type Fairness } from "../limits/fairness.ts";
import { cachedModels, createIntegrationCache, type IntegrationCache } from "./integration-cache.ts";

export interface Services {
  config: Config;
  log: Logger;
  prisma: PrismaClient;
  signer: TokenSigner;
  liveness: TokenLiveness;
  tokens: TokenService;
  /** Seals and opens credentials (AES-256-GCM). */
  cipher: Cipher;
  /** Buffers one status event per connector call. */
  status: StatusRecorder;
  /** Publishes status changes and events to subscribers (on every replica when Redis is configured). */
  bus: EventBus;
  /** Hands bus events to live subscriptions: one bus listener per organization topic. */
  fanOut: FanOut;
  /** Limits for outgoing provider calls. */
  transport: TransportSettings;
  /** Per-tenant request-rate and connector-concurrency limits (per replica). */
  fairness: Fairness;
  /** Integrations behind integration tokens, briefly kept in memory (dropped on any write to them). */
  integrations: IntegrationCache;
  /** The only way request code reaches the database: a client bound to one tenant scope. */
  scoped(scope: TenantScope): PrismaClient;
}

export function createServices(deps: { config: Config; log: Logger; prisma: PrismaClient; keys: KeyRing; redis?: RedisBroadcast | null }): Services {
  const { config, log, prisma, keys, redis } = deps;
  const signer = createTokenSigner(keys.signing, config.issuer);
  const liveness = createTokenLiveness(prisma, redis ? { broadcast: redis.publishRevocation } : {});
  redis?.onRevocation((refreshTokenId) => liveness.forget(refreshTokenId));
  const scopedClients = new LRUCache<string, PrismaClient>({ max: 10_000 });
  const bus = createEventBus(redis?.eventTarget);
  const integrations = createIntegrationCache(redis ? { broadcast: redis.publishIntegrationWrite } : {});
  const fanOut = createFanOut(bus, liveness);
  // Other replicas' subscribers are not counted here, so with Redis every batch is short.
  const watched = () => redis != null || fanOut.size() > 0;
  redis?.onIntegrationWrite(() => integrations.forget());
  const onWrite = (model: string) => {
    if (cachedModels.has(model)) integrations.invalidate();
  };
  return {
    config,
    log,
    prisma,
    signer,
    liveness,
    tokens: createTokenService({ prisma, signer, liveness }),
    cipher: createCipher(keys.encryption),
    status: createStatusRecorder(prisma, log, { bus, watched }),
    bus,
    fanOut,
    transport: { ...config.provider, allowPrivateNetworks: config.allowPrivateNetworks },
    fairness: createFairness(config.fairness),
    integrations,
    scoped(scope) {
      // The member matters only to a restricted scope (the refresh tokens it holds), so only there is it part of the key.
      const key = `${scope.tenantId}/${scope.organizationId}/${scope.accountIds ? `${scope.accountIds.join(",")}/${scope.memberId ?? ""}` : "*"}`;
      let client = scopedClients.get(key);
      if (!client) {
        client = createScopedClient(prisma, scope, onWrite);
        scopedClients.set(key, client);
      }
      return client;
    },
  };
}
