/**
 * Builds the gateway: database (migrated), keys, services, the three GraphQL endpoints over HTTP,
 * graphql-ws and SSE, and the health probes, on one port. `stop()` drains in-flight requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.ts";
import { openDatabase, type Database, type DatabaseOptions } from "./db/database.ts";
import { loadKeyRing, watchKeyRing } from "./crypto/key-store.ts";
import { createServices, type Services } from "./services/services.ts";
import { createEndpoint, endpointPaths, type Endpoint } from "./http/yoga.ts";
import { createWebSocketGateway } from "./http/websocket.ts";
import { createLogger } from "./log.ts";
import { connectRedis } from "./events/redis.ts";
import { createWebhookDispatcher } from "./webhooks/dispatcher.ts";
import { connectorSchema, managementSchema, schema } from "../schema/index.ts";
import { recognizedClaims, refusedEarly, serveInLane } from "./limits/refuse-early.ts";

export interface App {
  start(): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
  services: Services;
  database: Database;
}

export type AppOptions = DatabaseOptions;

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const database = await openDatabase(config.database, { ...options, log });
  const applied = await database.migrate();
  if (applied.length) log.info({ migrations: applied }, "applied database migrations");
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : null;
  const keys = loadKeyRing(config);
  const keyWatch = watchKeyRing(keys, config, log, config.keysReloadSeconds);
  const services = createServices({ config, log, prisma: database.prisma, keys, redis });
  const webhooks = config.webhooks.delivery ? createWebhookDispatcher({ prisma: database.prisma, services, log, config }) : null;

  const schemas = { all: schema, management: managementSchema, connector: connectorSchema } as const;
  const endpoints = new Map(
    (Object.keys(schemas) as Endpoint[]).map((endpoint) => [endpointPaths[endpoint], createEndpoint(endpoint, schemas[endpoint], services)]),
  );
  const websockets = createWebSocketGateway(endpoints, config.websocket);
  let draining = false;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    // While draining, a request on a kept-alive socket is still served, but that socket then closes.
    if (draining) response.setHeader("connection", "close");
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz") return json(response, draining ? 503 : 200, { status: draining ? "draining" : "ok" });
    if (path === "/readyz") {
      const ready = !draining && (await database.ping().then(() => true, () => false));
      return json(response, ready ? 200 : 503, { status: ready ? "ready" : "unavailable" });
    }
    const yoga = endpoints.get(path);
    if (!yoga) return json(response, 404, { error: "Not found. GraphQL is served at /graphql, /graphql/management and /graphql/connector." });
    const known = recognizedClaims(services.signer, request);
    if (refusedEarly(services.fairness, known, request, response)) return;
    // Bodies must declare their length so the limit holds before anything is read.
    if (request.method === "POST" && request.headers["content-length"] === undefined) {
      return json(response, 411, { errors: [{ message: "POST requests need a Content-Length header", extensions: { code: "BAD_USER_INPUT" } }] });
    }
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > config.limits.maxBodyBytes) return json(response, 413, { errors: [{ message: `Request body larger than ${config.limits.maxBodyBytes} bytes`, extensions: { code: "BAD_USER_INPUT" } }] });
    const remoteAddress = request.socket.remoteAddress ?? null;
    return serveInLane(services.fairness, known, request, response, async (heldLane) => {
      await yoga(request, response, { remoteAddress, heldLane });
    });
  }

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error({ err: error }, "request failed outside GraphQL");
      if (!response.headersSent) json(response, 500, { error: "Internal error" });
      else response.destroy();
    });
  });
  server.on("upgrade", (request, socket, head) => {
    if (draining || !websockets.handleUpgrade(request, socket, head)) socket.destroy();
  });

  return {
    services,
    database,
    start: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
          log.info({ port }, `Switchyard listening on http://${host}:${port}/graphql`);
          webhooks?.start();
          resolve({ url: `http://${host}:${port}`, port });
        });
      }),
    async stop() {
      if (draining) return;
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await websockets.close();
      // In-flight requests finish; connections that linger past the grace period are cut.
      const grace = setTimeout(() => server.closeAllConnections(), 20_000);
      await closed;
      clearTimeout(grace);
      keyWatch.stop();
      await services.status.close();
      await webhooks?.stop();
      await redis?.close();
      await database.close();
      log.info("Switchyard stopped");
    },
  };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}
