/** One delivery attempt: a signed POST over a pool that refuses private addresses unless allowed, never following redirects. */
import { Agent, request } from "undici";
import { BlockedAddressError, createGuardedConnector } from "../../providers/http/address-guard.ts";
import { withDeadline } from "../../providers/http/deadline.ts";
import type { AttemptOutcome } from "./decide-retry.ts";
import { signWebhook, signatureHeaders } from "./sign.ts";

export interface WebhookTransport {
  send(input: { url: string; secret: string; eventId: string; eventType: string; body: string }): Promise<AttemptOutcome>;
  close(): Promise<void>;
}

function isBlocked(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof BlockedAddressError || (cause as { code?: string }).code === "EBLOCKEDADDRESS") return true;
  }
  return false;
}

/** Our words for a failed exchange; the receiver's body is never read into the log. */
function describe(error: unknown): string {
  const code = error instanceof Error ? ((error as { code?: string }).code ?? error.name) : "unknown";
  return `network error (${code})`;
}

export function createWebhookTransport(options: { timeoutMs: number; allowPrivateNetworks: boolean }): WebhookTransport {
  const agent = new Agent({
    keepAliveTimeout: 4_000,
    connections: 16,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: options.allowPrivateNetworks ? { timeout: options.timeoutMs } : createGuardedConnector(options.timeoutMs),
  });
  return {
    async send({ url, secret, eventId, eventType, body }) {
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const response = await withDeadline(options.timeoutMs, async (signal) => {
          const answer = await request(url, {
            method: "POST",
            dispatcher: agent,
            body,
            signal,
            headers: {
              "content-type": "application/json",
              "user-agent": "Switchyard-Webhooks/1",
              [signatureHeaders.id]: eventId,
              [signatureHeaders.timestamp]: String(timestamp),
              [signatureHeaders.eventType]: eventType,
              [signatureHeaders.signature]: signWebhook(secret, timestamp, body),
            },
          });
          await answer.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          return answer;
        });
        const retryAfter = response.headers["retry-after"];
        if (response.statusCode >= 200 && response.statusCode < 300) return { kind: "delivered", statusCode: response.statusCode };
        return { kind: "response", statusCode: response.statusCode, retryAfter: typeof retryAfter === "string" ? retryAfter : null };
      } catch (error) {
        if (isBlocked(error)) return { kind: "refused", message: "delivery URL resolves to a loopback, link-local or private address (allow with SWITCHYARD_ALLOW_PRIVATE_NETWORKS=true)" };
        return { kind: "network", message: describe(error) };
      }
    },
    close: () => agent.close(),
  };
}
