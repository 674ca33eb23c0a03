/** A provider is never asked for a filter or order it does not apply: the gateway refuses it instead of answering a wider page. */
import { describe, expect, it } from "vitest";
import type { ProviderDefinition } from "../../providers/definition.ts";
import { providers } from "../../providers/registry.ts";
import type { ConnectorId } from "../../providers/types.ts";
import { assertQuerySupported } from "../../src/services/connector-calls.ts";

const jira = providers.ticketing_jira as unknown as ProviderDefinition<ConnectorId, unknown>;
const narrow = { ...jira, id: "ticketing_narrow", queryCapabilities: { ticketing_query_tickets: { filters: ["status"], orders: ["CREATED_AT"] } } } as ProviderDefinition<ConnectorId, unknown>;
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return { message: (error as Error).message, extensions: (error as { extensions?: unknown }).extensions };
  }
  return null;
};

describe("assertQuerySupported", () => {
  it("lets through the filters and order the provider applies, and conditions left empty", () => {
    expect(refusal(() => assertQuerySupported(narrow, "ticketing_query_tickets", { filter: { status: ["Done"], assigneeId: [], tags: undefined, projectKey: null }, orderBy: "CREATED_AT" }))).toBeNull();
  });

  it("refuses a filter the provider does not apply, naming it", () => {
    expect(refusal(() => assertQuerySupported(narrow, "ticketing_query_tickets", { filter: { status: ["Done"], assigneeId: ["a-1"] } }))).toEqual({
      message: expect.stringContaining("cannot filter ticketing_query_tickets by assigneeId"),
      extensions: { code: "UNSUPPORTED_OPERATION", operation: "ticketing_query_tickets", field: "filter.assigneeId" },
    });
  });

  it("refuses an order the provider does not apply", () => {
    expect(refusal(() => assertQuerySupported(narrow, "ticketing_query_tickets", { orderBy: "PRIORITY" }))).toMatchObject({ extensions: { code: "UNSUPPORTED_OPERATION", field: "orderBy" } });
  });

  it("refuses every filter of an operation with no declared capabilities", () => {
    expect(refusal(() => assertQuerySupported(narrow, "ticketing_list_projects", { filter: { status: ["Done"] } }))).toMatchObject({ extensions: { field: "filter.status" } });
  });

  it("accepts every filter and order the real Jira provider advertises", () => {
    const { filters, orders } = jira.queryCapabilities!.ticketing_query_tickets!;
    for (const name of filters) expect(refusal(() => assertQuerySupported(jira, "ticketing_query_tickets", { filter: { [name]: ["x"] } }))).toBeNull();
    for (const order of orders) expect(refusal(() => assertQuerySupported(jira, "ticketing_query_tickets", { orderBy: order }))).toBeNull();
  });
});
