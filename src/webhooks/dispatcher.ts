/**
 * Delivers the outbox: claims due deliveries (a lease taken with `FOR UPDATE SKIP LOCKED`, so
 * replicas never send the same one at once and a crash mid-attempt only delays it), signs and
 * POSTs each, and records the attempt. Woken right after a commit through the bus, and by a poll,
 * which also prunes, at most hourly, finished events past their retention.
 */
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Cipher } from "../crypto/cipher.ts";
import type { EventBus } from "../events/bus.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { openCredential } from "../services/credentials.ts";
import { decideWebhookRetry, type AttemptOutcome, type RetryPolicy } from "./decide-retry.ts";
import { createWebhookTransport } from "./send.ts";

export interface WebhookDispatcher {
  start(): void;
  /** Finishes the attempts under way and stops. */
  stop(): Promise<void>;
  /** Runs one claim-and-deliver round now (also what the bus and the poll trigger). */
  wake(): Promise<void>;
  /** Deletes events past retention whose deliveries all ended, or that have none, with their deliveries; returns how many events. */
  prune(): Promise<number>;
}

const batchSize = 10;
const maxRoundsPerWake = 20;
const pruneBatchSize = 1_000;
const pruneEveryMs = 3_600_000;

/** `services` is read at each use, so a cipher swapped in by a key reload is the one that opens secrets. `now` (tests) dates pruning. */
export function createWebhookDispatcher(deps: {
  prisma: PrismaClient;
  services: { readonly cipher: Cipher; readonly bus: EventBus };
  log: Logger;
  config: Config;
  now?: () => number;
}): WebhookDispatcher {
  const { prisma, services, log } = deps;
  const now = deps.now ?? Date.now;
  const settings = deps.config.webhooks;
  const policy: RetryPolicy = { maxAttempts: settings.maxAttempts, backoffBaseMs: settings.backoffBaseMs, maxBackoffMs: 3_600_000, maxAgeMs: settings.maxAgeSeconds * 1000 };
  const transport = createWebhookTransport({ timeoutMs: settings.timeoutMs, allowPrivateNetworks: deps.config.allowPrivateNetworks });
  // An attempt longer than this lease would let another replica try too; the lease covers the timeout with room to spare.
  const leaseMs = settings.timeoutMs * 2 + 5_000;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let poll: NodeJS.Timeout | undefined;
  const timers = new Set<NodeJS.Timeout>();
  let subscription: AsyncIterator<number> | undefined;
  let pruning: Promise<void> | null = null;
  let prunedAt = -Infinity;

  async function claim(): Promise<string[]> {
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      UPDATE "WebhookDelivery" SET "nextAttemptAt" = now() + (${leaseMs}::int * interval '1 millisecond')
      WHERE "id" IN (
        SELECT "id" FROM "WebhookDelivery" WHERE "status" = 'PENDING' AND "nextAttemptAt" <= now()
        ORDER BY "nextAttemptAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING "id"`;
    return rows.map((row) => row.id);
  }

  async function attempt(id: string): Promise<AttemptOutcome | null> {
    const delivery = await prisma.webhookDelivery.findUnique({ where: { id }, include: { event: true, webhook: { include: { credentials: true } } } });
    if (!delivery) return null;
    const { event, webhook } = delivery;
    const sealed = webhook.credentials[0];
    if (!webhook.enabled || !sealed) return { kind: "refused", message: webhook.enabled ? "webhook has no signing secret" : "webhook is disabled" };
    const credential = openCredential(services.cipher, sealed);
    if (credential.type !== "SECRET") return { kind: "refused", message: "webhook signing secret has an unexpected type" };
    const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, organizationId: event.organizationId, data: event.payload });
    return transport.send({ url: webhook.url, secret: credential.secret, eventId: event.id, eventType: event.type, body });
  }

  async function deliver(id: string, attemptsBefore: number, queuedAt: Date) {
    const outcome = await attempt(id).catch((error: unknown): AttemptOutcome => {
      log.error({ err: error, deliveryId: id }, "webhook delivery attempt failed unexpectedly");
      return { kind: "network", message: "internal error" };
    });
    if (!outcome) return;
    const attempts = attemptsBefore + 1;
    const now = Date.now();
    const decision = decideWebhookRetry(outcome, attempts, policy, now, queuedAt.getTime());
    const statusCode = outcome.kind === "delivered" || outcome.kind === "response" ? outcome.statusCode : null;
    const error = outcome.kind === "delivered" ? null : outcome.kind === "response" ? `receiver answered HTTP ${outcome.statusCode}` : outcome.message;
    await prisma.webhookDelivery.update({
      where: { id },
      data: {
        attempts,
        lastAttemptAt: new Date(now),
        lastStatusCode: statusCode,
        lastError: error,
        status: outcome.kind === "delivered" ? "SUCCEEDED" : decision.retry ? "PENDING" : "FAILED",
        ...(outcome.kind === "delivered" && { deliveredAt: new Date(now) }),
        ...(decision.retry && { nextAttemptAt: new Date(now + decision.delayMs) }),
      },
    });
    if (decision.retry) later(decision.delayMs);
    log.debug({ deliveryId: id, attempts, outcome: outcome.kind, statusCode }, "webhook delivery attempt");
  }

  /** Wakes again when a retry falls due, so short backoffs do not wait for the poll. */
  function later(delayMs: number) {
    if (stopped || delayMs > settings.pollIntervalMs) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void wake();
    }, delayMs + 5);
    timer.unref();
    timers.add(timer);
  }

  async function round() {
    for (let rounds = 0; rounds < maxRoundsPerWake && !stopped; rounds++) {
      const ids = await claim();
      if (ids.length === 0) return;
      const rows = await prisma.webhookDelivery.findMany({ where: { id: { in: ids } }, select: { id: true, attempts: true, createdAt: true } });
      await Promise.all(rows.map((row) => deliver(row.id, row.attempts, row.createdAt)));
      if (ids.length < batchSize) return;
    }
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await round().catch((error: unknown) => log.warn({ err: error }, "webhook dispatcher round failed"));
      } while (again && !stopped);
      running = null;
    })();
    return running;
  }

  /** One bounded statement per batch; replicas pruning at once skip each other's rows. Deliveries go with their event (cascade). */
  async function prune(): Promise<number> {
    const cutoff = new Date(now() - settings.retentionDays * 86_400_000);
    let deleted = 0;
    for (;;) {
      const count = await prisma.$executeRaw`
        DELETE FROM "WebhookEvent" WHERE "id" IN (
          SELECT "id" FROM "WebhookEvent" AS event WHERE "createdAt" < ${cutoff}::timestamptz AND NOT EXISTS (
            SELECT 1 FROM "WebhookDelivery" AS delivery
            WHERE delivery."organizationId" = event."organizationId" AND delivery."eventId" = event."id" AND delivery."status" = 'PENDING')
          LIMIT ${pruneBatchSize}::int FOR UPDATE SKIP LOCKED)`;
      deleted += count;
      if (count < pruneBatchSize || stopped) return deleted;
    }
  }

  function pruneWhenDue() {
    if (stopped || pruning || now() - prunedAt < pruneEveryMs) return;
    prunedAt = now();
    pruning = prune()
      .then((events) => {
        if (events > 0) log.info({ events }, "pruned webhook events past retention");
      })
      .catch((error: unknown) => log.warn({ err: error }, "pruning webhook events failed"))
      .finally(() => {
        pruning = null;
      });
  }

  async function listen() {
    subscription = services.bus.subscribe("webhooks-due")[Symbol.asyncIterator]();
    while (!stopped) {
      const next = await subscription.next();
      if (next.done) return;
      void wake();
    }
  }

  return {
    start() {
      poll = setInterval(() => {
        void wake();
        pruneWhenDue();
      }, settings.pollIntervalMs);
      poll.unref();
      void listen().catch((error: unknown) => log.warn({ err: error }, "webhook dispatcher stopped listening"));
      void wake();
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      for (const timer of timers) clearTimeout(timer);
      await subscription?.return?.();
      await running;
      await pruning;
      await transport.close();
    },
    wake,
    prune,
  };
}
