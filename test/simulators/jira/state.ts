/** The simulator's in-memory Jira site: users, projects, issues, comments and a workflow, seeded from fixtures. */
import { loadJiraFixture } from "../../fixtures/jira/index.ts";

export type Json = Record<string, unknown>;

export interface SimUser extends Json {
  accountId: string;
  displayName: string;
  timeZone: string;
}

export interface SimProject extends Json {
  id: string;
  key: string;
  name: string;
}

export interface SimIssue extends Json {
  id: string;
  key: string;
  fields: Json;
}

export interface SimComment extends Json {
  id: string;
  created: string;
}

export interface SimTransition {
  from: string[];
  transition: Json & { id: string; name: string; to: Json & { name: string }; isGlobal?: boolean };
}

export interface SimWorkflow {
  initialStatus: string;
  transitions: SimTransition[];
  statuses: (Json & { id: string; name: string })[];
  /** In scheme order, highest first. */
  priorities: (Json & { id: string; name: string })[];
  issueTypes: (Json & { id: string; name: string; subtask: boolean })[];
  customFields: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
  auth: "basic" | "bearer" | "none" | "other";
}

export interface JiraSimCredentials {
  email: string;
  apiToken: string;
  /** OAuth access token, accepted only under `/ex/jira/{cloudId}` as on Atlassian's gateway. */
  bearerToken: string;
  cloudId: string;
}

export interface JiraSimState {
  users: SimUser[];
  projects: SimProject[];
  issues: SimIssue[];
  /** Comments by issue id. */
  comments: Map<string, SimComment[]>;
  workflow: SimWorkflow;
  /** Who the credentials act as (the first fixture user, whose zone is Australia/Sydney). */
  currentUser: SimUser;
  credentials: JiraSimCredentials;
  now: () => Date;
  nextIssueId: number;
  nextCommentId: number;
  requests: RecordedRequest[];
}

export function createJiraSimState(credentials: JiraSimCredentials, now: () => Date): JiraSimState {
  const users = loadJiraFixture("users") as SimUser[];
  const issues = loadJiraFixture("issues") as SimIssue[];
  const comments = loadJiraFixture("comments") as Record<string, SimComment[]>;
  const maxId = (ids: string[]) => Math.max(0, ...ids.map(Number));
  return {
    users,
    projects: loadJiraFixture("projects") as SimProject[],
    issues,
    comments: new Map(Object.entries(comments)),
    workflow: loadJiraFixture("workflow") as SimWorkflow,
    currentUser: users[0]!,
    credentials,
    now,
    nextIssueId: maxId(issues.map((issue) => issue.id)) + 1,
    nextCommentId: maxId(Object.values(comments).flat().map((comment) => comment.id)) + 1,
    requests: [],
  };
}

/** Finds an issue by id or key, case-insensitively for keys, as Jira does. */
export function findIssue(state: JiraSimState, idOrKey: string): SimIssue | undefined {
  const wanted = idOrKey.toUpperCase();
  return state.issues.find((issue) => issue.id === idOrKey || issue.key.toUpperCase() === wanted);
}

/** The slim user object Jira embeds in issues and comments. */
export function userRef(user: SimUser, selfBase: string): Json {
  const { locale: _locale, ...rest } = user;
  return { ...rest, self: `${selfBase}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}` };
}
