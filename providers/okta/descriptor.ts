/** Okta Management API facts as data: transport hints for the shared HTTP client, plus auth, paging and page-size bounds. */
import type { TransportDescriptor } from "../http/types.ts";

/**
 * What the shared HTTP client reads. Okta sends no `Retry-After`: every response carries
 * `X-Rate-Limit-Reset`, the UTC epoch second at which the current window refills, and a 429 is
 * only worth retrying after it.
 */
export const oktaTransport = {
  providerId: "identity_okta",
  rateLimitResetHeader: { name: "x-rate-limit-reset", format: "epoch-seconds" },
} as const satisfies TransportDescriptor;

/** Facts the adapter and its documentation rely on; the transport reads only `oktaTransport`. */
export const oktaFacts = {
  baseUrl: "https://{yourOktaDomain}",
  auth: {
    /** An API token, sent as `Authorization: SSWS <token>`; it acts with the rights of the admin who made it. */
    apiToken: { scheme: "SSWS", credential: "TOKEN" },
    /** An OAuth 2.0 access token for Okta's own API (scopes okta.users.*, okta.groups.read, okta.logs.read). */
    oauth: { scheme: "Bearer", credential: "TOKEN" },
  },
  pagination: {
    /** Two `Link` header lines, `rel="self"` and `rel="next"`; `next` is followed verbatim and is absent on the last page. */
    style: "link-header-next",
    /** Largest page we ask for per list; Okta's own defaults (users 200, members 1000, logs 100) are not relied on. */
    maxPageSize: { users: 200, groups: 200, groupMembers: 200, logs: 1000 },
  },
  rateLimitHeaders: ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"],
} as const;
