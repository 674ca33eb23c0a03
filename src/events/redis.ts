/**
 * Scale-out over Redis: the event bus's distributed event target, a channel that tells every
 * replica to forget a refresh token's cached liveness the moment one replica changes it, and one
 * that tells them to drop their cached integrations after a write.
 */
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import type { PubSubEventTarget } from "@graphql-yoga/subscription";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { BusEvents } from "./bus.ts";

const revocationChannel = "switchyard:token-revocations";
const integrationWritesChannel = "switchyard:integration-writes";

export interface RedisBroadcast {
  eventTarget: PubSubEventTarget<BusEvents>;
  publishRevocation(refreshTokenId: string): void;
  onRevocation(listener: (refreshTokenId: string) => void): void;
  publishIntegrationWrite(): void;
  onIntegrationWrite(listener: () => void): void;
  close(): Promise<void>;
}

/** Revives the Date fields that JSON turned into strings on their way through Redis. */
function revive(_key: string, value: unknown) {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? new Date(value) : value;
}

export async function connectRedis(url: string, log: Logger): Promise<RedisBroadcast> {
  const options = { maxRetriesPerRequest: 3, enableReadyCheck: true, lazyConnect: true };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  const revocations = new Redis(url, options);
  for (const client of [publisher, subscriber, revocations]) {
    client.on("error", (error) => log.warn({ err: error }, "redis connection error"));
    await client.connect();
  }
  const listeners: ((refreshTokenId: string) => void)[] = [];
  const writeListeners: (() => void)[] = [];
  await revocations.subscribe(revocationChannel, integrationWritesChannel);
  revocations.on("message", (channel, message) => {
    if (channel === revocationChannel) for (const listener of listeners) listener(message);
    if (channel === integrationWritesChannel) for (const listener of writeListeners) listener();
  });
  return {
    eventTarget: createRedisEventTarget<never>({
      publishClient: publisher,
      subscribeClient: subscriber,
      serializer: { stringify: JSON.stringify, parse: (text) => JSON.parse(text, revive) },
    }) as unknown as PubSubEventTarget<BusEvents>,
    publishRevocation(refreshTokenId) {
      publisher.publish(revocationChannel, refreshTokenId).catch((error: unknown) => log.error({ err: error }, "could not broadcast a token revocation"));
    },
    onRevocation(listener) {
      listeners.push(listener);
    },
    publishIntegrationWrite() {
      publisher.publish(integrationWritesChannel, "").catch((error: unknown) => log.error({ err: error }, "could not broadcast an integration write"));
    },
    onIntegrationWrite(listener) {
      writeListeners.push(listener);
    },
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit(), revocations.quit()]);
    },
  };
}
