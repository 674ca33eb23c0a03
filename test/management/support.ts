/** Arrangements shared by the management tests: narrowed organization tokens, and waiting for fire-and-forget audit rows. */
import { expect } from "vitest";
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

/** Retries an assertion for a short while: denied mutations are audited off the request path. */
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
