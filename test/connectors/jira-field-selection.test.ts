/**
 * A ticket search asks Jira for only the issue fields the GraphQL selection reads, and every field
 * answers the same as when everything is fetched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type GraphQLResponse, type TestGateway } from "../helpers/gateway.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";

/** Sub-selections for the object-typed fields of `Ticket`. */
const subSelection: Record<string, string> = {
  assignee: "{ id name email }",
  creator: "{ id name email }",
  reporter: "{ id name email }",
  project: "{ id key name }",
  parent: "{ key summary status }",
};

type Node = Record<string, unknown>;
type TicketsData = { tickets: { edges: { node: Node }[] } };

describe("Jira ticket search, field by field", () => {
  let gateway: TestGateway;
  let sim: JiraSimulator;
  let token: string;
  let ticketFields: string[];

  beforeAll(async () => {
    sim = await startJiraSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    const admin = await seedAdminToken(gateway);
    const account = await createAccount(gateway, admin, "initech");
    const created = await createIntegration(gateway, admin, account.id, "jira", {
      ticketingJira: {
        apiBaseUrl: sim.url,
        customFieldIds: ["customfield_10016", "customfield_10042"],
        credential: { basic: { username: sim.credentials.email, password: sim.credentials.apiToken } },
      },
    });
    token = created.tokens.accessToken;
    const introspection = await gql<{ __type: { fields: { name: string }[] } }>(gateway, '{ __type(name: "Ticket") { fields { name } } }', {
      token,
      path: "/graphql/connector",
    });
    ticketFields = introspection.body.data?.__type.fields.map((field) => field.name) ?? [];
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  /** Runs a ticket search and returns its answer and the `fields` the gateway sent to Jira's search. */
  async function search(nodeSelection: string, fragments = ""): Promise<{ response: GraphQLResponse<TicketsData>; jiraFields: string[] }> {
    const before = sim.state.requests.length;
    const query = `{ tickets(first: 20, filter: { projectKey: ["EX"] }) { edges { node { ${nodeSelection} } } } } ${fragments}`;
    const response = await gql<TicketsData>(gateway, query, { token, path: "/graphql/connector" });
    const searches = sim.state.requests.slice(before).filter((request) => request.path === "/rest/api/3/search/jql");
    expect(searches).toHaveLength(1);
    return { response, jiraFields: (searches[0]?.body as { fields: string[] }).fields };
  }

  const select = (field: string) => `${field} ${subSelection[field] ?? ""}`;

  it("answers every field as a search of all fields does, asking Jira for less unless the raw payload is selected", async () => {
    expect(ticketFields).toEqual(expect.arrayContaining(["summary", "description", "status", "customFields", "raw", "parent"]));
    const everything = await search(["key", ...ticketFields].map(select).join(" "));
    expect(everything.response.body.errors).toBeUndefined();
    const full = everything.response.body.data?.tickets.edges.map((edge) => edge.node) ?? [];
    expect(full.length).toBeGreaterThan(3);
    expect(everything.jiraFields).toEqual(expect.arrayContaining(["summary", "description", "status", "customfield_10016"]));

    for (const field of ticketFields) {
      const { response, jiraFields } = await search(`key ${select(field)}`);
      expect(response.body.errors, field).toBeUndefined();
      const nodes = response.body.data?.tickets.edges.map((edge) => edge.node) ?? [];
      expect(nodes, field).toEqual(full.map((node) => ({ key: node.key, [field]: node[field] })));
      if (field === "raw") expect(jiraFields).toEqual(everything.jiraFields);
      else expect(jiraFields.length, `${field} asked Jira for ${jiraFields.join(",")}`).toBeLessThan(everything.jiraFields.length);
    }
  });

  it("names exactly the Jira fields behind the selection, through fragments and conditional fields", async () => {
    expect((await search("id key status")).jiraFields).toEqual(["status"]);
    expect((await search("key")).jiraFields).toEqual(["summary"]);
    expect((await search("key ...on Ticket { priority } ...Dates", "fragment Dates on Ticket { createdAt dueDate }")).jiraFields).toEqual(["priority", "duedate", "created"]);
    // Directives are not evaluated when choosing fields: a conditional field is fetched either way.
    expect((await search("key description @skip(if: true) tags")).jiraFields).toEqual(["description", "labels"]);
    expect((await search("key customFields")).jiraFields).toEqual(["summary", "customfield_10016", "customfield_10042"]);
  });

  it("fetches parents whole, whatever the list selected", async () => {
    const { response, jiraFields } = await search("key parent { key description reporter { name } }");
    expect(jiraFields).toEqual(["parent"]);
    const subtask = response.body.data?.tickets.edges.find((edge) => edge.node.key === "EX-4")?.node;
    expect(subtask?.parent).toMatchObject({ key: "EX-1", reporter: { name: expect.any(String) } });
  });
});
