/** Deterministic sample data served by the mock providers. */
import type { IdentityUser, SecurityFinding, Ticket } from "../types.ts";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 9, 30)).toISOString();

export const mockTickets: Ticket[] = Array.from({ length: 12 }, (_, index) => {
  const n = index + 1;
  return {
    id: `100${n.toString().padStart(2, "0")}`,
    key: `MOCK-${n}`,
    summary: `Mock ticket ${n}`,
    description: n % 3 === 0 ? null : `Steps to reproduce **issue ${n}**:\n\n1. Open the app\n2. Click *Save*`,
    status: ["To Do", "In Progress", "Done"][n % 3] ?? "To Do",
    priority: (["URGENT", "HIGH", "MEDIUM", "LOW", "PLANNING"] as const)[n % 5] ?? null,
    assignee: n % 4 === 0 ? null : { id: `user-${n % 3}`, name: `Mock User ${n % 3}`, email: `user${n % 3}@example.test` },
    creator: { id: "user-0", name: "Mock User 0", email: "user0@example.test" },
    reporter: { id: "user-0", name: "Mock User 0", email: "user0@example.test" },
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

const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"] as const;

export const mockFindings: SecurityFinding[] = severities.map((severity, index) => ({
  id: `mock-finding-${index}`,
  kind: "COMPLIANCE",
  title: `Mock control ${index} is not satisfied`,
  description: "A deterministic finding served by the mock provider.",
  severityId: 5 - index,
  severity,
  status: "NEW",
  complianceStatus: "FAILED",
  controlId: `MOCK.${index}`,
  resources: [{ type: "AwsS3Bucket", uid: `arn:aws:s3:::mock-bucket-${index}`, region: "us-east-1", name: `mock-bucket-${index}` }],
  remediation: { description: "Follow the mock remediation.", url: null },
  createdAt: day(index),
  updatedAt: day(index + 1),
  ocsf: { class_uid: 2003, severity_id: 5 - index },
  raw: { mock: true, index },
}));
