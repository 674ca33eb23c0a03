/** Per-integration state for the mock providers, seeded on first use and bounded in the number of integrations kept. */

/**
 * How many integrations' states one process keeps. When a new integration would exceed it, the
 * state used longest ago is dropped; that integration starts again from the seed on its next call.
 */
export const mockIntegrationsLimit = 256;

/** Returns the state of an integration, creating it with `seed` the first time it is asked for. */
export function createIntegrationStore<State>(seed: () => State, limit = mockIntegrationsLimit): (integrationKey: string) => State {
  const states = new Map<string, State>();
  return (integrationKey) => {
    let state = states.get(integrationKey);
    if (state === undefined) {
      state = seed();
      if (states.size >= limit) states.delete(states.keys().next().value as string);
    } else {
      // Re-inserting moves the key to the end of the Map's order, so eviction picks the least recently used.
      states.delete(integrationKey);
    }
    states.set(integrationKey, state);
    return state;
  };
}
