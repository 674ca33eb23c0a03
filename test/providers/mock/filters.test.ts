/**
 * Every filter and order a mock advertises in its capabilities is applied: each filter has a case
 * here that narrows the list to exactly what matches, and the cases cover the advertised list exactly.
 */
import { describe, expect, it } from "vitest";
import { cloudsecurityMock } from "../../../providers/mock/cloudsecurity.ts";
import { identityMock } from "../../../providers/mock/identity.ts";
import { ticketingMock } from "../../../providers/mock/ticketing.ts";
import { notificationsMock } from "../../../providers/mock/notifications.ts";
import { operations } from "../../../providers/operations.ts";
import type { FindingFilter, IdentityGroupFilter, IdentityUserFilter, TicketFilter } from "../../../providers/types.ts";
import { all, mockAdapter } from "./harness.ts";

const ticketing = mockAdapter(ticketingMock);
const identity = mockAdapter(identityMock);
const cloudsecurity = mockAdapter(cloudsecurityMock);

const ticketKeys = async (filter: TicketFilter) => (await all((page) => ticketing.queryTickets({ ...page, filter, orderBy: { field: "CREATED_AT", direction: "ASC" } }))).map((ticket) => ticket.key);
const userIds = async (filter: IdentityUserFilter) => (await all((page) => identity.queryUsers(filter, page))).map((user) => user.id);
const groupIds = async (filter: IdentityGroupFilter) => (await all((page) => identity.queryGroups(filter, page))).map((group) => group.id);
const findingIds = async (kind: "compliance" | "detection", filter: FindingFilter) =>
  (await all((page) => (kind === "compliance" ? cloudsecurity.queryComplianceFindings(filter, page) : cloudsecurity.queryDetectionFindings(filter, page)))).map((finding) => finding.id);

const mock = (n: number) => `MOCK-${n}`;

const ticketCases: Record<string, [TicketFilter, string[]]> = {
  status: [{ status: ["done"] }, [2, 5, 8, 11].map(mock)],
  priority: [{ priority: ["URGENT", "PLANNING"] }, [4, 5, 9, 10].map(mock)],
  assigneeId: [{ assigneeId: ["user-1"] }, [1, 7, 10].map(mock)],
  projectKey: [{ projectKey: ["ops"] }, []],
  tags: [{ tags: ["ux", "nothing"] }, [1, 3, 5, 7, 9, 11].map(mock)],
  createdAfter: [{ createdAfter: "2026-01-11T09:30:00.000Z" }, [10, 11, 12].map(mock)],
  createdBefore: [{ createdBefore: "2026-01-04T09:30:00.000Z" }, [1, 2].map(mock)],
  updatedAfter: [{ updatedAfter: "2026-01-13T09:30:00.000Z" }, [11, 12].map(mock)],
  updatedBefore: [{ updatedBefore: "2026-01-04T09:30:00.000Z" }, [1].map(mock)],
};

const userCases: Record<string, [IdentityUserFilter, string[]]> = {
  status: [{ status: ["SUSPENDED", "LOCKED_OUT"] }, ["00u5mock", "00u6mock"]],
  email: [{ email: "PERSON2@example.test" }, ["00u2mock"]],
  login: [{ login: "person3@EXAMPLE.test" }, ["00u3mock"]],
  search: [{ search: "person1" }, ["00u1mock"]],
  // At or after: 00u6mock was updated at exactly that instant.
  updatedAfter: [{ updatedAfter: "2026-01-09T09:30:00.000Z" }, ["00u6mock", "00u7mock"]],
};

const groupCases: Record<string, [IdentityGroupFilter, string[]]> = {
  name: [{ name: "engineering" }, ["00g1mock", "00g2mock"]],
  type: [{ type: "APP_GROUP" }, ["00g3mock"]],
};

const findingCases: Record<string, [FindingFilter, string[], string[]]> = {
  severity: [{ severity: ["CRITICAL", "LOW"] }, ["mock-finding-3", "mock-finding-0"], ["mock-detection-3", "mock-detection-0"]],
  status: [{ status: ["RESOLVED"] }, [], []],
  resourceType: [{ resourceType: ["AwsS3Bucket"] }, ["mock-finding-1", "mock-finding-0"], ["mock-detection-2"]],
  updatedAfter: [{ updatedAfter: "2026-01-04T09:30:00.000Z" }, ["mock-finding-4", "mock-finding-3", "mock-finding-2"], ["mock-detection-3", "mock-detection-2", "mock-detection-1", "mock-detection-0"]],
  // Before, not at: mock-finding-1 was updated at exactly that instant.
  updatedBefore: [{ updatedBefore: "2026-01-03T09:30:00.000Z" }, ["mock-finding-0"], []],
};

describe("the mocks' capabilities", () => {
  it("list every operation of their connector", () => {
    expect(ticketingMock.operations).toEqual(operations.ticketing);
    expect(identityMock.operations).toEqual(operations.identity);
    expect(notificationsMock.operations).toEqual(operations.notifications);
    expect(cloudsecurityMock.operations).toEqual(operations.cloudsecurity);
  });

  it("advertise exactly the filters tested here", () => {
    expect(ticketingMock.queryCapabilities?.ticketing_query_tickets?.filters).toEqual(Object.keys(ticketCases));
    expect(ticketingMock.queryCapabilities?.ticketing_query_tickets?.orders).toEqual(["CREATED_AT", "UPDATED_AT", "PRIORITY", "DUE_DATE"]);
    expect(identityMock.queryCapabilities?.identity_query_users?.filters).toEqual(Object.keys(userCases));
    expect(identityMock.queryCapabilities?.identity_query_groups?.filters).toEqual(Object.keys(groupCases));
    expect(identityMock.queryCapabilities?.identity_query_audit_log?.filters).toEqual(["since", "until", "eventTypes"]);
    for (const operation of ["cloudsecurity_query_compliance_findings", "cloudsecurity_query_detection_findings"] as const) {
      expect(cloudsecurityMock.queryCapabilities?.[operation]).toEqual({ filters: Object.keys(findingCases), orders: [] });
    }
  });
});

describe("ticket filters", () => {
  it.each(Object.entries(ticketCases))("%s narrows the tickets", async (_name, [filter, expected]) => {
    expect(await ticketKeys(filter)).toEqual(expected);
  });

  it("join different filters with AND", async () => {
    expect(await ticketKeys({ tags: ["backend"], priority: ["MEDIUM"], status: ["Done", "In Progress"] })).toEqual([mock(2)]);
  });

  it("refuse a date that is not an ISO 8601 date-time", async () => {
    await expect(ticketKeys({ createdAfter: "last tuesday" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("ticket orders", () => {
  const order = async (field: "CREATED_AT" | "UPDATED_AT" | "PRIORITY" | "DUE_DATE", direction: "ASC" | "DESC") =>
    (await all((page) => ticketing.queryTickets({ ...page, filter: {}, orderBy: { field, direction } }))).map((ticket) => ticket.key);

  it("default to oldest first, and sort by creation time either way", async () => {
    expect((await all((page) => ticketing.queryTickets({ ...page, filter: {}, orderBy: null }))).map((ticket) => ticket.key)).toEqual(await order("CREATED_AT", "ASC"));
    expect(await order("CREATED_AT", "DESC")).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(mock));
  });

  it("sort by update time, priority (most pressing first when descending) and due date (missing ones last)", async () => {
    expect(await order("UPDATED_AT", "ASC")).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(mock));
    expect(await order("PRIORITY", "DESC")).toEqual([10, 5, 11, 6, 1, 12, 7, 2, 8, 3, 9, 4].map(mock));
    expect(await order("DUE_DATE", "ASC")).toEqual([2, 4, 6, 8, 10, 12, 1, 3, 5, 7, 9, 11].map(mock));
    expect(await order("DUE_DATE", "DESC")).toEqual([12, 10, 8, 6, 4, 2, 11, 9, 7, 5, 3, 1].map(mock));
  });
});

describe("identity filters", () => {
  it.each(Object.entries(userCases))("users: %s narrows the list", async (_name, [filter, expected]) => {
    expect(await userIds(filter)).toEqual(expected);
  });

  it("users: an empty search is no condition, and every user is listed without a filter, DEPROVISIONED included", async () => {
    expect(await userIds({ search: "" })).toHaveLength(8);
    expect(await userIds({})).toHaveLength(8);
    expect(await userIds({ search: "Person", status: ["ACTIVE"] })).toEqual(["00u0mock"]);
  });

  it.each(Object.entries(groupCases))("groups: %s narrows the list", async (_name, [filter, expected]) => {
    expect(await groupIds(filter)).toEqual(expected);
  });

  it("groups: the type matches exactly", async () => {
    expect(await groupIds({ type: "app_group" })).toEqual([]);
  });
});

describe("finding filters", () => {
  it.each(Object.entries(findingCases))("%s narrows compliance and detection findings, newest first", async (_name, [filter, compliance, detection]) => {
    expect(await findingIds("compliance", filter)).toEqual(compliance);
    expect(await findingIds("detection", filter)).toEqual(detection);
  });

  it("refuse an updated window that ends before it starts", async () => {
    await expect(findingIds("compliance", { updatedAfter: "2026-02-01T00:00:00Z", updatedBefore: "2026-01-01T00:00:00Z" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
