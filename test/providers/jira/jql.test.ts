/** The JQL builder: quoting, bounding, filters, ordering and dates in the Jira user's zone. */
import { describe, expect, it } from "vitest";
import { buildJql, dateFilteredProperties, defaultBound, formatInZone, quoteJql } from "../../../providers/jira/jql.ts";
import { ProviderError } from "../../../providers/types.ts";

describe("quoteJql", () => {
  it("quotes values and escapes backslashes, quotes and control characters", () => {
    expect(quoteJql("To Do")).toBe('"To Do"');
    expect(quoteJql('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteJql("C:\\temp")).toBe('"C:\\\\temp"');
    expect(quoteJql("a\nb\tc")).toBe('"a\\nb\\tc"');
  });

  it("keeps JQL keywords and operators inert inside the literal", () => {
    expect(quoteJql('x" OR project = "SECRET')).toBe('"x\\" OR project = \\"SECRET"');
  });
});

describe("buildJql", () => {
  it("stays bounded without any filter and orders newest first by default", () => {
    expect(buildJql({}, null)).toBe(`${defaultBound} ORDER BY created DESC, key DESC`);
    expect(buildJql({ status: [], tags: [] }, null)).toBe(`${defaultBound} ORDER BY created DESC, key DESC`);
  });

  it("ANDs one IN clause per filter, with priorities in Jira's names", () => {
    expect(
      buildJql(
        { projectKey: ["EX", "OPS"], status: ["In Progress"], priority: ["URGENT", "PLANNING"], assigneeId: ["5b10a2844c20165700ede21g"], tags: ["payments"] },
        { field: "PRIORITY", direction: "ASC" },
      ),
    ).toBe(
      'project IN ("EX", "OPS") AND status IN ("In Progress") AND priority IN ("Highest", "Lowest") AND assignee IN ("5b10a2844c20165700ede21g") AND labels IN ("payments") ORDER BY priority ASC, key ASC',
    );
  });

  it("writes dates as minute-precision wall-clock time in the user's zone, rounded outward", () => {
    const jql = buildJql({ createdAfter: "2021-01-17T12:34:56Z", createdBefore: "2021-01-18T00:00:01Z" }, { field: "UPDATED_AT", direction: "DESC" }, "Australia/Sydney");
    expect(jql).toBe('created >= "2021-01-17 23:34" AND created < "2021-01-18 11:01" ORDER BY updated DESC, key DESC');
  });

  it("refuses a date that is not ISO 8601", () => {
    expect(() => buildJql({ updatedAfter: "last tuesday" }, null)).toThrow(ProviderError);
  });

  it("knows which dates a filter bounds, and so when the user's time zone is needed", () => {
    expect(dateFilteredProperties({ status: ["Done"] })).toEqual([]);
    expect(dateFilteredProperties({ updatedBefore: "2021-01-01T00:00:00Z" })).toEqual(["updatedAt"]);
    expect(dateFilteredProperties({ createdAfter: "2021-01-01T00:00:00Z", updatedAfter: "2021-01-01T00:00:00Z" })).toEqual(["createdAt", "updatedAt"]);
  });
});

describe("formatInZone", () => {
  it("crosses daylight saving correctly", () => {
    expect(formatInZone(Date.UTC(2021, 6, 1, 12, 0), "Europe/London")).toBe("2021-07-01 13:00");
    expect(formatInZone(Date.UTC(2021, 0, 1, 12, 0), "Europe/London")).toBe("2021-01-01 12:00");
    expect(formatInZone(Date.UTC(2021, 0, 1, 0, 5), "UTC")).toBe("2021-01-01 00:05");
  });
});
