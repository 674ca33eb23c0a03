/** A scripted node:http server on 127.0.0.1, port 0, for transport tests: each request takes the next handler; the last one repeats. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Requests received since the last `script`, with their headers and bodies. */
  received: { method: string; url: string; headers: IncomingHttpHeaders; body: string; clientPort: number | undefined }[];
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

export async function startLocalServer(): Promise<LocalServer> {
  let handlers: Handler[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      local.received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), clientPort: request.socket.remotePort });
      const handler = handlers.length > 1 ? handlers.shift() : handlers[0];
      if (handler) handler(request, response);
      else response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const local: LocalServer = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: [],
    script(...next) {
      handlers = next;
      local.received = [];
    },
    close() {
      // Handlers that never answer would otherwise hold `close` open.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return local;
}

export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): Handler {
  return (_request, response) => response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export function raw(status: number, contentType: string, body: string, headers: Record<string, string | string[]> = {}): Handler {
  return (_request, response) => response.writeHead(status, { "content-type": contentType, ...headers }).end(body);
}

/** Accepts the request and never answers. */
export const hang: Handler = () => {};
