/** Cheap requests that tell whether a token is still accepted, and the token operations the auth tests share. */
import { expect } from "vitest";
import { graphql } from "../generated/index.ts";
import { errorCode, gql, type GraphQLResponse, type TestGateway } from "./gateway.ts";

export const AccountCountQuery = graphql(`
  query AccountCountProbe {
    accounts { totalCount }
  }
`);

export const FirstTicketQuery = graphql(`
  query FirstTicketProbe {
    tickets(first: 1) { edges { node { key } } }
  }
`);

export const RefreshTokensQuery = graphql(`
  query RefreshTokensForAuthTests {
    refreshTokens(first: 100) { edges { node { id name layer hasSecondary accountIds permissions } } }
  }
`);

export const DeleteRefreshTokenMutation = graphql(`
  mutation DeleteRefreshTokenForAuthTests($id: ID!) {
    deleteRefreshToken(id: $id) { refreshTokenId }
  }
`);

export const CreateIntegrationTokenMutation = graphql(`
  mutation CreateIntegrationTokenForAuthTests($input: CreateIntegrationTokenInput!) {
    createIntegrationToken(input: $input) { tokens { accessToken refreshToken refreshTokenId expiresAt } }
  }
`);

/** What a request got: HTTP status and the first error's code (undefined when it succeeded). */
export const outcome = (response: GraphQLResponse<unknown>) => ({ status: response.status, code: errorCode(response) });

export const accepted = { status: 200, code: undefined };
export const unauthenticated = { status: 401, code: "UNAUTHENTICATED" };

/** Outcome of reading `accounts` with an organization token. */
export async function managementProbe(gateway: TestGateway, token: string, headers: Record<string, string> = {}) {
  return outcome(await gql(gateway, AccountCountQuery, { token, headers }));
}

/** Outcome of reading one ticket with a ticketing integration token. */
export async function connectorProbe(gateway: TestGateway, token: string) {
  return outcome(await gql(gateway, FirstTicketQuery, { token }));
}

export async function refreshTokenObjects(gateway: TestGateway, adminToken: string) {
  const response = await gql(gateway, RefreshTokensQuery, { token: adminToken });
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.refreshTokens.edges.map((edge) => edge.node) ?? [];
}

export async function deleteRefreshToken(gateway: TestGateway, token: string, id: string) {
  return gql(gateway, DeleteRefreshTokenMutation, { token, variables: { id } });
}

export async function createIntegrationToken(gateway: TestGateway, token: string, integrationId: string) {
  return gql(gateway, CreateIntegrationTokenMutation, { token, variables: { input: { integrationId } } });
}
