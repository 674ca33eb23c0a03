/** Builds a mock provider's adapter as the gateway would, for a fresh integration unless a key is given. */
import { randomUUID } from "node:crypto";
import type { ProviderDefinition, ProviderDeps } from "../../../providers/definition.ts";
import type { ConnectorAdapters, ConnectorId } from "../../../providers/types.ts";

const transport = { connectTimeoutMs: 1000, totalTimeoutMs: 1000, maxRetries: 0, maxResponseBytes: 1000, allowPrivateNetworks: false };

export function mockAdapter<C extends ConnectorId, Config>(definition: ProviderDefinition<C, Config>, integrationKey: string = randomUUID()): ConnectorAdapters[C] {
  const deps: ProviderDeps = {
    http: () => {
      throw new Error("a mock provider must not make HTTP calls");
    },
    transport,
    integrationKey,
    breakerKey: null,
  };
  return definition.createAdapter(definition.configSchema.parse({}), null, deps);
}

/** Every item of every page, following cursors to the end. */
export async function all<T>(fetchPage: (page: { limit: number; cursor: string | null }) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage({ limit: 3, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}
