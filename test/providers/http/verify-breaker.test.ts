import { afterAll, beforeAll, expect, it } from "vitest";
import { breakers } from "../../../providers/http/breaker.ts";
import { createAccount, seedAdminToken } from "../../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../../helpers/gateway.ts";
import { json, startLocalServer, type LocalServer } from "./local-server.ts";

const VerifyMutation = `
  mutation VerifyUnsaved($input: VerifyIntegrationInput!) {
    verifyIntegration(input: $input) { result { ok code message } }
  }
`;

type VerifyAnswer = { verifyIntegration: { result: { ok: boolean; code: string | null; message: string } } };

let gateway: TestGateway;
let provider: LocalServer;

beforeAll(async () => {
  provider = await startLocalServer();
  gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
});
afterAll(async () => {
  await gateway.stop();
  await provider.close();
});

it("verifies an unsaved configuration without a circuit breaker: every verify reaches the provider, and none takes a registry slot", async () => {
  const token = await seedAdminToken(gateway);
  const account = await createAccount(gateway, token, "verify-breaker");
  const input = { accountId: account.id, provider: { ticketingJira: { apiBaseUrl: provider.origin, credential: { basic: { username: "ana@example.com", password: "api-token" } } } } };
  provider.script(json(500, {}));
  const before = breakers.size;
  // Well past the default threshold of five failed calls, which would pause a saved integration's calls.
  for (let verify = 1; verify <= 8; verify++) {
    const answer = await gql<VerifyAnswer>(gateway, VerifyMutation, { token, variables: { input } });
    expect(answer.body.data?.verifyIntegration.result).toMatchObject({ ok: false, code: "PROVIDER_UNAVAILABLE", message: expect.stringMatching(/HTTP 500/) });
    expect(provider.received).toHaveLength(verify);
  }
  expect(breakers.size).toBe(before);
});
