/**
 * The shared provider HTTP client: transport only. Auth header, keep-alive, connect and total
 * deadlines, a response size cap, retries by `decideRetry`, and the per-integration breaker.
 */
import { Agent, request as undiciRequest, type Dispatcher } from "undici";
import { BrokenCircuitError } from "cockatiel";
import type { TransportSettings } from "../definition.ts";
import { ProviderError } from "../types.ts";
import { isIP } from "node:net";
import { BlockedAddressError, guardedLookup, isPrivateAddress } from "./address-guard.ts";
import { breakerFor, ProviderDownSignal } from "./breaker.ts";
import { decideRetry, type RetryPolicy } from "./decide-retry.ts";
import { errorForNetwork, errorForStatus } from "./map-error.ts";
import { retryAfterSeconds } from "./rate-limit.ts";
import type { HttpClientOptions, ProviderAuth, ProviderHttpClient, ProviderRequest, ProviderResponse } from "./types.ts";

const agents = new WeakMap<TransportSettings, Agent>();

function agentFor(settings: TransportSettings): Agent {
  let agent = agents.get(settings);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: 64,
      headersTimeout: settings.totalTimeoutMs,
      bodyTimeout: settings.totalTimeoutMs,
      connect: { timeout: settings.connectTimeoutMs, ...(!settings.allowPrivateNetworks && { lookup: guardedLookup }) },
    });
    agents.set(settings, agent);
  }
  return agent;
}

function authorization(auth: ProviderAuth): string | null {
  switch (auth.kind) {
    case "none":
      return null;
    case "basic":
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
    case "bearer":
      return `Bearer ${auth.token}`;
    case "authorization":
      return auth.value;
  }
}

export function buildUrl(baseUrl: string, request: Pick<ProviderRequest, "path" | "query">, providerId: string): URL {
  const base = new URL(baseUrl);
  const url = /^https?:\/\//.test(request.path) ? new URL(request.path) : new URL(base.href.replace(/\/+$/, "") + (request.path.startsWith("/") ? request.path : `/${request.path}`));
  if (url.origin !== base.origin) throw new ProviderError("PROVIDER_ERROR", `${providerId} pointed to another host; the gateway does not follow it`);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  return url;
}

async function readCapped(body: Dispatcher.ResponseData["body"], maxBytes: number, providerId: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new ProviderError("PROVIDER_ERROR", `${providerId} sent a response larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(bytes: Buffer, contentType: string | undefined, status: number, providerId: string): unknown {
  if (bytes.length === 0) return null;
  const text = bytes.toString("utf8");
  if (!/json/i.test(contentType ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    if (status >= 200 && status < 300) throw new ProviderError("PROVIDER_ERROR", `${providerId} sent a malformed JSON response`, { httpStatus: status });
    return text;
  }
}

export function createHttpClient(options: HttpClientOptions & { settings: TransportSettings; retryPolicy?: Partial<RetryPolicy> }): ProviderHttpClient {
  const { descriptor, settings } = options;
  const providerId = descriptor.providerId;
  const policy: RetryPolicy = { maxRetries: settings.maxRetries, baseDelayMs: 200, maxDelayMs: 10_000, ...options.retryPolicy };
  const auth = authorization(options.auth);
  const breaker = breakerFor(options.breakerKey);

  async function attempt(request: ProviderRequest, url: URL, deadline: number): Promise<ProviderResponse> {
    // Sockets skip DNS for IP literals, so the resolved-address guard must check those here.
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (!settings.allowPrivateNetworks && isIP(host) && isPrivateAddress(host)) throw errorForNetwork(providerId, new BlockedAddressError("private literal"));
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new ProviderError("PROVIDER_UNAVAILABLE", `${providerId} did not answer in time`);
    const headers: Record<string, string> = { accept: "application/json", "user-agent": "switchyard", ...request.headers };
    if (auth) headers.authorization = auth;
    const body = request.json === undefined ? undefined : JSON.stringify(request.json);
    if (body !== undefined) headers["content-type"] = "application/json; charset=utf-8";
    const response = await undiciRequest(url, {
      method: request.method,
      headers,
      body,
      dispatcher: agentFor(settings),
      signal: AbortSignal.timeout(remaining),
    }).catch((error: unknown) => {
      throw errorForNetwork(providerId, error);
    });
    const bytes = await readCapped(response.body, settings.maxResponseBytes, providerId).catch((error: unknown) => {
      throw error instanceof ProviderError ? error : errorForNetwork(providerId, error);
    });
    const responseHeaders = response.headers as Record<string, string | string[]>;
    const contentType = responseHeaders["content-type"];
    return {
      status: response.statusCode,
      headers: responseHeaders,
      body: parseBody(bytes, Array.isArray(contentType) ? contentType[0] : contentType, response.statusCode, providerId),
      bytes: bytes.length,
    };
  }

  return {
    async request(request) {
      const url = buildUrl(options.baseUrl, request, providerId);
      const idempotent = request.idempotent ?? ["GET", "PUT", "DELETE"].includes(request.method);
      const started = Date.now();
      const deadline = started + settings.totalTimeoutMs;
      let attempts = 0;
      let bytes = 0;
      let lastStatus: number | null = null;
      try {
        for (;;) {
          attempts++;
          let outcome: ProviderResponse | ProviderError;
          try {
            outcome = await breaker.execute(async () => {
              const result = await attempt(request, url, deadline).catch((error: unknown) => error as ProviderError);
              const providerDown = result instanceof ProviderError ? result.code === "PROVIDER_UNAVAILABLE" : result.status >= 500;
              if (providerDown) throw new ProviderDownSignal("provider-side failure", { cause: result });
              return result;
            });
          } catch (error) {
            if (error instanceof BrokenCircuitError) {
              throw new ProviderError("PROVIDER_UNAVAILABLE", `${providerId} failed repeatedly; calls are paused for a short while`);
            }
            if (error instanceof ProviderDownSignal) outcome = error.cause as ProviderResponse | ProviderError;
            else throw error;
          }
          if (outcome instanceof ProviderError && outcome.code !== "PROVIDER_UNAVAILABLE") throw outcome;
          const status = outcome instanceof ProviderError ? null : outcome.status;
          lastStatus = status;
          if (!(outcome instanceof ProviderError)) bytes += outcome.bytes;
          const waitSeconds = outcome instanceof ProviderError ? null : retryAfterSeconds(outcome.headers, descriptor, Date.now());
          if (!(outcome instanceof ProviderError) && (status! < 300 || request.acceptStatus?.includes(status!))) return outcome;
          const decision = decideRetry(attempts - 1, idempotent, { status, retryAfterSeconds: waitSeconds }, policy);
          if (decision.retry && Date.now() + decision.delayMs < deadline) {
            await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
            continue;
          }
          throw outcome instanceof ProviderError ? outcome : errorForStatus(providerId, outcome.status, waitSeconds);
        }
      } finally {
        options.onResponse?.({ operation: request.operation, status: lastStatus, latencyMs: Date.now() - started, bytes, attempts });
      }
    },
  };
}
