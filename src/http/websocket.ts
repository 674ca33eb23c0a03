/** graphql-ws on the same port and paths as HTTP, executing through each endpoint's Yoga (envelop) pipeline. */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { GraphQLError, type ExecutionArgs, type GraphQLFormattedError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { YogaServerInstance } from "graphql-yoga";
import type { Context } from "../context.ts";
import type { SocketFacts } from "./yoga.ts";

type Enveloped = ExecutionArgs & { rootValue: { execute: (args: ExecutionArgs) => unknown; subscribe: (args: ExecutionArgs) => unknown } };

export interface WebSocketGateway {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

export interface WebSocketLimits {
  /** Operations (subscriptions, or queries in flight) one connection may hold at once. */
  maxSubscriptionsPerConnection: number;
  /** A connection that has not sent `connection_init` by then is closed with 4408. */
  initTimeoutMs: number;
  /**
   * A WebSocket ping goes to every connection this often; one that does not answer within as long
   * again is dropped. Each ping is a write and a read per connection, so with 10,000 idle
   * subscribers graphql-ws's 12 s default costs 1,700 socket operations a second.
   */
  keepAliveMs: number;
}

/** The upgrade headers a WebSocket operation's context may read. */
const contextHeaders = ["x-tenant-id", "x-org-id", "x-request-id"] as const;

function pickHeaders(headers: IncomingMessage["headers"]): Record<string, string | string[] | undefined> {
  return Object.fromEntries(contextHeaders.filter((name) => headers[name] !== undefined).map((name) => [name, headers[name]]));
}

/**
 * An error as a WebSocket client sees it. `extensions.http` tells Yoga which HTTP status and
 * headers to answer with; no HTTP answer follows here, so it is left out rather than shown.
 */
function withoutHttpFacts(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (!formatted.extensions || !("http" in formatted.extensions)) return formatted;
  const { http: _http, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

export function createWebSocketGateway(
  endpoints: Map<string, YogaServerInstance<{ socket?: SocketFacts; remoteAddress?: string | null }, Context>>,
  limits: WebSocketLimits,
): WebSocketGateway {
  const servers = new Map<string, WebSocketServer>();
  for (const [path, yoga] of endpoints) {
    const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
    useServer(
      {
        connectionInitWaitTimeout: limits.initTimeoutMs,
        execute: (args) => (args as Enveloped).rootValue.execute(args) as never,
        onError: (_ctx, _id, _payload, errors) => errors.map(withoutHttpFacts),
        // Per delivery: results without errors, nearly all of them, pass untouched.
        onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(withoutHttpFacts) } : undefined),
        subscribe: (args) => (args as Enveloped).rootValue.subscribe(args) as never,
        onSubscribe: async (ctx, _id, params) => {
          // graphql-ws has already registered this operation, so it is counted here.
          if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
            return [
              new GraphQLError(`At most ${limits.maxSubscriptionsPerConnection} operations at once per connection; complete one first or open another connection`, {
                extensions: { code: "RATE_LIMITED" },
              }),
            ];
          }
          const socket: SocketFacts = {
            connectionParams: ctx.connectionParams as Record<string, unknown> | undefined,
            upgradeHeaders: ctx.extra.request.headers,
            remoteAddress: ctx.extra.request.socket.remoteAddress ?? null,
            connection: ctx.extra.socket,
          };
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ socket, params });
          let contextValue: Context;
          try {
            contextValue = (await contextFactory()) as Context;
          } catch (error) {
            // A bad token or mismatched headers: answer the operation with the error, as over HTTP.
            if (error instanceof Error && (error as GraphQLError).extensions?.code) return [error as GraphQLError];
            throw error;
          }
          const args = {
            schema,
            operationName: params.operationName,
            document: parse(params.query),
            variableValues: params.variables,
            contextValue,
            rootValue: { execute, subscribe },
          };
          const errors = validate(args.schema, args.document);
          if (errors.length) return errors;
          return args as ExecutionArgs;
        },
      },
      wss,
      limits.keepAliveMs,
    );
    servers.set(path, wss);
  }
  return {
    handleUpgrade(request, socket, head) {
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      const wss = servers.get(path);
      if (!wss) return false;
      // graphql-ws keeps the request for the connection's life; keep only what onSubscribe reads, not the whole IncomingMessage.
      const kept = { headers: pickHeaders(request.headers), socket: { remoteAddress: request.socket.remoteAddress } };
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, kept));
      return true;
    },
    async close() {
      for (const wss of servers.values()) {
        for (const client of wss.clients) client.close(1001, "Server shutting down");
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      }
    },
  };
}
