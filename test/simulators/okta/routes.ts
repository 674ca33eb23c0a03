/** The Management API routes the simulator serves, by method and path pattern. */
import { getGroup, listGroups, listGroupUsers } from "./groups.ts";
import { clearSessions, lifecycle } from "./lifecycle.ts";
import { listLogs } from "./logs.ts";
import { getUser, listUsers } from "./users.ts";
import type { Handler } from "./wire.ts";

const api = (pattern: string) => new RegExp(`^/api/v1${pattern}$`);

export const routes: ReadonlyArray<readonly [string, RegExp, Handler]> = [
  ["GET", api("/users"), listUsers],
  ["GET", api("/users/([^/]+)"), getUser],
  ["POST", api("/users/([^/]+)/lifecycle/([^/]+)"), lifecycle],
  ["DELETE", api("/users/([^/]+)/sessions"), clearSessions],
  ["GET", api("/groups"), listGroups],
  ["GET", api("/groups/([^/]+)"), getGroup],
  ["GET", api("/groups/([^/]+)/users"), listGroupUsers],
  ["GET", api("/logs"), listLogs],
];
