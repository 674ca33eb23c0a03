/** Zod schemas for the Jira Cloud REST v3 payloads the adapter reads: strict on what it uses, loose on the rest. */
import { z } from "zod";
import type { AdfNode } from "./adf.ts";

/** Jira's timestamp, e.g. `2021-01-17T12:34:00.000+0000` (offset without a colon). */
export const JiraTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/);

const AdfMarkSchema = z.looseObject({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() });

export const AdfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    marks: z.array(AdfMarkSchema).optional(),
    content: z.array(AdfNodeSchema).optional(),
  }),
);

export const AdfDocSchema = z.looseObject({
  type: z.literal("doc"),
  version: z.number(),
  content: z.array(AdfNodeSchema),
});

export const JiraUser = z.looseObject({
  accountId: z.string(),
  displayName: z.string().nullish(),
  /** Absent when the user's profile visibility hides it. */
  emailAddress: z.string().nullish(),
  active: z.boolean().optional(),
  timeZone: z.string().nullish(),
});

const Named = z.looseObject({ id: z.string().optional(), name: z.string() });

export const JiraIssueFields = z.looseObject({
  summary: z.string(),
  description: AdfDocSchema.nullish(),
  status: Named,
  priority: Named.nullish(),
  assignee: JiraUser.nullish(),
  creator: JiraUser.nullish(),
  reporter: JiraUser.nullish(),
  project: z.looseObject({ id: z.string(), key: z.string(), name: z.string().nullish() }).nullish(),
  issuetype: Named.nullish(),
  parent: z.looseObject({ id: z.string(), key: z.string().optional() }).nullish(),
  duedate: z.iso.date().nullish(),
  labels: z.array(z.string()).nullish(),
  created: JiraTimestamp,
  updated: JiraTimestamp,
});

export const JiraIssue = z.looseObject({
  id: z.string(),
  key: z.string(),
  self: z.string().optional(),
  fields: JiraIssueFields,
});

/** `POST /rest/api/3/search/jql`: no `total`; `nextPageToken` is absent on the last page. */
export const JiraSearchResults = z.looseObject({
  issues: z.array(JiraIssue),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** `POST /rest/api/3/issue` answers 201 with this, not the issue. */
export const JiraCreatedIssue = z.looseObject({ id: z.string(), key: z.string(), self: z.string() });

export const JiraTransition = z.looseObject({
  id: z.string(),
  name: z.string(),
  to: Named,
  isAvailable: z.boolean().optional(),
});

export const JiraTransitions = z.looseObject({ transitions: z.array(JiraTransition) });

export const JiraComment = z.looseObject({
  id: z.string(),
  body: AdfDocSchema,
  author: JiraUser.nullish(),
  created: JiraTimestamp,
  updated: JiraTimestamp,
});

export const JiraCommentPage = z.looseObject({
  startAt: z.number().int(),
  maxResults: z.number().int(),
  total: z.number().int(),
  comments: z.array(JiraComment),
});

/** A project from `/project/search`; `description` and `lead` appear only when expanded. */
export const JiraProject = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  lead: JiraUser.nullish(),
});

export const JiraProjectPage = z.looseObject({
  startAt: z.number().int(),
  maxResults: z.number().int(),
  total: z.number().int().optional(),
  isLast: z.boolean(),
  values: z.array(JiraProject),
});

export const JiraErrorCollection = z.looseObject({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
  status: z.number().optional(),
});

export type JiraUser = z.infer<typeof JiraUser>;
export type JiraIssue = z.infer<typeof JiraIssue>;
export type JiraSearchResults = z.infer<typeof JiraSearchResults>;
export type JiraCreatedIssue = z.infer<typeof JiraCreatedIssue>;
export type JiraTransition = z.infer<typeof JiraTransition>;
export type JiraComment = z.infer<typeof JiraComment>;
export type JiraCommentPage = z.infer<typeof JiraCommentPage>;
export type JiraProject = z.infer<typeof JiraProject>;
export type JiraProjectPage = z.infer<typeof JiraProjectPage>;
export type JiraErrorCollection = z.infer<typeof JiraErrorCollection>;
