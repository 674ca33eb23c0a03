/** What every Jira operation needs: the bound client, the issue fields to ask for, and the user's time zone. */
import { LRUCache } from "lru-cache";
import type { JiraClient } from "./client.ts";
import { JiraUser } from "./payloads.ts";
import { allTicketFields, issueFieldsFor } from "./ticket-fields.ts";

export interface JiraContext {
  client: JiraClient;
  /** Every field the normaliser reads, custom fields included, for reading whole issues. */
  issueFields: readonly string[];
  /** The custom fields configured on the integration (`customfield_10016` …). */
  customFieldIds: readonly string[];
  /** The integration user's IANA zone, in which Jira reads JQL date literals; fetched on first need, then remembered for an hour. */
  timeZone(): Promise<string>;
}

/**
 * Zones by the integration and user they were read for. Adapters live for one call, so the zone is
 * kept here, not on the context, or every date-filtered query would first ask Jira for `/myself`.
 */
const zones = new LRUCache<string, Promise<string>>({ max: 10_000, ttl: 60 * 60_000 });

/** `zoneKey` names the integration and the Jira user its credential acts as. */
export function createJiraContext(client: JiraClient, zoneKey: string, customFieldIds: readonly string[] = []): JiraContext {
  return {
    client,
    issueFields: issueFieldsFor(allTicketFields, customFieldIds),
    customFieldIds,
    timeZone() {
      const known = zones.get(zoneKey);
      if (known) return known;
      const zone = readTimeZone(client).catch((error: unknown) => {
        if (zones.peek(zoneKey) === zone) zones.delete(zoneKey);
        throw error;
      });
      zones.set(zoneKey, zone);
      return zone;
    },
  };
}

async function readTimeZone(client: JiraClient): Promise<string> {
  const me = await client.read(
    { operation: "ticketing_query_tickets", method: "GET", path: "/myself", action: "read the integration user's time zone", subject: "current user" },
    JiraUser,
  );
  return isKnownZone(me.timeZone) ? me.timeZone : "UTC";
}

function isKnownZone(zone: string | null | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
