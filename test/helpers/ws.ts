/** Runs one operation over graphql-ws against a test gateway and reports how it ended. */
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import type { TestGateway } from "./gateway.ts";

export interface WsError {
  message: string;
  extensions?: Record<string, unknown>;
}

export type WsOutcome =
  | { kind: "result"; data: Record<string, unknown> | null | undefined; errors: WsError[] | undefined }
  /** The server answered the operation with an `error` message (request-level GraphQL errors). */
  | { kind: "errors"; errors: WsError[] }
  /** The server closed the socket instead of answering. */
  | { kind: "closed"; code: number; reason: string };

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === "object" && value !== null && "code" in value && typeof (value as { code: unknown }).code === "number";
}

export async function wsRequest(
  gateway: TestGateway,
  query: string,
  options: { token?: string; path?: string; connectionParams?: Record<string, unknown> } = {},
): Promise<WsOutcome> {
  const client = createClient({
    url: `${gateway.url.replace(/^http/, "ws")}${options.path ?? "/graphql"}`,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: { ...(options.token && { authorization: `Bearer ${options.token}` }), ...options.connectionParams },
  });
  try {
    return await new Promise<WsOutcome>((resolve) => {
      let last: WsOutcome | null = null;
      client.subscribe(
        { query },
        {
          next: (result) => {
            last = { kind: "result", data: result.data as Record<string, unknown> | null | undefined, errors: result.errors as WsError[] | undefined };
          },
          error: (error) => {
            if (Array.isArray(error)) resolve({ kind: "errors", errors: error as WsError[] });
            else if (isCloseEvent(error)) resolve({ kind: "closed", code: error.code, reason: error.reason });
            else resolve({ kind: "closed", code: -1, reason: String(error) });
          },
          complete: () => resolve(last ?? { kind: "result", data: undefined, errors: undefined }),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}
