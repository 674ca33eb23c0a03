/** Helpers for end-to-end connector tests: call `/graphql/connector` with an integration token, page through Relay lists, check for leaks. */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { expect } from "vitest";
import { gql, type GraphQLResponse, type TestGateway } from "../helpers/gateway.ts";

/** A caller bound to one gateway and integration token, on the connector endpoint. */
export function connectorClient(gateway: () => TestGateway, token: () => string) {
  return <T, V>(document: TypedDocumentNode<T, V>, variables: V, as: string = token()): Promise<GraphQLResponse<T>> =>
    gql(gateway(), document, { token: as, variables, path: "/graphql/connector" });
}

interface Connection<N> {
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Follows `endCursor` until `hasNextPage` is false, failing on any GraphQL error or an endless list. */
export async function pageThrough<T, N>(
  fetchPage: (after: string | null) => Promise<GraphQLResponse<T>>,
  pick: (data: T) => Connection<N>,
  maxPages = 20,
): Promise<{ nodes: N[]; pages: number }> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let pages = 1; pages <= maxPages; pages++) {
    const response = await fetchPage(after);
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data;
    if (!data) throw new Error("no data in the response");
    const connection = pick(data);
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, pages };
    expect(connection.pageInfo.endCursor).toBeTruthy();
    after = connection.pageInfo.endCursor ?? null;
  }
  throw new Error(`still more pages after ${maxPages}`);
}

/** The serialized response must not carry any of these strings: credentials, or fragments of a provider's raw answer. */
export function expectNoLeak(response: GraphQLResponse<unknown>, forbidden: readonly string[]): void {
  const text = JSON.stringify(response.body);
  for (const fragment of forbidden) expect(text, `response leaks ${fragment}`).not.toContain(fragment);
}
