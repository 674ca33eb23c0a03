/** What every Okta operation needs: the bound client, the org's base URL (cursors must stay on it), and a clock. */
import type { OktaClient } from "./client.ts";

export interface OktaContext {
  client: OktaClient;
  /** The org origin, e.g. `https://acme.okta.com`. */
  baseUrl: string;
  scheme: "SSWS" | "Bearer";
  /** Bounds System Log queries that give no `until`; injectable so tests can pin it. */
  now(): Date;
}
