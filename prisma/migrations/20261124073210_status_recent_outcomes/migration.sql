-- AlterTable
ALTER TABLE "IntegrationStatus" ADD COLUMN     "recentOutcomes" BOOLEAN[] DEFAULT ARRAY[]::BOOLEAN[];

-- Existing statuses start from the outcomes their events recorded since the last reset.
UPDATE "IntegrationStatus" status SET "recentOutcomes" = COALESCE((
  SELECT array_agg(latest.outcome = 'SUCCESS' ORDER BY latest.time DESC)
  FROM (
    SELECT event.outcome, event.time FROM "StatusEvent" event
    WHERE event."integrationId" = status."integrationId" AND (status."resetAt" IS NULL OR event.time > status."resetAt")
    ORDER BY event.time DESC
    LIMIT 10
  ) latest
), ARRAY[]::BOOLEAN[]);
