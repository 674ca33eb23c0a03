/**
 * Records one status event per connector call without adding a database round trip to the call:
 * events are buffered and written in batches (every 50 ms while anyone watches live status, every
 * 200 ms otherwise, or at 500 events, and on shutdown), then each touched integration's counters
 * and health are brought up to date and published on the bus (a busy integration's counters-only
 * changes at most every 200 ms: see change-throttle.ts).
 * A batch is one transaction of the same few statements however many integrations it touches
 * (create and lock their status rows, insert the events, read their recent outcomes, upsert their
 * statuses, queue webhook events for health changes), each over column arrays: the row-by-row
 * parameters of `createMany` cost several times more.
 */
import type { Logger } from "pino";
import type { IntegrationStatus, PrismaClient } from "../generated/prisma/client.ts";
import { v7 as uuidv7 } from "uuid";
import type { EventBus, StatusChange, StatusEventMessage } from "./bus.ts";
import { decideHealth, healthWindow, type Health } from "./decide-health.ts";
import { enqueueWebhookEvents, toStatusChangeData } from "../webhooks/outbox.ts";
import { lockStatusRows } from "./status-lock.ts";
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

/** Inserts a batch of status events in one statement and returns them as subscribers see them. */
async function insertStatusEvents(prisma: PrismaClient, batch: StatusEventInput[]): Promise<StatusEventMessage[]> {
  const rows: StatusEventMessage[] = batch.map(({ succeeded, bytes: _bytes, ...event }) => ({ id: uuidv7(), ...event, outcome: succeeded ? "SUCCESS" : "FAILURE" }));
  const column = columnOf(rows);
  await prisma.$executeRaw`
    INSERT INTO "StatusEvent" ("id", "tenantId", "organizationId", "accountId", "integrationId", "time", "operation", "outcome", "httpStatus", "latencyMs", "bytes", "errorCode")
    SELECT id, tenant, organization, account, integration, time, operation, outcome::"Outcome", http_status, latency, bytes, error_code
    FROM unnest(
      ${column("id")}::uuid[], ${column("tenantId")}::uuid[], ${column("organizationId")}::uuid[], ${column("accountId")}::uuid[],
      ${column("integrationId")}::uuid[], ${column("time")}::timestamptz[], ${column("operation")}::text[], ${column("outcome")}::text[],
      ${column("httpStatus")}::int[], ${column("latencyMs")}::int[], ${batch.map((event) => event.bytes)}::int[], ${column("errorCode")}::text[]
    ) AS batch(id, tenant, organization, account, integration, time, operation, outcome, http_status, latency, bytes, error_code)`;
  return rows;
}

interface RecentOutcomes {
  previousHealth: Health | null;
  /** Outcomes since the last reset, newest first, at most `healthWindow`. */
  succeeded: boolean[];
}

/**
 * For every integration of a batch at once (the batch's own events already inserted): its current
 * health and its most recent outcomes since its last reset, from the (integrationId, time) index.
 */
async function readRecentOutcomes(prisma: PrismaClient, integrationIds: string[]): Promise<Map<string, RecentOutcomes>> {
  const rows = await prisma.$queryRaw<{ integrationId: string; health: Health | null; outcomes: string[] }[]>`
    SELECT ids.id::text AS "integrationId", status.health::text AS health, COALESCE(recent.outcomes, ARRAY[]::text[]) AS outcomes
    FROM unnest(${integrationIds}::uuid[]) AS ids(id)
    LEFT JOIN "IntegrationStatus" status ON status."integrationId" = ids.id
    LEFT JOIN LATERAL (
      SELECT array_agg(latest.outcome::text ORDER BY latest.time DESC) AS outcomes
      FROM (
        SELECT event.outcome, event.time FROM "StatusEvent" event
        WHERE event."integrationId" = ids.id AND (status."resetAt" IS NULL OR event.time > status."resetAt")
        ORDER BY event.time DESC
        LIMIT ${healthWindow}
      ) latest
    ) recent ON true`;
  return new Map(rows.map((row) => [row.integrationId, { previousHealth: row.health, succeeded: row.outcomes.map((outcome) => outcome === "SUCCESS") }]));
}

interface StatusUpdate {
  integrationId: string;
  tenantId: string;
  organizationId: string;
  accountId: string;
  previousHealth: Health | null;
  health: Health;
  requests: number;
  failures: number;
  bytes: number;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
}

function toStatusUpdate(events: StatusEventInput[], recent: RecentOutcomes | undefined): StatusUpdate {
  const first = events[0] as StatusEventInput;
  const failures = events.filter((event) => !event.succeeded);
  const lastFailure = failures.at(-1);
  return {
    integrationId: first.integrationId,
    tenantId: first.tenantId,
    organizationId: first.organizationId,
    accountId: first.accountId,
    previousHealth: recent?.previousHealth ?? null,
    health: decideHealth(recent?.succeeded ?? []),
    requests: events.length,
    failures: failures.length,
    bytes: events.reduce((sum, event) => sum + event.bytes, 0),
    lastSuccessAt: events.findLast((event) => event.succeeded)?.time ?? null,
    lastErrorAt: lastFailure?.time ?? null,
    lastError: lastFailure?.errorCode ?? null,
  };
}

/** Adds a batch's counts to every integration's status in one statement, creating the rows that are missing. */
async function upsertStatuses(prisma: PrismaClient, updates: StatusUpdate[]): Promise<IntegrationStatus[]> {
  const column = columnOf(updates);
  const now = new Date();
  return prisma.$queryRaw<IntegrationStatus[]>`
    INSERT INTO "IntegrationStatus" AS status ("integrationId", "tenantId", "organizationId", "accountId", "health", "requests", "failures", "bytes", "lastSuccessAt", "lastErrorAt", "lastError", "updatedAt")
    SELECT integration, tenant, organization, account, health::"IntegrationHealth", requests, failures, bytes, last_success, last_error_at, last_error, ${now}::timestamptz
    FROM unnest(
      ${column("integrationId")}::uuid[], ${column("tenantId")}::uuid[], ${column("organizationId")}::uuid[], ${column("accountId")}::uuid[],
      ${column("health")}::text[], ${column("requests")}::int[], ${column("failures")}::int[], ${column("bytes")}::bigint[],
      ${column("lastSuccessAt")}::timestamptz[], ${column("lastErrorAt")}::timestamptz[], ${column("lastError")}::text[]
    ) AS batch(integration, tenant, organization, account, health, requests, failures, bytes, last_success, last_error_at, last_error)
    ON CONFLICT ("integrationId") DO UPDATE SET
      "health" = excluded."health",
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
    const integrationIds = [...byIntegration.keys()];
    const saved = new Map<string, IntegrationStatus>();
    // Decided under the integrations' row locks, and committed with the outbox rows of any health change.
    const { rows, updates, changed } = await prisma.$transaction(async (transaction) => {
      const tx = transaction as PrismaClient;
      const created = await lockStatusRows(tx, [...byIntegration.values()].map(([first]) => first as StatusEventInput));
      const rows = await insertStatusEvents(tx, batch);
      const recent = await readRecentOutcomes(tx, integrationIds);
      // A row created just now had no health before this batch.
      for (const id of created) recent.set(id, { previousHealth: null, succeeded: recent.get(id)?.succeeded ?? [] });
      const updates = [...byIntegration].map(([integrationId, events]) => toStatusUpdate(events, recent.get(integrationId)));
      const changed = updates.filter((update) => update.health !== (update.previousHealth ?? "UNKNOWN"));
      for (const status of await upsertStatuses(tx, updates)) saved.set(status.integrationId, status);
      const events = changed.flatMap((update) => {
        const row = saved.get(update.integrationId);
        return row ? [{ tenantId: row.tenantId, organizationId: row.organizationId, type: "integration.status_changed" as const, data: toStatusChangeData(row, update.previousHealth) }] : [];
      });
      await enqueueWebhookEvents(tx, events);
      return { rows, updates, changed };
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
        // An integration deleted since its calls were made takes its events along, not the batch's others.
        const kept = await withoutDeletedIntegrations(batch).catch(() => batch);
        if (kept.length === 0) return;
        if (kept.length < batch.length) {
          try {
            return await write(kept);
          } catch (retryError) {
            error = retryError;
          }
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
