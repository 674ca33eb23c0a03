/** The baseline for benchmarks: a bare graphql-yoga server answering `{ __typename }` on PORT. */
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";

const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { hello: String }", resolvers: { Query: { hello: () => "world" } } }),
  logging: false,
  graphiql: false,
});
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 4900), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
