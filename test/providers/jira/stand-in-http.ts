/**
 * A deliberately small ProviderHttpClient that follows providers/http/types.ts (auth, JSON, status
 * mapping, `acceptStatus`, a deadline; no retries or breaker). It lets the adapter tests run until the
 * shared client in providers/http/client.ts exists; harness.ts is the one place that picks it.
 */
import type { HttpClientOptions, ProviderHttpClient } from "../../../providers/http/types.ts";
import { ProviderError, type ProviderErrorCode } from "../../../providers/types.ts";

type Options = Pick<HttpClientOptions, "baseUrl" | "auth" | "descriptor">;

export function createStandInHttpClient(options: Options, totalTimeoutMs = 2000): ProviderHttpClient {
  return {
    async request(request) {
      const url = new URL(/^https?:/.test(request.path) ? request.path : `${options.baseUrl}${request.path}`);
      for (const [name, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
      }
      const headers: Record<string, string> = { accept: "application/json", ...request.headers, ...authHeader(options.auth) };
      if (request.json !== undefined) headers["content-type"] = "application/json";
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method,
          headers,
          body: request.json === undefined ? undefined : JSON.stringify(request.json),
          signal: AbortSignal.timeout(totalTimeoutMs),
        });
      } catch {
        throw new ProviderError("PROVIDER_UNAVAILABLE", `${options.descriptor.providerId} did not answer`);
      }
      const text = await response.text();
      const body = parseBody(text, response.headers.get("content-type"));
      const answer = { status: response.status, headers: Object.fromEntries(response.headers), body, bytes: Buffer.byteLength(text) };
      if (response.ok || request.acceptStatus?.includes(response.status)) return answer;
      const retryAfter = Number(response.headers.get(options.descriptor.retryAfterHeader ?? "retry-after"));
      throw new ProviderError(codeFor(response.status), `${options.descriptor.providerId} answered HTTP ${response.status}`, {
        httpStatus: response.status,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
      });
    },
  };
}

function authHeader(auth: Options["auth"]): Record<string, string> {
  switch (auth.kind) {
    case "basic":
      return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` };
    case "bearer":
      return { authorization: `Bearer ${auth.token}` };
    case "authorization":
      return { authorization: auth.value };
    case "none":
      return {};
  }
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === "") return null;
  if (!contentType?.includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function codeFor(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return "PROVIDER_UNAUTHORIZED";
  if (status === 404) return "NOT_FOUND";
  if (status === 400 || status === 409 || status === 422) return "BAD_USER_INPUT";
  if (status === 429) return "PROVIDER_RATE_LIMITED";
  return status >= 500 ? "PROVIDER_UNAVAILABLE" : "PROVIDER_ERROR";
}
