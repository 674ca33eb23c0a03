/** GraphQL documents and small arrangements the webhook tests share. */
import { expect } from "vitest";
import { gql, type TestGateway } from "../helpers/gateway.ts";

export const allEventTypes = [
  "ACCOUNT_CREATED",
  "ACCOUNT_UPDATED",
  "ACCOUNT_DELETED",
  "INTEGRATION_CREATED",
  "INTEGRATION_UPDATED",
  "INTEGRATION_DELETED",
  "INTEGRATION_STATUS_CHANGED",
];

export async function createWebhook(gateway: { url: string }, token: string, url: string, name = "receiver", events = allEventTypes): Promise<{ id: string; secret: string }> {
  const response = await gql<{ createOrganizationWebhook: { signingSecret: string; webhook: { id: string } } }>(
    gateway,
    `mutation ($input: CreateOrganizationWebhookInput!) { createOrganizationWebhook(input: $input) { signingSecret webhook { id } } }`,
    { token, variables: { input: { name, url, events } } },
  );
  expect(response.body.errors).toBeUndefined();
  const created = response.body.data?.createOrganizationWebhook;
  if (!created) throw new Error("createOrganizationWebhook failed");
  return { id: created.webhook.id, secret: created.signingSecret };
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export async function deliveries(gateway: TestGateway | { url: string }, token: string, webhookId: string, status?: string): Promise<DeliveryRow[]> {
  const response = await gql<{ organizationWebhook: { deliveries: { edges: { node: DeliveryRow }[] } } }>(
    gateway,
    `query ($id: ID!, $status: WebhookDeliveryStatus) { organizationWebhook(id: $id) { deliveries(first: 100, status: $status) {
       edges { node { id eventId eventType status attempts responseStatus lastError deliveredAt } } } } }`,
    { token, variables: { id: webhookId, status } },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.organizationWebhook.deliveries.edges.map((edge) => edge.node) ?? [];
}

export const mutate = (gateway: { url: string }, token: string, query: string, input: Record<string, unknown>) =>
  gql<Record<string, unknown>>(gateway, query, { token, variables: { input } });
