/**
 * Organization webhooks: where event notifications go, which events, and the signing secret that
 * lets receivers check them. The secret is sealed as a Credential and shown once, when made.
 */
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { Context } from "../context.ts";
import type { OrganizationWebhook, PrismaClient } from "../generated/prisma/client.ts";
import { badInput, notFound } from "../errors.ts";
import { isPrivateAddress } from "../../providers/http/address-guard.ts";
import { recordAudit } from "./audit.ts";
import { createCredential } from "./credentials.ts";
import { assertSlug, isUuid } from "./names.ts";
import { assertWholeOrganization } from "./organization-wide.ts";
import { owner } from "./owner.ts";
import { mapWriteErrors } from "./prisma-errors.ts";

/** Event types as stored in `OrganizationWebhook.events` and sent to receivers. */
export const webhookEventTypes = [
  "account.created",
  "account.updated",
  "account.deleted",
  "integration.created",
  "integration.updated",
  "integration.deleted",
  "integration.status_changed",
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

export const maxWebhookUrlLength = 2_048;

/**
 * A host that is this machine or a private network by itself, before any DNS lookup. IPv6 literals
 * starting with `::` (unspecified, loopback, IPv4-mapped or -compatible, which URL parsing writes
 * in hex) all count as private.
 */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 0) return false;
  return host.startsWith("::") || isPrivateAddress(host);
}

/**
 * Receivers are reached over https. Plain http, and hosts that are literally loopback or private,
 * are only for local development with SWITCHYARD_ALLOW_PRIVATE_NETWORKS=true (http then only to
 * localhost / 127.0.0.1). Delivery re-checks resolved addresses.
 */
export function validWebhookUrl(value: string, allowPrivateNetworks: boolean): string {
  if (value.length > maxWebhookUrlLength) throw badInput("url", `must be at most ${maxWebhookUrlLength} characters`);
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url) throw badInput("url", "must be an absolute https URL");
  if (url.username || url.password) throw badInput("url", "must not contain credentials");
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol === "http:") {
    if (!(allowPrivateNetworks && loopback)) throw badInput("url", "must use https (http only to localhost when private networks are allowed)");
  } else if (url.protocol !== "https:") {
    throw badInput("url", "must use https");
  }
  if (!allowPrivateNetworks && isPrivateHost(url.hostname)) throw badInput("url", "must not point at a loopback or private address");
  return url.toString();
}

function validEvents(events: readonly string[]): WebhookEventType[] {
  const unique = [...new Set(events)];
  if (unique.length === 0) throw badInput("events", "give at least one event type");
  const unknown = unique.find((event) => !(webhookEventTypes as readonly string[]).includes(event));
  if (unknown !== undefined) throw badInput("events", `unknown event type ${JSON.stringify(unknown.slice(0, 64))}`);
  return unique as WebhookEventType[];
}

/** A webhook receives events of every account: account-restricted tokens may read webhooks but not change them. */
const guard = (context: Context, action: string, resourceId: string | null) =>
  assertWholeOrganization(context, { action, resourceType: "OrganizationWebhook", resourceId, reason: "organization webhooks, which receive events of every account" });

/** 32 random bytes, recognisable by its prefix in secret scanners. */
const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/** Replaces whatever signing secret the webhook had with a new one, in the caller's transaction. */
async function sealSigningSecret(context: Context, tx: PrismaClient, webhookId: string): Promise<string> {
  const secret = newSigningSecret();
  await tx.credential.deleteMany({ where: { webhookId } });
  await createCredential(context, tx, { owner: { webhookId }, name: "signing-secret", secret: { type: "SECRET", secret } });
  return secret;
}

export interface WebhookChanges {
  name?: string | null;
  url?: string | null;
  events?: readonly string[] | null;
  enabled?: boolean | null;
}

export async function createWebhook(
  context: Context,
  input: WebhookChanges & { name: string; url: string; events: readonly string[] },
): Promise<{ webhook: OrganizationWebhook; signingSecret: string }> {
  await guard(context, "webhooks.create", null);
  const data = {
    ...owner(context),
    name: assertSlug("name", input.name),
    url: validWebhookUrl(input.url, context.services.config.allowPrivateNetworks),
    events: validEvents(input.events),
    enabled: input.enabled ?? true,
  };
  const created = await mapWriteErrors("Webhook", () =>
    context.db.$transaction(async (tx) => {
      const webhook = await tx.organizationWebhook.create({ data });
      return { webhook, signingSecret: await sealSigningSecret(context, tx as PrismaClient, webhook.id) };
    }),
  );
  await recordAudit(context, { action: "webhooks.create", resourceType: "OrganizationWebhook", resourceId: created.webhook.id });
  return created;
}

export async function updateWebhook(context: Context, id: string, input: WebhookChanges): Promise<OrganizationWebhook> {
  await guard(context, "webhooks.update", id);
  if (!isUuid(id)) throw notFound("Webhook");
  const webhook = await mapWriteErrors("Webhook", () =>
    context.db.organizationWebhook.update({
      where: { id },
      data: {
        ...(input.name != null && { name: assertSlug("name", input.name) }),
        ...(input.url != null && { url: validWebhookUrl(input.url, context.services.config.allowPrivateNetworks) }),
        ...(input.events != null && { events: validEvents(input.events) }),
        ...(input.enabled != null && { enabled: input.enabled }),
      },
    }),
  );
  await recordAudit(context, { action: "webhooks.update", resourceType: "OrganizationWebhook", resourceId: id });
  return webhook;
}

/** A new signing secret, shown once; the old one stops working at once. */
export async function rotateWebhookSecret(context: Context, id: string): Promise<{ webhook: OrganizationWebhook; signingSecret: string }> {
  await guard(context, "webhooks.rotate-secret", id);
  const rotated = isUuid(id)
    ? await context.db.$transaction(async (tx) => {
        // Concurrent rotations take turns, so each caller's secret was the current one when it was answered.
        await tx.$queryRaw`SELECT 1 FROM "OrganizationWebhook" WHERE "id" = ${id}::uuid AND "organizationId" = ${owner(context).organizationId}::uuid FOR UPDATE`;
        const webhook = await tx.organizationWebhook.findUnique({ where: { id } });
        return webhook && { webhook, signingSecret: await sealSigningSecret(context, tx as PrismaClient, id) };
      })
    : null;
  if (!rotated) throw notFound("Webhook");
  await recordAudit(context, { action: "webhooks.rotate-secret", resourceType: "OrganizationWebhook", resourceId: id });
  return rotated;
}

/** Deletes the webhook and (by cascade) its signing secret. */
export async function deleteWebhook(context: Context, id: string): Promise<OrganizationWebhook> {
  await guard(context, "webhooks.delete", id);
  if (!isUuid(id)) throw notFound("Webhook");
  const webhook = await mapWriteErrors("Webhook", () => context.db.organizationWebhook.delete({ where: { id } }));
  await recordAudit(context, { action: "webhooks.delete", resourceType: "OrganizationWebhook", resourceId: id });
  return webhook;
}
