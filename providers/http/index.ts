/** The shared provider HTTP layer. */
export { createHttpClient, buildUrl } from "./client.ts";
export { decideRetry } from "./decide-retry.ts";
export { isPrivateAddress } from "./address-guard.ts";
export type * from "./types.ts";
