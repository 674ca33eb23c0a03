/** Account writes: create, update and delete, each validated and audited. */
import type { Context } from "../context.ts";
import type { Environment, PrismaClient } from "../generated/prisma/client.ts";
import { announceWebhookEvents, enqueueWebhookEvent, toAccountData, toIntegrationData } from "../webhooks/outbox.ts";
import { badInput, notFound } from "../errors.ts";
import { recordAudit } from "./audit.ts";
import { assertSlug, assertText, isUuid } from "./names.ts";
import { assertWholeOrganization } from "./organization-wide.ts";
import { owner } from "./owner.ts";
import { mapWriteErrors } from "./prisma-errors.ts";

export interface AccountChanges {
  name?: string | null;
  fullname?: string | null;
  environment?: Environment | null;
  labels?: string[] | null;
}

function validLabels(labels: string[]): string[] {
  if (labels.length > 50) throw badInput("labels", "at most 50 labels");
  return [...new Set(labels.map((label) => assertSlug("labels", label)))];
}

export async function createAccount(context: Context, input: AccountChanges & { name: string }) {
  // Checked before the name, so a restricted token learns nothing of other accounts' names from CONFLICT.
  await assertWholeOrganization(context, { action: "accounts.create", resourceType: "Account", resourceId: null, reason: "the organization's set of accounts" });
  const name = assertSlug("name", input.name);
  const account = await mapWriteErrors("Account", () =>
    context.db.$transaction(async (tx) => {
      const created = await tx.account.create({
        data: {
          ...owner(context),
          name,
          fullname: assertText("fullname", input.fullname ?? name),
          environment: input.environment ?? "TEST",
          labels: validLabels(input.labels ?? []),
        },
      });
      await enqueueWebhookEvent(tx as PrismaClient, { ...owner(context), type: "account.created", data: toAccountData(created) });
      return created;
    }),
  );
  announceWebhookEvents(context.services.bus);
  await recordAudit(context, { action: "accounts.create", resourceType: "Account", resourceId: account.id, accountId: account.id });
  return account;
}

export async function updateAccount(context: Context, id: string, input: AccountChanges) {
  if (!isUuid(id)) throw notFound("Account");
  const account = await mapWriteErrors("Account", () =>
    context.db.$transaction(async (tx) => {
      const updated = await tx.account.update({
        where: { id },
        data: {
          ...(input.name != null && { name: assertSlug("name", input.name) }),
          ...(input.fullname != null && { fullname: assertText("fullname", input.fullname) }),
          ...(input.environment != null && { environment: input.environment }),
          ...(input.labels != null && { labels: validLabels(input.labels) }),
        },
      });
      await enqueueWebhookEvent(tx as PrismaClient, { ...owner(context), type: "account.updated", data: toAccountData(updated) });
      return updated;
    }),
  );
  announceWebhookEvents(context.services.bus);
  await recordAudit(context, { action: "accounts.update", resourceType: "Account", resourceId: id, accountId: id });
  return account;
}

/**
 * Deletes the account with its integrations (announcing each), credentials and tokens, and the
 * organization tokens restricted to accounts none of which remain; those tokens fail on the next request.
 */
export async function deleteAccount(context: Context, id: string) {
  if (!isUuid(id)) throw notFound("Account");
  const tokens = await context.db.refreshToken.findMany({ where: { accountId: id }, select: { id: true } });
  const account = await mapWriteErrors("Account", () =>
    context.db.$transaction(async (tx) => {
      // The lock keeps an integration from being added between this read and the cascade, where it would go unannounced.
      await tx.$queryRaw`SELECT 1 FROM "Account" WHERE "id" = ${id}::uuid AND "organizationId" = ${owner(context).organizationId}::uuid FOR UPDATE`;
      const integrations = await tx.integration.findMany({ where: { accountId: id }, orderBy: { createdAt: "asc" } });
      const deleted = await tx.account.delete({ where: { id } });
      // Organization tokens restricted to accounts of which none is left would go on answering empty pages; they go too.
      const stranded = await tx.$queryRaw<{ id: string }[]>`
        DELETE FROM "RefreshToken" AS t
        WHERE t."organizationId" = ${owner(context).organizationId}::uuid AND cardinality(t."accountIds") > 0
          AND NOT EXISTS (SELECT 1 FROM "Account" AS a WHERE a."id" = ANY(t."accountIds"))
        RETURNING t."id"`;
      tokens.push(...stranded);
      // The database deletes the account's integrations with it; subscribers to integration events hear of each.
      for (const integration of integrations) {
        await enqueueWebhookEvent(tx as PrismaClient, { ...owner(context), type: "integration.deleted", data: toIntegrationData(integration) });
      }
      await enqueueWebhookEvent(tx as PrismaClient, { ...owner(context), type: "account.deleted", data: toAccountData(deleted) });
      return deleted;
    }),
  );
  announceWebhookEvents(context.services.bus);
  for (const token of tokens) context.services.liveness.invalidate(token.id);
  await recordAudit(context, { action: "accounts.delete", resourceType: "Account", resourceId: id, accountId: id });
  return account;
}
