/** The System Log as OCSF events: `GET /api/v1/logs`, newest first, always bounded by `until`. */
import { ProviderError, type AuditLogEvent, type AuditLogQuery, type Page } from "../types.ts";
import type { OktaContext } from "./context.ts";
import { oktaFacts } from "./descriptor.ts";
import { eventTypeFilter, toOktaInstant } from "./filters.ts";
import { readPage } from "./list-page.ts";
import { toAuditLogEvent } from "./normalise.ts";
import { OktaLogEvent } from "./payloads.ts";

/**
 * Without `until`, an ascending System Log query is a polling query, whose `next` link Okta always
 * sends, even after the last event, so a caller paging to the end would never stop. The adapter
 * therefore always sends `until` (now, unless given), which makes every query bounded; the bound
 * rides along in the next URL. DESCENDING gives newest events first, as Okta's console lists them.
 * `since` defaults on Okta's side to seven days before `until`.
 */
export async function queryAuditLog(context: OktaContext, query: AuditLogQuery): Promise<Page<AuditLogEvent>> {
  const first = query.cursor ? {} : firstPageQuery(context, query);
  return readPage(
    context,
    {
      operation: "identity_query_audit_log",
      path: "/api/v1/logs",
      query: first,
      maxPageSize: oktaFacts.pagination.maxPageSize.logs,
      action: "read the System Log",
      subject: "System Log",
    },
    { limit: query.limit, cursor: query.cursor },
    OktaLogEvent,
    toAuditLogEvent,
  );
}

/** Okta answers a `since` later than `until` with a bare 400; it is refused here, naming the input. */
function firstPageQuery(context: OktaContext, query: AuditLogQuery) {
  const since = query.since === undefined ? undefined : toOktaInstant(query.since, "since");
  const until = query.until === undefined ? context.now().toISOString() : toOktaInstant(query.until, "until");
  if (since !== undefined && since > until) throw new ProviderError("BAD_USER_INPUT", "since must not be later than until (now, when until is not given)", { field: "since" });
  return { since, until, filter: eventTypeFilter(query.eventTypes) ?? undefined, sortOrder: "DESCENDING" };
}
