/** Arrangements shared by the management tests: narrowed organization tokens, retried assertions, recorded connector calls. */
import { expect } from "vitest";
import type { StatusEventInput } from "../../src/events/status-recorder.ts";
import { createOrganizationToken } from "../helpers/flows.ts";
import type { TestGateway } from "../helpers/gateway.ts";

/** Mints an organization token no wider than `token`, e.g. `{ permissionSet: "VIEWER", accountIds: [x] }`. */
export async function narrowedToken(gateway: TestGateway, token: string, input: { permissionSet: string; accountIds?: string[]; permissions?: string[] }) {
  const response = await createOrganizationToken(gateway, token, input);
  expect(response.body.errors).toBeUndefined();
  const accessToken = response.body.data?.createOrganizationToken.tokens.accessToken;
  if (!accessToken) throw new Error("createOrganizationToken failed");
  return accessToken;
}

/** Retries an assertion for a short while, for effects that land just after the answer (live events, status batches). */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** One connector call of an integration, as the status recorder is handed it: a 200, or a 503 counted as the provider's failure. */
export function recordedCall(owner: { tenantId: string; organizationId: string; accountId: string }, integrationId: string, succeeded: boolean, time: Date, bytes = 100): StatusEventInput {
  return {
    ...owner,
    integrationId,
    operation: "ticketing_query_tickets",
    succeeded,
    httpStatus: succeeded ? 200 : 503,
    latencyMs: 12,
    bytes,
    errorCode: succeeded ? null : "PROVIDER_UNAVAILABLE",
    time,
  };
}
