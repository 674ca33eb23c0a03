/** What the shared provider HTTP client's tests build on: fast settings, a client of the local server, and the rejection check. */
import { expect } from "vitest";
import type { TransportSettings } from "../../../providers/definition.ts";
import { createHttpClient, type CreateHttpClientOptions } from "../../../providers/http/client.ts";
import { ProviderError } from "../../../providers/types.ts";

export const transportSettings: TransportSettings = { connectTimeoutMs: 500, totalTimeoutMs: 1_500, maxRetries: 2, maxResponseBytes: 64 * 1024, allowPrivateNetworks: true };

export type Reports = Parameters<NonNullable<CreateHttpClientOptions["onResponse"]>>[0][];

let clients = 0;

/** A client of the local server at `origin`: a circuit breaker of its own, short fixed backoff, and every report kept in `reports`. */
export function testClient(origin: string, options: Pick<CreateHttpClientOptions, "auth" | "descriptor"> & Partial<CreateHttpClientOptions>, reports: Reports = []) {
  return createHttpClient({
    baseUrl: `${origin}/api`,
    breakerKey: `transport-test-${++clients}`,
    settings: transportSettings,
    retryPolicy: { baseDelayMs: 5 },
    random: () => 0.5,
    onResponse: (report) => reports.push(report),
    ...options,
  });
}

/** What a provider call rejected with, checked to be a ProviderError. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
