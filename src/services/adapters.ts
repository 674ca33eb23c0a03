/** Builds a provider adapter the way every gateway call does: shared transport settings, the integration's breaker, and a report of each HTTP exchange. */
import { createHttpClient } from "../../providers/http/client.ts";
import type { ProviderDefinition } from "../../providers/definition.ts";
import type { ConnectorAdapters, ConnectorId, ProviderCredential } from "../../providers/types.ts";
import type { Services } from "./services.ts";

export interface ExchangeTally {
  httpStatus: number | null;
  bytes: number;
}

export function buildAdapter<C extends ConnectorId>(
  services: Pick<Services, "transport">,
  definition: ProviderDefinition<C, unknown>,
  config: unknown,
  credential: ProviderCredential | null,
  /** The integration's id; null for an unsaved configuration being verified, whose calls go through no circuit breaker. */
  integrationId: string | null,
  tally?: ExchangeTally,
): ConnectorAdapters[C] {
  return definition.createAdapter(config, credential, {
    integrationKey: integrationId,
    breakerKey: integrationId,
    transport: services.transport,
    http: (options) =>
      createHttpClient({
        ...options,
        breakerKey: integrationId,
        settings: services.transport,
        onResponse: (report) => {
          if (!tally) return;
          tally.httpStatus = report.status;
          tally.bytes += report.bytes;
        },
      }),
  });
}
