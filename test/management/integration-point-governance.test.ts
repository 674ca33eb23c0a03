import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import type { ProviderConfigInput } from "../generated/graphql.ts";
import { logon, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";

const SetupMutation = graphql(`
  mutation GovernanceSetup($point: CreateIntegrationPointInput!) {
    createIntegrationPoint(input: $point) { integrationPoint { id } }
    test: createAccount(input: { name: "test-account" }) { account { id } }
    prod: createAccount(input: { name: "prod-account", environment: PROD }) { account { id } }
  }
`);

const CreateUnderPoint = graphql(`
  mutation CreateUnderPoint($input: CreateIntegrationInput!) {
    createIntegration(input: $input) { integration { id integrationPoint { id name } } }
  }
`);

describe("integrations governed by an integration point", () => {
  let gateway: TestGateway;
  let token: string;
  let pointId: string;
  let testAccount: string;
  let prodAccount: string;

  beforeAll(async () => {
    gateway = await startGateway();
    token = await seedAdminToken(gateway);
    const setup = await gql(gateway, SetupMutation, {
      token,
      variables: { point: { name: "tickets", connector: "TICKETING", testProviders: ["ticketing_mock"], prodProviders: [] } },
    });
    expect(setup.body.errors).toBeUndefined();
    pointId = setup.body.data?.createIntegrationPoint.integrationPoint.id ?? "";
    testAccount = setup.body.data?.test.account.id ?? "";
    prodAccount = setup.body.data?.prod.account.id ?? "";
  });
  afterAll(() => gateway.stop());

  const create = (accountId: string, provider: ProviderConfigInput, integrationPointId = pointId) =>
    gql(gateway, CreateUnderPoint, { token, variables: { input: { accountId, name: `i-${Math.random().toString(36).slice(2, 8)}`, integrationPointId, provider } } });

  it("allows a provider the point allows for the account's environment", async () => {
    const created = await create(testAccount, { ticketingMock: {} });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.createIntegration.integration.integrationPoint).toEqual({ id: pointId, name: "tickets" });
  });

  it("refuses a provider not allowed for PROD accounts, and another connector's provider", async () => {
    const prod = await create(prodAccount, { ticketingMock: {} });
    expect(errorCode(prod)).toBe("BAD_USER_INPUT");
    expect(prod.body.errors?.[0]?.message).toMatch(/does not allow ticketing_mock for PROD/);
    const otherConnector = await create(testAccount, { identityMock: {} });
    expect(errorCode(otherConnector)).toBe("BAD_USER_INPUT");
  });

  it("answers NOT_FOUND for an unknown or another tenant's point", async () => {
    const other = await seedTenant(gateway);
    const otherToken = (await logon(gateway, other)).accessToken;
    const foreign = await gql(gateway, SetupMutation, {
      token: otherToken,
      variables: { point: { name: "tickets", connector: "TICKETING", testProviders: ["ticketing_mock"], prodProviders: [] } },
    });
    const foreignPoint = foreign.body.data?.createIntegrationPoint.integrationPoint.id ?? "";
    expect(errorCode(await create(testAccount, { ticketingMock: {} }, foreignPoint))).toBe("NOT_FOUND");
    expect(errorCode(await create(testAccount, { ticketingMock: {} }, "not-a-uuid"))).toBe("NOT_FOUND");
  });
});
