/** Deterministic sample data served by the mock providers; each integration starts from a copy of it. */
import type { IdentityGroup, IdentityUser, Project, SecurityFinding, Ticket, UserRef } from "../types.ts";
import type { MockAuditRecord } from "./audit-log.ts";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 9, 30)).toISOString();

/** The people tickets can be assigned to; user-0 is also the integration's own user. */
export const mockTicketUsers: UserRef[] = [0, 1, 2].map((n) => ({ id: `user-${n}`, name: `Mock User ${n}`, email: `user${n}@example.test` }));

export const mockProjects: Project[] = [
  { id: "10000", key: "MOCK", name: "Mock project", description: null, lead: mockTicketUsers[0] ?? null, raw: { mock: true } },
  { id: "10001", key: "OPS", name: "Operations", description: "Runbooks and incidents.", lead: mockTicketUsers[1] ?? null, raw: { mock: true } },
];

export const mockIssueTypes = ["Task", "Bug", "Story"];

export const mockTickets: Ticket[] = Array.from({ length: 12 }, (_, index) => {
  const n = index + 1;
  return {
    id: `100${n.toString().padStart(2, "0")}`,
    key: `MOCK-${n}`,
    summary: `Mock ticket ${n}`,
    description: n % 3 === 0 ? null : `Steps to reproduce **issue ${n}**:\n\n1. Open the app\n2. Click *Save*`,
    status: ["To Do", "In Progress", "Done"][n % 3] ?? "To Do",
    priority: (["URGENT", "HIGH", "MEDIUM", "LOW", "PLANNING"] as const)[n % 5] ?? null,
    assignee: n % 4 === 0 ? null : (mockTicketUsers[n % 3] ?? null),
    creator: mockTicketUsers[0] ?? null,
    reporter: mockTicketUsers[0] ?? null,
    project: { id: "10000", key: "MOCK", name: "Mock project" },
    issueType: n % 5 === 0 ? "Bug" : "Task",
    parentId: null,
    dueDate: n % 2 === 0 ? day(30 + n).slice(0, 10) : null,
    tags: n % 2 === 0 ? ["backend"] : ["frontend", "ux"],
    createdAt: day(n),
    updatedAt: day(n + 1),
    customFields: {},
    raw: { mock: true, n },
  };
});

const statuses = ["ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"] as const;

export const mockUsers: IdentityUser[] = statuses.map((status, index) => ({
  id: `00u${index}mock`,
  login: `person${index}@example.test`,
  email: `person${index}@example.test`,
  firstName: `Person`,
  lastName: `${index}`,
  displayName: `Person ${index}`,
  status,
  createdAt: day(index),
  updatedAt: day(index + 2),
  lastLoginAt: status === "ACTIVE" ? day(index + 3) : null,
  passwordChangedAt: null,
  raw: { mock: true, index },
}));

const group = (index: number, name: string, type: string, description: string | null): IdentityGroup => ({
  id: `00g${index}mock`,
  name,
  description,
  type,
  createdAt: day(index),
  updatedAt: day(index + 1),
  raw: { mock: true, index },
});

export const mockGroups: IdentityGroup[] = [
  group(0, "Everyone", "BUILT_IN", "Every user of the organization."),
  group(1, "Engineering", "OKTA_GROUP", "People who build the product."),
  group(2, "Engineering managers", "OKTA_GROUP", null),
  group(3, "Salesforce users", "APP_GROUP", "Imported from the Salesforce app."),
];

/** Member user ids by group id, in the order the group lists them. */
export const mockMemberships: Record<string, string[]> = {
  "00g0mock": mockUsers.map((user) => user.id),
  "00g1mock": ["00u0mock", "00u1mock", "00u3mock", "00u5mock"],
  "00g2mock": ["00u0mock"],
  "00g3mock": ["00u2mock", "00u6mock"],
};

/** The administrator the audit log names as the actor of admin actions, the integration's own calls included. */
export const mockAdmin = { id: "00uadminmock", login: "admin@example.test" };
const person = (index: number) => ({ id: `00u${index}mock`, login: `person${index}@example.test` });

export const mockAuditRecords: MockAuditRecord[] = [
  { uuid: "mock-log-0", eventType: "user.lifecycle.create", published: day(1), severity: "INFO", outcome: "SUCCESS", message: "Create user", actor: mockAdmin, target: person(1), group: null },
  { uuid: "mock-log-1", eventType: "group.user_membership.add", published: day(2), severity: "INFO", outcome: "SUCCESS", message: "Add user to group membership", actor: mockAdmin, target: person(0), group: { id: "00g1mock", name: "Engineering" } },
  { uuid: "mock-log-2", eventType: "user.session.start", published: day(3), severity: "INFO", outcome: "SUCCESS", message: "User login to the organization", actor: person(0), target: null, group: null },
  { uuid: "mock-log-3", eventType: "user.session.start", published: day(4), severity: "WARN", outcome: "FAILURE", message: "User login to the organization", actor: person(5), target: null, group: null },
  { uuid: "mock-log-4", eventType: "user.account.lock", published: day(5), severity: "WARN", outcome: "SUCCESS", message: "Max sign in attempts exceeded", actor: person(5), target: person(5), group: null },
  { uuid: "mock-log-5", eventType: "user.lifecycle.suspend", published: day(6), severity: "INFO", outcome: "SUCCESS", message: "Suspend user", actor: mockAdmin, target: person(6), group: null },
  { uuid: "mock-log-6", eventType: "user.session.end", published: day(7), severity: "INFO", outcome: "SUCCESS", message: "User logout from the organization", actor: person(0), target: null, group: null },
];

const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"] as const;
const complianceResources = ["AwsS3Bucket", "AwsS3Bucket", "AwsIamUser", "AwsEc2SecurityGroup", "AwsAccount"];

/** Findings without their OCSF JSON, which is built from the unified fields (see finding-ocsf.ts). */
export type FindingSeed = Omit<SecurityFinding, "ocsf">;

export const mockComplianceFindings: FindingSeed[] = severities.map((severity, index) => ({
  id: `mock-finding-${index}`,
  kind: "COMPLIANCE",
  title: `Mock control ${index} is not satisfied`,
  description: "A deterministic finding served by the mock provider.",
  severityId: 5 - index,
  severity,
  status: "NEW",
  complianceStatus: "FAILED",
  controlId: `MOCK.${index}`,
  resources: [{ type: complianceResources[index] ?? "Other", uid: `arn:aws:mock:us-east-1:000000000000:resource/${index}`, region: "us-east-1", name: `mock-resource-${index}` }],
  remediation: { description: "Follow the mock remediation.", url: `https://example.test/remediation/MOCK.${index}` },
  createdAt: day(index),
  updatedAt: day(index + 1),
  raw: { mock: true, index },
}));

const detections = [
  ["CRITICAL", "AwsEc2Instance", "An EC2 instance is querying a cryptocurrency mining pool"],
  ["HIGH", "AwsIamAccessKey", "An access key was used from an unusual location"],
  ["MEDIUM", "AwsS3Bucket", "A bucket's objects are being listed by an unknown principal"],
  ["LOW", "AwsEc2Instance", "An instance is probing a port on another host"],
] as const;

export const mockDetectionFindings: FindingSeed[] = detections.map(([severity, resourceType, title], index) => ({
  id: `mock-detection-${index}`,
  kind: "DETECTION",
  title,
  description: "A deterministic threat detection served by the mock provider.",
  severityId: { CRITICAL: 5, HIGH: 4, MEDIUM: 3, LOW: 2 }[severity],
  severity,
  status: "NEW",
  complianceStatus: null,
  controlId: null,
  resources: [{ type: resourceType, uid: `arn:aws:mock:eu-west-1:000000000000:detection/${index}`, region: "eu-west-1", name: null }],
  remediation: null,
  createdAt: day(10 + index),
  updatedAt: day(12 + index),
  raw: { mock: true, index },
}));
