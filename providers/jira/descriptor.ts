/** Jira Cloud REST v3 facts as data: transport hints for the shared HTTP client, plus auth, paging and API bounds. */
import type { TransportDescriptor } from "../http/types.ts";

/** What the shared HTTP client reads: where Jira says how long to wait after a 429 or 503. */
export const jiraTransport = {
  providerId: "ticketing_jira",
  retryAfterHeader: "retry-after",
  // Jira sends `yyyy-MM-ddTHH:mmZ`, an ISO 8601 instant without seconds.
  rateLimitResetHeader: { name: "x-ratelimit-reset", format: "iso-8601" },
} as const satisfies TransportDescriptor;

/** Facts the adapter and its documentation rely on; the transport reads only `jiraTransport`. */
export const jiraFacts = {
  apiPrefix: "/rest/api/3",
  auth: {
    /** Basic `email:apiToken` against the site itself. */
    basic: { baseUrl: "https://<site>.atlassian.net", credential: "BASIC" },
    /** OAuth 2.0 (3LO) bearer tokens only work through the API gateway, keyed by the site's cloud id. */
    oauth: { baseUrl: "https://api.atlassian.com/ex/jira/{cloudId}", credential: "TOKEN" },
  },
  pagination: {
    /** `POST /search/jql`: opaque `nextPageToken`, absent on the last page, with `isLast`; there is no `total`. */
    issues: { style: "nextPageToken", maxPageSize: 5000 },
    /** `GET /project/search` and `GET /issue/{id}/comment`: offset paging with `startAt`/`maxResults`. */
    projects: { style: "startAt", maxPageSize: 100 },
    comments: { style: "startAt", maxPageSize: 100 },
  },
  rateLimitHeaders: ["retry-after", "x-ratelimit-reset", "x-ratelimit-limit", "x-ratelimit-remaining", "ratelimit-reason"],
  /** Jira refuses, per field, a label that is empty, holds whitespace or is longer than this (in UTF-16 units, as Java counts). */
  maxLabelLength: 255,
} as const;
