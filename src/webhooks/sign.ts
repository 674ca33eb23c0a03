/**
 * Webhook signatures: HMAC-SHA256 with the webhook's signing secret over `${timestamp}.${body}`,
 * sent as `Switchyard-Signature: v1=<hex>` beside `Switchyard-Webhook-Id` and
 * `Switchyard-Webhook-Timestamp` (Unix seconds), so a receiver can reject stale or replayed requests.
 */
import { createHmac } from "node:crypto";

export const signatureHeaders = {
  id: "switchyard-webhook-id",
  timestamp: "switchyard-webhook-timestamp",
  signature: "switchyard-signature",
  eventType: "switchyard-event-type",
} as const;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
