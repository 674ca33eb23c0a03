/** A real local webhook receiver: records every request and answers as the test scripts it (200 by default). */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; createdAt: string; organizationId: string; data: Record<string, unknown> };
  at: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Connections opened to the receiver, whether or not a request followed. */
  connections: number;
  /** Answers for the next requests, in order; afterwards 200. */
  answerNext(...answers: Answer[]): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const queue: Answer[] = [];
  const received: ReceivedWebhook[] = [];
  const state = { connections: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: request.headers, body, event: JSON.parse(body) as ReceivedWebhook["event"], at: Date.now() });
      const answer = queue.shift() ?? { status: 200 };
      response.writeHead(answer.status, answer.headers);
      response.end("ok");
    });
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    get connections() {
      return state.connections;
    },
    answerNext: (...answers) => queue.push(...answers),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The README's verification, as a receiver would write it: HMAC-SHA256 over `${timestamp}.${body}`, compared in constant time. */
export function verifySignature(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const expected = createHmac("sha256", secret).update(`${headers["switchyard-webhook-timestamp"]}.${body}`).digest("hex");
  const given = String(headers["switchyard-signature"] ?? "").replace(/^v1=/, "");
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** Polls until the assertion holds or the deadline passes (bounded in time and count). */
export async function eventually(assertion: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let tries = 0; tries < 10_000; tries++) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
