/** Per-integration state for the mock providers, seeded on first use and bounded in the number of integrations kept. */
import { LRUCache } from "lru-cache";

/**
 * How many integrations' states one process keeps. When a new integration would exceed it, the
 * state used longest ago is dropped; that integration starts again from the seed on its next call.
 */
export const mockIntegrationsLimit = 256;

/**
 * Returns the state of an integration, creating it with `seed` the first time it is asked for. An
 * unsaved configuration being verified (null) gets a fresh state that is not kept, so verifying
 * cannot push a real integration's state out.
 */
export function createIntegrationStore<State>(seed: () => State, limit = mockIntegrationsLimit): (integrationKey: string | null) => State {
  const states = new LRUCache<string, { state: State }>({ max: limit });
  return (integrationKey) => {
    if (integrationKey === null) return seed();
    let entry = states.get(integrationKey);
    if (entry === undefined) states.set(integrationKey, (entry = { state: seed() }));
    return entry.state;
  };
}
