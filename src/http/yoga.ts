/** One graphql-yoga instance per endpoint: the whole schema and each sub-graph alone. */
import type { GraphQLSchema } from "graphql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { GraphQLError } from "graphql";
import { createContext, type Context } from "../context.ts";
import { forbiddenRequest } from "../errors.ts";
import type { Services } from "../services/services.ts";

export type Endpoint = "all" | "management" | "connector";

export const endpointPaths: Record<Endpoint, string> = {
  all: "/graphql",
  management: "/graphql/management",
  connector: "/graphql/connector",
};

/** What graphql-ws hands the context factory instead of a fetch Request. */
export interface SocketFacts {
  connectionParams: Record<string, unknown> | undefined;
  upgradeHeaders: Record<string, string | string[] | undefined>;
  remoteAddress: string | null;
}

type ServerContext = { socket?: SocketFacts; remoteAddress?: string | null };

function header(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return null;
}

/** A sub-graph endpoint refuses the other layer's tokens outright. */
function assertEndpointLayer(endpoint: Endpoint, context: Context) {
  const { viewer } = context;
  if (endpoint === "connector" && viewer.kind === "organization") throw forbiddenRequest("Organization tokens cannot call the connector API");
  if (endpoint === "management" && viewer.kind === "integration") throw forbiddenRequest("Integration tokens cannot call the management API");
}

export function createEndpoint(endpoint: Endpoint, schema: GraphQLSchema, services: Services): YogaServerInstance<ServerContext, Context> {
  const { config, log } = services;
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: endpointPaths[endpoint],
    graphiql: config.graphiql ? { title: `Switchyard ${endpoint === "all" ? "" : endpoint}`.trim() } : false,
    landingPage: false,
    batching: false,
    logging: {
      debug: (...args) => log.debug({ args }, "yoga"),
      info: (...args) => log.info({ args }, "yoga"),
      warn: (...args) => log.warn({ args }, "yoga"),
      error: (...args) => log.error({ args }, "yoga"),
    },
    maskedErrors: {
      maskError(error, message) {
        const original = error instanceof GraphQLError ? error.originalError : undefined;
        if (error instanceof GraphQLError && !original && error.extensions?.code) return error;
        if (original instanceof GraphQLError && original.extensions?.code) return original;
        const requestId = randomRequestId();
        log.error({ err: original ?? error, requestId }, "unexpected error");
        return new GraphQLError(`${message} Reference: ${requestId}`, { extensions: { code: "INTERNAL_SERVER_ERROR", requestId } });
      },
    },
    context: async (initial) => {
      const socket = (initial as ServerContext).socket;
      const request = (initial as { request?: Request }).request;
      const facts = socket
        ? {
            authorization: header(socket.connectionParams?.authorization ?? socket.connectionParams?.Authorization),
            tenantHeader: header(socket.connectionParams?.["x-tenant-id"] ?? socket.upgradeHeaders["x-tenant-id"]),
            organizationHeader: header(socket.connectionParams?.["x-org-id"] ?? socket.upgradeHeaders["x-org-id"]),
            requestId: header(socket.upgradeHeaders["x-request-id"]),
            remoteAddress: socket.remoteAddress,
          }
        : {
            authorization: request?.headers.get("authorization") ?? null,
            tenantHeader: request?.headers.get("x-tenant-id") ?? null,
            organizationHeader: request?.headers.get("x-org-id") ?? null,
            requestId: request?.headers.get("x-request-id") ?? null,
            remoteAddress: (initial as ServerContext).remoteAddress ?? null,
          };
      const context = await createContext(services, facts);
      assertEndpointLayer(endpoint, context);
      return context;
    },
  });
}

function randomRequestId() {
  return crypto.randomUUID();
}
