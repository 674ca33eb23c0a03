/** Common arrangements through the public API: log on, create accounts and integrations, mint tokens. */
import { expect } from "vitest";
import { graphql } from "../generated/index.ts";
import type { ProviderConfigInput } from "../generated/graphql.ts";
import { gql, seedTenant, type SeededTenant, type TestGateway } from "./gateway.ts";

export const LogonMutation = graphql(`
  mutation Logon($input: LogonInput!) {
    logon(input: $input) {
      tokens { accessToken refreshToken refreshTokenId expiresAt }
    }
  }
`);

export const CreateAccountMutation = graphql(`
  mutation CreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) { account { id name fullname environment labels } }
  }
`);

export const CreateIntegrationMutation = graphql(`
  mutation CreateIntegration($input: CreateIntegrationInput!) {
    createIntegration(input: $input) {
      integration { id name connector providerId account { id } }
      tokens { accessToken refreshToken refreshTokenId expiresAt }
    }
  }
`);

export const CreateOrganizationTokenMutation = graphql(`
  mutation CreateOrganizationToken($input: CreateOrganizationTokenInput!) {
    createOrganizationToken(input: $input) { tokens { accessToken refreshToken refreshTokenId expiresAt } }
  }
`);

export async function logon(gateway: TestGateway, tenant: SeededTenant) {
  const response = await gql(gateway, LogonMutation, {
    variables: { input: { organizationId: tenant.organizationId, email: tenant.email, password: tenant.password } },
  });
  expect(response.body.errors).toBeUndefined();
  const tokens = response.body.data?.logon.tokens;
  if (!tokens) throw new Error("logon failed");
  return tokens;
}

/** A fresh tenant's administrator, logged on: their access token. */
export async function seedAdminToken(gateway: TestGateway): Promise<string> {
  return (await logon(gateway, await seedTenant(gateway))).accessToken;
}

export async function createAccount(gateway: TestGateway, token: string, name: string) {
  const response = await gql(gateway, CreateAccountMutation, { token, variables: { input: { name } } });
  expect(response.body.errors).toBeUndefined();
  const account = response.body.data?.createAccount.account;
  if (!account) throw new Error("createAccount failed");
  return account;
}

export async function createIntegration(gateway: TestGateway, token: string, accountId: string, name: string, provider: ProviderConfigInput = { ticketingMock: {} }) {
  const response = await gql(gateway, CreateIntegrationMutation, {
    token,
    variables: { input: { accountId, name, provider } },
  });
  expect(response.body.errors).toBeUndefined();
  const created = response.body.data?.createIntegration;
  if (!created) throw new Error("createIntegration failed");
  return created;
}

/** `createCredential` for `ownerId`, its answer returned unchecked: credential tests look at its errors. */
export function requestCredential(gateway: TestGateway, token: string, input: { ownerId: string; name: string; secret: Record<string, unknown> }) {
  return gql<{ createCredential: { credential: { id: string } } }>(gateway, "mutation($input: CreateCredentialInput!) { createCredential(input: $input) { credential { id } } }", {
    token,
    variables: { input },
  });
}

export async function createOrganizationToken(
  gateway: TestGateway,
  token: string,
  input: { permissionSet: string; accountIds?: string[]; permissions?: string[]; integrationPointId?: string; name?: string },
) {
  return gql(gateway, CreateOrganizationTokenMutation, { token, variables: { input: input as never } });
}
