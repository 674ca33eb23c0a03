/** What every Jira operation needs: the bound client, the issue fields to ask for, and the user's time zone. */
import type { JiraClient } from "./client.ts";
import { JiraUser } from "./payloads.ts";
import { allTicketFields, issueFieldsFor } from "./ticket-fields.ts";

export interface JiraContext {
  client: JiraClient;
  /** Every field the normaliser reads, custom fields included, for reading whole issues. */
  issueFields: readonly string[];
  /** The custom fields configured on the integration (`customfield_10016` …). */
  customFieldIds: readonly string[];
  /** The integration user's IANA zone, in which Jira reads JQL date literals; fetched once, on first need. */
  timeZone(): Promise<string>;
}

export function createJiraContext(client: JiraClient, customFieldIds: readonly string[] = []): JiraContext {
  let zone: Promise<string> | null = null;
  return {
    client,
    issueFields: issueFieldsFor(allTicketFields, customFieldIds),
    customFieldIds,
    timeZone() {
      zone ??= readTimeZone(client).catch((error: unknown) => {
        zone = null;
        throw error;
      });
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
