/** One keep-alive undici Agent per TransportSettings object, carrying the connect deadline and the address guard. */
import { Agent } from "undici";
import type { TransportSettings } from "../definition.ts";
import { createGuardedConnector } from "./address-guard.ts";

const agents = new WeakMap<TransportSettings, Agent>();

/** Every client built from the same settings shares one connection pool per origin. */
export function agentFor(settings: TransportSettings): Agent {
  let agent = agents.get(settings);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      connections: 32,
      // undici's own defaults are 300 s; no exchange may outlive the operator's total deadline.
      headersTimeout: settings.totalTimeoutMs,
      bodyTimeout: settings.totalTimeoutMs,
      connect: settings.allowPrivateNetworks ? { timeout: settings.connectTimeoutMs } : createGuardedConnector(settings.connectTimeoutMs),
    });
    agents.set(settings, agent);
  }
  return agent;
}
