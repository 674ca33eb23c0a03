/**
 * Records one status event per connector call without adding a database round trip to the call:
 * events are buffered and written in batches (every 50 ms while anyone watches live status, every
 * 200 ms otherwise, or at 500 events, and on shutdown), then each touched integration's counters
 * and health are brought up to date and published on the bus (a busy integration's counters-only
 * changes at most every 200 ms: see change-throttle.ts).
 * A batch is one transaction of two statements however many integrations it touches (lock their
 * status rows, creating the missing ones; then insert the events and update the statuses), plus the
 * outbox's to queue webhook events when a health changed. Each passes its rows as column arrays: the
 * row-by-row parameters of `createMany` cost several times more, and every statement is a round trip.
 */
import type { Logger } from "pino";
import type { IntegrationStatus, PrismaClient } from "../generated/prisma/client.ts";
import { v7 as uuidv7 } from "uuid";
import type { EventBus, StatusChange, StatusEventMessage } from "./bus.ts";
import { decideHealth, healthWindow, type Health } from "./decide-health.ts";
import { enqueueWebhookEvents, toStatusChangeData } from "../webhooks/outbox.ts";
import { lockStatusRows, type LockedStatus } from "./status-lock.ts";
import { columnOf } from "../db/columns.ts";
import { createChangeThrottle } from "./change-throttle.ts";

export interface StatusEventInput {
  tenantId: string;
  organizationId: string;
  accountId: string;
  integrationId: string;
  operation: string;
  succeeded: boolean;
  httpStatus: number | null;
  latencyMs: number;
  bytes: number;
  errorCode: string | null;
  time: Date;
}

export interface StatusRecorder {
  record(event: StatusEventInput): void;
  /** Writes everything buffered so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** What live subscribers learn of an integration's status (the recorder's batches and a reset alike). */
export const toStatusChange = (status: IntegrationStatus, previousHealth: Health | null): StatusChange => ({
  tenantId: status.tenantId,
  organizationId: status.organizationId,
  accountId: status.accountId,
  integrationId: status.integrationId,
  health: status.health,
  previousHealth,
  requests: status.requests,
  failures: status.failures,
  lastSuccessAt: status.lastSuccessAt,
  lastErrorAt: status.lastErrorAt,
  lastError: status.lastError,
  time: status.updatedAt,
});

interface StatusUpdate {
  integrationId: string;
  tenantId: string;
  organizationId: string;
  accountId: string;
  previousHealth: Health | null;
  health: Health;
  recentOutcomes: boolean[];
  requests: number;
  failures: number;
  bytes: number;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
}

/** An integration's events of one batch, oldest first, applied to its status as the lock found it. */
function toStatusUpdate(events: StatusEventInput[], locked: LockedStatus | undefined): StatusUpdate {
  const first = events[0] as StatusEventInput;
  const failures = events.filter((event) => !event.succeeded);
  const lastFailure = failures.at(-1);
  const recentOutcomes = [...events.map((event) => event.succeeded).reverse(), ...(locked?.recentOutcomes ?? [])].slice(0, healthWindow);
  return {
    integrationId: first.integrationId,
    tenantId: first.tenantId,
    organizationId: first.organizationId,
    accountId: first.accountId,
    previousHealth: locked?.health ?? null,
    health: decideHealth(recentOutcomes),
    recentOutcomes,
    requests: events.length,
    failures: failures.length,
    bytes: events.reduce((sum, event) => sum + event.bytes, 0),
    lastSuccessAt: events.findLast((event) => event.succeeded)?.time ?? null,
    lastErrorAt: lastFailure?.time ?? null,
    lastError: lastFailure?.errorCode ?? null,
  };
}

/** PostgreSQL's text form of a boolean array, for a column of arrays (`unnest` would flatten a two-dimensional one). */
const booleanArrayLiteral = (values: boolean[]) => `{${values.map((value) => (value ? "t" : "f")).join(",")}}`;

/** Inserts a batch's events and adds its counts to every integration's status, in one statement. */
async function writeBatch(prisma: PrismaClient, events: StatusEventMessage[], bytes: number[], updates: StatusUpdate[]): Promise<IntegrationStatus[]> {
  const event = columnOf(events);
  const update = columnOf(updates);
  const now = new Date();
  return prisma.$queryRaw<IntegrationStatus[]>`
    WITH inserted AS (
      INSERT INTO "StatusEvent" ("id", "tenantId", "organizationId", "accountId", "integrationId", "time", "operation", "outcome", "httpStatus", "latencyMs", "bytes", "errorCode")
      SELECT id, tenant, organization, account, integration, time, operation, outcome::"Outcome", http_status, latency, bytes, error_code
      FROM unnest(
        ${event("id")}::uuid[], ${event("tenantId")}::uuid[], ${event("organizationId")}::uuid[], ${event("accountId")}::uuid[],
        ${event("integrationId")}::uuid[], ${event("time")}::timestamptz[], ${event("operation")}::text[], ${event("outcome")}::text[],
        ${event("httpStatus")}::int[], ${event("latencyMs")}::int[], ${bytes}::int[], ${event("errorCode")}::text[]
      ) AS batch(id, tenant, organization, account, integration, time, operation, outcome, http_status, latency, bytes, error_code)
    )
    INSERT INTO "IntegrationStatus" AS status ("integrationId", "tenantId", "organizationId", "accountId", "health", "recentOutcomes", "requests", "failures", "bytes", "lastSuccessAt", "lastErrorAt", "lastError", "updatedAt")
    SELECT integration, tenant, organization, account, health::"IntegrationHealth", recent::boolean[], requests, failures, bytes, last_success, last_error_at, last_error, ${now}::timestamptz
    FROM unnest(
      ${update("integrationId")}::uuid[], ${update("tenantId")}::uuid[], ${update("organizationId")}::uuid[], ${update("accountId")}::uuid[],
      ${update("health")}::text[], ${updates.map((row) => booleanArrayLiteral(row.recentOutcomes))}::text[], ${update("requests")}::int[], ${update("failures")}::int[], ${update("bytes")}::bigint[],
      ${update("lastSuccessAt")}::timestamptz[], ${update("lastErrorAt")}::timestamptz[], ${update("lastError")}::text[]
    ) AS batch(integration, tenant, organization, account, health, recent, requests, failures, bytes, last_success, last_error_at, last_error)
    ON CONFLICT ("integrationId") DO UPDATE SET
      "health" = excluded."health",
      "recentOutcomes" = excluded."recentOutcomes",
      "requests" = status."requests" + excluded."requests",
      "failures" = status."failures" + excluded."failures",
      "bytes" = status."bytes" + excluded."bytes",
      "lastSuccessAt" = COALESCE(excluded."lastSuccessAt", status."lastSuccessAt"),
      "lastErrorAt" = COALESCE(excluded."lastErrorAt", status."lastErrorAt"),
      "lastError" = CASE WHEN excluded."lastErrorAt" IS NULL THEN status."lastError" ELSE excluded."lastError" END,
      "updatedAt" = excluded."updatedAt"
    RETURNING status.*`;
}

export function createStatusRecorder(
  prisma: PrismaClient,
  log: Logger,
  options: {
    /** Batch interval while `watched()`; default 50 ms. */
    intervalMs?: number;
    /** Batch interval while nobody watches; default 200 ms. */
    unwatchedIntervalMs?: number;
    /** Whether anyone waits on the changes published (live subscribers); default: always. */
    watched?: () => boolean;
    maxBuffer?: number;
    bus?: EventBus;
    changeIntervalMs?: number;
  } = {},
): StatusRecorder {
  const bus = options.bus;
  // Short batches while subscribers wait: all of a batch's changes are published at once, so its
  // size sets how long the last subscriber waits behind the others (and its age, how stale a change
  // is on arrival). Unwatched, longer ones spare the calls most of the batches' transactions.
  const intervalMs = options.intervalMs ?? 50;
  const unwatchedIntervalMs = Math.max(intervalMs, options.unwatchedIntervalMs ?? 200);
  const watched = options.watched ?? (() => true);
  const changes = createChangeThrottle((change) => bus?.publish("status-changed", change.organizationId, change), options.changeIntervalMs ?? 200);
  const maxBuffer = options.maxBuffer ?? 500;
  let buffer: StatusEventInput[] = [];
  let bufferSince = 0;
  let writing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (buffer.length > 0 && (watched() || performance.now() - bufferSince >= unwatchedIntervalMs - intervalMs / 2)) void flush();
  }, intervalMs);
  timer.unref();

  async function write(batch: StatusEventInput[]) {
    const byIntegration = new Map<string, StatusEventInput[]>();
    for (const event of batch) {
      const events = byIntegration.get(event.integrationId);
      if (events) events.push(event);
      else byIntegration.set(event.integrationId, [event]);
    }
    const rows: StatusEventMessage[] = batch.map(({ succeeded, bytes: _bytes, ...event }) => ({ id: uuidv7(), ...event, outcome: succeeded ? "SUCCESS" : "FAILURE" }));
    const saved = new Map<string, IntegrationStatus>();
    // Decided under the integrations' row locks, and committed with the outbox rows of any health change.
    const { updates, changed } = await prisma.$transaction(async (transaction) => {
      const tx = transaction as PrismaClient;
      const locked = await lockStatusRows(tx, [...byIntegration.values()].map(([first]) => first as StatusEventInput));
      const updates = [...byIntegration].map(([integrationId, events]) => toStatusUpdate(events, locked.get(integrationId)));
      const changed = updates.filter((update) => update.health !== (update.previousHealth ?? "UNKNOWN"));
      for (const status of await writeBatch(tx, rows, batch.map((event) => event.bytes), updates)) saved.set(status.integrationId, status);
      const events = changed.flatMap((update) => {
        const row = saved.get(update.integrationId);
        return row ? [{ tenantId: row.tenantId, organizationId: row.organizationId, type: "integration.status_changed" as const, data: toStatusChangeData(row, update.previousHealth) }] : [];
      });
      await enqueueWebhookEvents(tx, events);
      return { updates, changed };
    });
    for (const row of rows) bus?.publish("status-event", row.organizationId, row);
    for (const update of updates) {
      const row = saved.get(update.integrationId);
      if (row) changes.offer(toStatusChange(row, update.previousHealth));
    }
    if (changed.length > 0) bus?.publish("webhooks-due", Date.now());
  }

  async function withoutDeletedIntegrations(batch: StatusEventInput[]): Promise<StatusEventInput[]> {
    const rows = await prisma.integration.findMany({ where: { id: { in: [...new Set(batch.map((event) => event.integrationId))] } }, select: { id: true } });
    const existing = new Set(rows.map((row) => row.id));
    return batch.filter((event) => existing.has(event.integrationId));
  }

  function flush(): Promise<void> {
    if (buffer.length === 0) return writing;
    const batch = buffer;
    buffer = [];
    writing = writing.then(() =>
      write(batch).catch(async (error: unknown) => {
        // Written once more: without the events of integrations deleted since their calls were made
        // (theirs go, not the batch's others), or as it was after losing a deadlock (see status-lock.ts).
        const kept = await withoutDeletedIntegrations(batch).catch(() => batch);
        if (kept.length === 0) return;
        try {
          return await write(kept);
        } catch (retryError) {
          error = retryError;
        }
        log.warn({ err: error, events: kept.length }, "could not record status events");
      }),
    );
    return writing;
  }

  return {
    record(event) {
      if (buffer.length === 0) bufferSince = performance.now();
      buffer.push(event);
      if (buffer.length >= maxBuffer) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
      changes.flush();
    },
  };
}
