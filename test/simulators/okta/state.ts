/** The simulated org: users, groups, memberships, System Log, sessions and tokens, seeded from test/fixtures/okta; every request recorded. */
import { loadOktaFixture } from "../../fixtures/okta/index.ts";

export interface SimUser {
  id: string;
  status: string;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  profile: Record<string, unknown> & { login: string };
  credentials?: { password?: Record<string, never>; provider?: unknown };
  [extra: string]: unknown;
}

export interface SimGroup {
  id: string;
  type: string;
  profile: Record<string, unknown> & { name: string };
  [extra: string]: unknown;
}

export type SimLogEvent = Record<string, unknown> & { uuid: string; published: string; eventType: string };

/** A token the org accepts. `owner` is the admin an API token acts as (null for a service app's OAuth token). */
export interface SimToken {
  scheme: "SSWS" | "Bearer";
  value: string;
  owner: string | null;
  /** A read-only admin gets 403 E0000006 on every change. */
  readOnly: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Query parameters as received, repeated names grouped. */
  query: Record<string, string[]>;
  auth: "ssws" | "bearer" | "none" | "other";
}

export interface OktaSimState {
  users: SimUser[];
  groups: SimGroup[];
  /** Group id → member user ids. */
  members: Map<string, string[]>;
  logs: SimLogEvent[];
  /** User id → open sessions; `DELETE …/sessions` empties it and is remembered in `sessionRevocations`. */
  sessions: Map<string, number>;
  sessionRevocations: { userId: string; oauthTokens: boolean; forgetDevices: boolean }[];
  tokens: SimToken[];
  requests: RecordedRequest[];
  now(): Date;
}

export interface SimCredentials {
  /** An SSWS API token of the super admin ada.admin@example.com. */
  apiToken: string;
  /** An SSWS API token of a read-only admin. */
  readOnlyToken: string;
  /** An OAuth 2.0 access token of a service app with every scope the connector uses. */
  accessToken: string;
}

export function createOktaSimState(credentials: SimCredentials, now: () => Date): OktaSimState {
  const users = loadOktaFixture("users") as SimUser[];
  const admin = users.find((user) => user.profile.login === "ada.admin@example.com")!;
  const members = Object.entries(loadOktaFixture("group-members") as Record<string, string[]>);
  return {
    users,
    groups: loadOktaFixture("groups") as SimGroup[],
    members: new Map(members),
    logs: loadOktaFixture("logs") as SimLogEvent[],
    sessions: new Map(users.filter((user) => user.status === "ACTIVE").map((user) => [user.id, 1])),
    sessionRevocations: [],
    tokens: [
      { scheme: "SSWS", value: credentials.apiToken, owner: admin.id, readOnly: false },
      { scheme: "SSWS", value: credentials.readOnlyToken, owner: admin.id, readOnly: true },
      { scheme: "Bearer", value: credentials.accessToken, owner: null, readOnly: false },
    ],
    requests: [],
    now,
  };
}

/** Okta's instants carry milliseconds and `Z`: `2026-11-23T12:00:00.000Z`. */
export const stamp = (state: OktaSimState) => state.now().toISOString();

export function findUser(state: OktaSimState, idOrLogin: string): SimUser | undefined {
  const wanted = idOrLogin.toLowerCase();
  // Okta resolves an id, a login, or a login's short name (the part before `@`).
  return (
    state.users.find((user) => user.id === idOrLogin) ??
    state.users.find((user) => user.profile.login.toLowerCase() === wanted) ??
    state.users.find((user) => user.profile.login.toLowerCase().split("@")[0] === wanted)
  );
}
