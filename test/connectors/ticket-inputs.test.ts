/**
 * Ticket and comment inputs through the connector API, on the mock and on Jira alike: what is refused
 * before the provider is called (BAD_USER_INPUT naming the input field), what is accepted beside it,
 * and provider refusals named by the input's fields rather than the provider's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import type { CreateTicketInput, UpdateTicketInput } from "../generated/graphql.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, seedTenant, startGateway, type GraphQLResponse, type TestGateway } from "../helpers/gateway.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";
import { connectorClient } from "./connector-api.ts";

const CreateTicket = graphql(`
  mutation TicketInputsCreate($input: CreateTicketInput!) { createTicket(input: $input) { ticket { key summary dueDate tags customFields } } }
`);
const UpdateTicket = graphql(`
  mutation TicketInputsUpdate($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { key summary dueDate tags customFields } } }
`);
const CreateComment = graphql(`
  mutation TicketInputsComment($input: CreateTicketCommentInput!) { createTicketComment(input: $input) { comment { body } } }
`);

type Change = Partial<CreateTicketInput> & Partial<UpdateTicketInput>;

/** Each refused for creating and for updating a ticket, naming `field`. */
const refusals: { title: string; change: Change; field: string }[] = [
  { title: "a month 13, day 45 due date", change: { dueDate: "2024-13-45" }, field: "dueDate" },
  { title: "February 29th of a common year", change: { dueDate: "2023-02-29" }, field: "dueDate" },
  { title: "April 31st", change: { dueDate: "2024-04-31" }, field: "dueDate" },
  { title: "an empty due date", change: { dueDate: "" }, field: "dueDate" },
  { title: "an empty summary", change: { summary: "" }, field: "summary" },
  { title: "a summary of spaces", change: { summary: "   " }, field: "summary" },
  { title: "a summary of two lines", change: { summary: "a\nb" }, field: "summary" },
  { title: "a summary ending in a carriage return", change: { summary: "a\r" }, field: "summary" },
  { title: "a tag with a space", change: { tags: ["has space"] }, field: "tags" },
  { title: "an empty tag", change: { tags: ["fine", ""] }, field: "tags" },
  { title: "a tag with a tab", change: { tags: ["a\tb"] }, field: "tags" },
  { title: "a tag of 256 characters, longer than Jira takes", change: { tags: ["fine", "x".repeat(256)] }, field: "tags" },
  { title: "custom fields given as a number", change: { customFields: 5 }, field: "customFields" },
  { title: "custom fields given as a string", change: { customFields: "customfield_10016" }, field: "customFields" },
  { title: "custom fields given as a list", change: { customFields: [{ customfield_10016: 3 }] }, field: "customFields" },
];

/** Null on an update clears a field; these cannot be cleared, so null is refused rather than ignored. */
const unclearable: { change: Partial<UpdateTicketInput>; field: string }[] = [
  { change: { summary: null }, field: "summary" },
  { change: { status: null }, field: "status" },
  { change: { customFields: null }, field: "customFields" },
];

/** Accepted beside the refusals above, and stored as given. */
const accepted = { summary: "  Leap day, one line  ", dueDate: "2024-02-29", tags: ["single-word", "ünïcode_label", "x".repeat(255)], customFields: { customfield_10016: 3 } };

const refusal = (response: GraphQLResponse<unknown>) => ({ code: errorCode(response), field: response.body.errors?.[0]?.extensions?.field });

describe("ticket inputs through the connector API", () => {
  let gateway: TestGateway;
  let sim: JiraSimulator;
  const tokens = { mock: "", jira: "" };
  const call = connectorClient(() => gateway, () => tokens.mock);

  beforeAll(async () => {
    sim = await startJiraSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    const tenant = await seedTenant(gateway);
    const admin = (await logon(gateway, tenant)).accessToken;
    const account = await createAccount(gateway, admin, "ticket-inputs");
    tokens.mock = (await createIntegration(gateway, admin, account.id, "mock-tickets")).tokens.accessToken;
    const jira = { apiBaseUrl: sim.url, customFieldIds: ["customfield_10016"], credential: { basic: { username: sim.credentials.email, password: sim.credentials.apiToken } } };
    tokens.jira = (await createIntegration(gateway, admin, account.id, "jira-tickets", { ticketingJira: jira })).tokens.accessToken;
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  describe.each([
    { provider: "ticketing_mock", token: () => tokens.mock, base: { projectKey: "MOCK", issueType: "Task", summary: "x" }, existing: "MOCK-1" },
    { provider: "ticketing_jira", token: () => tokens.jira, base: { projectKey: "EX", issueType: "Task", summary: "x" }, existing: "EX-3" },
  ])("on $provider", ({ token, base, existing }) => {
    it.each(refusals)("refuses $title on create and on update, before calling the provider", async ({ change, field }) => {
      const requestsBefore = sim.state.requests.length;
      const created = await call(CreateTicket, { input: { ...base, ...change } }, token());
      expect(refusal(created)).toEqual({ code: "BAD_USER_INPUT", field });
      expect(created.body.errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
      const updated = await call(UpdateTicket, { input: { id: existing, ...change } }, token());
      expect(refusal(updated)).toEqual({ code: "BAD_USER_INPUT", field });
      expect(sim.state.requests.length).toBe(requestsBefore);
    });

    it("accepts real dates, one-line summaries, single-word tags and custom fields as an object, on create and on update", async () => {
      const created = await call(CreateTicket, { input: { ...base, ...accepted } }, token());
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data?.createTicket.ticket).toMatchObject(accepted);
      const updated = await call(UpdateTicket, { input: { id: existing, ...accepted, dueDate: "2025-12-31" } }, token());
      expect(updated.body.errors).toBeUndefined();
      expect(updated.body.data?.updateTicket.ticket).toMatchObject({ ...accepted, dueDate: "2025-12-31" });
      const cleared = await call(UpdateTicket, { input: { id: existing, dueDate: null, tags: [] } }, token());
      expect(cleared.body.data?.updateTicket.ticket).toMatchObject({ dueDate: null, tags: [] });
    });

    it.each(unclearable)("refuses $field: null on update, naming it, before calling the provider", async ({ change, field }) => {
      const requestsBefore = sim.state.requests.length;
      const updated = await call(UpdateTicket, { input: { id: existing, ...change } }, token());
      expect(refusal(updated)).toEqual({ code: "BAD_USER_INPUT", field });
      expect(updated.body.errors?.[0]?.message).toMatch(new RegExp(`^${field}: cannot be`));
      expect(sim.state.requests.length).toBe(requestsBefore);
    });

    it("removes every tag for tags: null, as for an empty list", async () => {
      const tagged = await call(UpdateTicket, { input: { id: existing, tags: ["to-clear"] } }, token());
      expect(tagged.body.data?.updateTicket.ticket.tags).toEqual(["to-clear"]);
      const cleared = await call(UpdateTicket, { input: { id: existing, tags: null } }, token());
      expect(cleared.body.errors).toBeUndefined();
      expect(cleared.body.data?.updateTicket.ticket.tags).toEqual([]);
    });

    it("refuses an empty or blank comment and accepts one with text", async () => {
      for (const body of ["", "  \n\t "]) {
        expect(refusal(await call(CreateComment, { input: { ticketId: existing, body } }, token()))).toEqual({ code: "BAD_USER_INPUT", field: "body" });
      }
      const added = await call(CreateComment, { input: { ticketId: existing, body: "Looked into it" } }, token());
      expect(added.body.data?.createTicketComment.comment.body).toBe("Looked into it");
    });
  });

  describe("provider refusals name the input's fields", () => {
    it("on the mock: projectKey and issueType, not project and issuetype", async () => {
      const created = await call(CreateTicket, { input: { projectKey: "NOPE", issueType: "Epic", summary: "x", customFields: { priority: 1 } } });
      expect(refusal(created)).toEqual({ code: "BAD_USER_INPUT", field: "projectKey" });
      expect(created.body.errors?.[0]?.message).toBe("The mock ticketing provider rejected the ticket: check the fields projectKey, issueType, customFields.priority");
      const updated = await call(UpdateTicket, { input: { id: "MOCK-2", assigneeId: "user-9" } });
      expect(refusal(updated)).toEqual({ code: "BAD_USER_INPUT", field: "assigneeId" });
      expect(updated.body.errors?.[0]?.message).toBe("The mock ticketing provider rejected the ticket: check the fields assigneeId");
    });

    it("on Jira: projectKey and issueType for Jira's project and issuetype, customFields for an unknown custom field", async () => {
      const created = await call(CreateTicket, { input: { projectKey: "NOPE", issueType: "Nope", summary: "x" } }, tokens.jira);
      expect(refusal(created)).toEqual({ code: "BAD_USER_INPUT", field: "projectKey" });
      expect(created.body.errors?.[0]?.message).toBe("Jira rejected the request to create the issue: check the fields projectKey, issueType");
      const unknownField = await call(UpdateTicket, { input: { id: "EX-3", customFields: { customfield_99999: 1 } } }, tokens.jira);
      expect(refusal(unknownField)).toEqual({ code: "BAD_USER_INPUT", field: "customFields" });
      expect(unknownField.body.errors?.[0]?.message).toBe("Jira rejected the request to update the issue: check the fields customFields.customfield_99999");
      const systemField = await call(UpdateTicket, { input: { id: "EX-3", customFields: { summary: "sneaky" } } }, tokens.jira);
      expect(refusal(systemField)).toEqual({ code: "BAD_USER_INPUT", field: "customFields" });
    });
  });
});
