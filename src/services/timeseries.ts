/**
 * Status timeseries: per-minute buckets over the last hour or per-hour buckets over the last day,
 * for the organization or one integration. Aggregated in SQL; the only raw query in request code,
 * so it applies the caller's tenant, organization and account restriction explicitly.
 */
import type { Context } from "../context.ts";
import { asOrganization } from "../auth/require.ts";
import { notFound } from "../errors.ts";
import { isUuid } from "./names.ts";

export type TimeseriesRange = "LAST_HOUR" | "LAST_DAY";

export interface StatusBucket {
  start: Date;
  succeeded: number;
  failed: number;
  averageLatencyMs: number | null;
  p95LatencyMs: number | null;
}

const shapes = {
  LAST_HOUR: { unit: "minute", stepMs: 60_000, buckets: 60 },
  LAST_DAY: { unit: "hour", stepMs: 3_600_000, buckets: 24 },
} as const;

export async function statusTimeseries(caller: Context, request: { integrationId: string | null; range: TimeseriesRange }, now = new Date()): Promise<StatusBucket[]> {
  const context = asOrganization(caller);
  const { viewer, db, services } = context;
  if (request.integrationId !== null) {
    const visible = isUuid(request.integrationId) && (await db.integration.count({ where: { id: request.integrationId } })) === 1;
    if (!visible) throw notFound("Integration");
  }
  const shape = shapes[request.range];
  const end = Math.floor(now.getTime() / shape.stepMs) * shape.stepMs + shape.stepMs;
  const since = new Date(end - shape.buckets * shape.stepMs);
  const rows = await services.prisma.$queryRaw<{ bucket: Date; succeeded: number; failed: number; average: number | null; p95: number | null }[]>`
    SELECT date_trunc(${shape.unit}, "time") AS bucket,
           (count(*) FILTER (WHERE "outcome" = 'SUCCESS'))::int AS succeeded,
           (count(*) FILTER (WHERE "outcome" = 'FAILURE'))::int AS failed,
           avg("latencyMs")::float8 AS average,
           (percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs"))::float8 AS p95
      FROM "StatusEvent"
     WHERE "tenantId" = ${viewer.tenantId}::uuid
       AND "organizationId" = ${viewer.organizationId}::uuid
       AND "time" >= ${since}
       AND (${request.integrationId}::uuid IS NULL OR "integrationId" = ${request.integrationId}::uuid)
       AND (${viewer.accountIds === null} OR "accountId" = ANY(${viewer.accountIds ?? []}::uuid[]))
  GROUP BY 1`;
  const byStart = new Map(rows.map((row) => [new Date(row.bucket).getTime(), row]));
  return Array.from({ length: shape.buckets }, (_, index) => {
    const start = since.getTime() + index * shape.stepMs;
    const row = byStart.get(start);
    return {
      start: new Date(start),
      succeeded: row?.succeeded ?? 0,
      failed: row?.failed ?? 0,
      averageLatencyMs: row?.average ?? null,
      p95LatencyMs: row?.p95 ?? null,
    };
  });
}
