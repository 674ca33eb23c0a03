/**
 * Records one status event per connector call without adding a database round trip to the call:
 * events are buffered and written in batches (every 200 ms or 500 events, and on shutdown), then
 * each touched integration's counters and health are brought up to date and published on the bus.
 * A batch is inserted with one statement over column arrays: on embedded PGlite every statement
 * runs on the event loop, and the row-by-row parameters of `createMany` cost several times more.
 */
import type { Logger } from "pino";
import type { IntegrationStatus, PrismaClient } from "../generated/prisma/client.ts";
import { v7 as uuidv7 } from "uuid";
import type { EventBus, StatusChange, StatusEventMessage } from "./bus.ts";
import { decideHealth, healthWindow, type Health } from "./decide-health.ts";
import { enqueueWebhookEvent, toStatusChangeData } from "../webhooks/outbox.ts";

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
  const column = <K extends keyof StatusEventMessage>(key: K) => rows.map((row) => row[key]);
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

export function createStatusRecorder(
  prisma: PrismaClient,
  log: Logger,
  options: { intervalMs?: number; maxBuffer?: number; bus?: EventBus } = {},
): StatusRecorder {
  const bus = options.bus;
  const intervalMs = options.intervalMs ?? 200;
  const maxBuffer = options.maxBuffer ?? 500;
  let buffer: StatusEventInput[] = [];
  let writing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();

  async function write(batch: StatusEventInput[]) {
    const rows = await insertStatusEvents(prisma, batch);
    for (const row of rows) bus?.publish("status-event", row.organizationId, row);
    const byIntegration = new Map<string, StatusEventInput[]>();
    let changed = false;
    for (const event of batch) byIntegration.set(event.integrationId, [...(byIntegration.get(event.integrationId) ?? []), event]);
    for (const [integrationId, events] of byIntegration) {
      const current = await prisma.integrationStatus.findUnique({ where: { integrationId }, select: { resetAt: true, health: true } });
      const recent = await prisma.statusEvent.findMany({
        where: { integrationId, ...(current?.resetAt && { time: { gt: current.resetAt } }) },
        orderBy: { time: "desc" },
        take: healthWindow,
        select: { outcome: true },
      });
      const first = events[0] as StatusEventInput;
      const failures = events.filter((event) => !event.succeeded);
      const lastSuccess = events.findLast((event) => event.succeeded);
      const lastFailure = failures.at(-1);
      const counters = {
        health: decideHealth(recent.map((event) => event.outcome === "SUCCESS")),
        ...(lastSuccess && { lastSuccessAt: lastSuccess.time }),
        ...(lastFailure && { lastErrorAt: lastFailure.time, lastError: lastFailure.errorCode }),
      };
      const saved = await prisma.$transaction(async (tx) => {
        const row = await tx.integrationStatus.upsert({
          where: { integrationId },
          create: {
            integrationId,
            tenantId: first.tenantId,
            organizationId: first.organizationId,
            accountId: first.accountId,
            requests: events.length,
            failures: failures.length,
            bytes: events.reduce((sum, event) => sum + event.bytes, 0),
            ...counters,
          },
          update: {
            requests: { increment: events.length },
            failures: { increment: failures.length },
            bytes: { increment: events.reduce((sum, event) => sum + event.bytes, 0) },
            ...counters,
          },
        });
        // A health change and its webhook event commit together (the transactional outbox).
        if (row.health !== (current?.health ?? "UNKNOWN")) {
          await enqueueWebhookEvent(tx as PrismaClient, { tenantId: row.tenantId, organizationId: row.organizationId, type: "integration.status_changed", data: toStatusChangeData(row, current?.health ?? null) });
          changed = true;
        }
        return row;
      });
      bus?.publish("status-changed", first.organizationId, toStatusChange(saved, current?.health ?? null));
    }
    if (changed) bus?.publish("webhooks-due", Date.now());
  }

  function flush(): Promise<void> {
    if (buffer.length === 0) return writing;
    const batch = buffer;
    buffer = [];
    writing = writing.then(() =>
      write(batch).catch((error: unknown) => {
        // The integration may have been deleted meanwhile; its events go with it.
        log.warn({ err: error, events: batch.length }, "could not record status events");
      }),
    );
    return writing;
  }

  return {
    record(event) {
      buffer.push(event);
      if (buffer.length >= maxBuffer) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
