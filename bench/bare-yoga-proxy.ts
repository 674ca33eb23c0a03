/**
 * The connector benchmark's floor: a bare graphql-yoga server on PORT whose one field makes the
 * gateway's Jira search (TARGET_URL, TARGET_BODY, TARGET_HEADERS) on a keep-alive pool and returns
 * the issues. No authentication, database, validation, normalisation, limits or status recording:
 * what it adds over calling the simulator directly, any graphql-yoga gateway in front of it adds.
 */
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";
import { Pool } from "undici";

interface JiraIssue {
  id: string;
  key: string;
  fields: { summary?: string; status?: { name?: string }; priority?: { name?: string } };
}

const target = new URL(process.env.TARGET_URL ?? "");
const body = process.env.TARGET_BODY ?? "";
const headers = JSON.parse(process.env.TARGET_HEADERS ?? "{}") as Record<string, string>;
const pool = new Pool(target.origin, { connections: 64 });

const yoga = createYoga({
  schema: createSchema({
    typeDefs: `
      type Ticket { id: ID! key: String! summary: String status: String priority: String }
      type TicketEdge { node: Ticket! }
      type TicketConnection { edges: [TicketEdge!]! }
      type Query { tickets(first: Int): TicketConnection! }`,
    resolvers: {
      Query: {
        tickets: async () => {
          const response = await pool.request({ method: "POST", path: `${target.pathname}${target.search}`, headers, body });
          const page = (await response.body.json()) as { issues: JiraIssue[] };
          return {
            edges: page.issues.map((issue) => ({
              node: { id: issue.id, key: issue.key, summary: issue.fields.summary, status: issue.fields.status?.name, priority: issue.fields.priority?.name },
            })),
          };
        },
      },
    },
  }),
  logging: false,
  graphiql: false,
});
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 4902), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
