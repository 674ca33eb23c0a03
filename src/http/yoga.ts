/** One graphql-yoga instance per endpoint: the whole schema and each sub-graph alone. */
import type { GraphQLSchema } from "graphql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { GraphQLError } from "graphql";
import { createContext, type Connection, type Context } from "../context.ts";
import { errorCodes, forbiddenRequest } from "../errors.ts";
import type { Services } from "../services/services.ts";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { abuseLimitPlugins } from "./abuse-limits.ts";
import { useRateLimit } from "../limits/use-rate-limit.ts";
import type { HeldLane } from "../limits/refuse-early.ts";
import { variableErrorPosition, withoutSuggestions, withoutVariableValue } from "./variable-errors.ts";
import { useInputGuard } from "./input-guard.ts";
import { useMutationAudit } from "./mutation-audit.ts";
import { knownFailure } from "./known-failures.ts";
import { useSharedEventResults } from "./shared-event-results.ts";

/**
 * Any of these marks a request as one a browser would have preflighted. `authorization` counts:
 * the gateway authenticates by bearer token only, never by cookie, and a page cannot attach one cross-site.
 */
export const csrfHeaders = ["x-graphql-csrf", "graphql-require-preflight", "authorization"];

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
  connection: Connection;
}

/** What the HTTP server and the WebSocket gateway hand yoga with each request; `heldLane`: see limits/refuse-early.ts. */
type ServerContext = { socket?: SocketFacts; remoteAddress?: string | null; heldLane?: HeldLane | null };

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
    plugins: [
      // Browsers send GET and form/text POSTs cross-site without a preflight; those must carry a header a form cannot set.
      ...(config.csrfPrevention ? [useCSRFPrevention({ requestHeaders: csrfHeaders })] : []),
      // Before the input guard, so that the guard's refusals of mutations are audited too.
      useMutationAudit(),
      useInputGuard(config.input),
      ...abuseLimitPlugins(config),
      useRateLimit(services.fairness),
      useSharedEventResults(),
    ],
    graphqlEndpoint: endpointPaths[endpoint],
    graphiql: config.graphiql ? { title: `Switchyard ${endpoint === "all" ? "" : endpoint}`.trim() } : false,
    landingPage: false,
    // No CORS headers unless the operator lists origins: browsers then keep other sites out.
    cors: config.corsOrigins.length > 0 ? { origin: config.corsOrigins, credentials: false, allowedHeaders: ["authorization", "content-type", "x-tenant-id", "x-org-id", "x-request-id", ...csrfHeaders] } : false,
    batching: false,
    // server.ts already refuses a POST without Content-Length or above the limit, and Node's parser
    // holds the body to its declared length; yoga's own limit re-streams every body (~40 µs a request).
    maxRequestBodySize: false,
    logging: {
      debug: (...args) => log.debug({ args: args.map(describe) }, "yoga"),
      info: (...args) => log.info({ args: args.map(describe) }, "yoga"),
      warn: (...args) => log.warn({ args: args.map(describe) }, "yoga"),
      error: (...args) => log.error({ args: args.map(describe) }, "yoga"),
    },
    maskedErrors: {
      maskError(error, message) {
        // Duck-typed: the GraphQLError class may be loaded twice (ESM and CJS builds of graphql).
        const original = (error as { originalError?: unknown }).originalError;
        if (isExpected(original)) return original as Error;
        const known = knownFailure(error, original);
        if (known) return known;
        // Errors from parsing, validation or variable coercion are GraphQL's own, caused by the request: shown as they are.
        const graphqlOwn = (candidate: unknown) => (candidate as Error | undefined)?.name === "GraphQLError";
        if (graphqlOwn(error) && (!original || graphqlOwn(original))) {
          const own = error as GraphQLError;
          const cleaned = withoutVariableValue(own.message, (original as Error | undefined)?.message);
          // Suggestions name fields and values the caller did not ask about; production hides them here as in validation.
          const message = config.production ? withoutSuggestions(cleaned) : cleaned;
          const badVariable = own.message.startsWith('Variable "$') && own.extensions.code === undefined;
          if (message === own.message && !badVariable) return own;
          return new GraphQLError(message, { nodes: own.nodes, extensions: badVariable ? { ...own.extensions, code: "BAD_USER_INPUT", ...variableErrorPosition(cleaned) } : own.extensions });
        }
        const reference = crypto.randomUUID();
        log.error({ err: original ?? error, reference }, "unexpected error");
        return new GraphQLError(`${message} Reference: ${reference}`, { extensions: { code: "INTERNAL_SERVER_ERROR", reference } });
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
            connection: socket.connection,
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

const expectedCodes = new Set<string>(errorCodes);

/** What reaches the log of something yoga reports: errors by name and redacted message, never their values. */
function describe(value: unknown): unknown {
  if (!(value instanceof Error) && (value as { name?: unknown } | null)?.name !== "GraphQLError") return typeof value === "string" ? value : "[object]";
  const error = value as Error & { originalError?: Error };
  return { name: error.name, message: withoutVariableValue(error.message, error.originalError?.message) };
}

/** An error we raised on purpose, carrying one of our codes; safe to show as it is. */
function isExpected(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | null | undefined)?.extensions?.code;
  return typeof code === "string" && (expectedCodes.has(code) || code.startsWith("GRAPHQL_") || code === "BAD_REQUEST");
}
