/** Turns an adapter's ProviderRequest into what goes on the wire: a URL on the base origin, headers with auth, a JSON body. */
import { ProviderError } from "../types.ts";
import type { HttpMethod, ProviderAuth, ProviderRequest } from "./types.ts";

export interface WireRequest {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
}

export function authorizationHeader(auth: ProviderAuth): string | null {
  switch (auth.kind) {
    case "none":
      return null;
    case "basic":
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`;
    case "bearer":
      return `Bearer ${auth.token}`;
    case "authorization":
      return auth.value;
  }
}

/** Joins `path` under the base URL (keeping its path prefix), or takes an absolute URL only when it stays on the base origin. */
export function buildUrl(baseUrl: string, request: Pick<ProviderRequest, "path" | "query">, providerId: string): URL {
  const base = new URL(baseUrl);
  const url = /^https?:\/\//i.test(request.path)
    ? new URL(request.path)
    : new URL(`${base.origin}${base.pathname.replace(/\/+$/, "")}/${request.path.replace(/^\/+/, "")}`);
  if (url.origin !== base.origin) throw new ProviderError("PROVIDER_ERROR", `${providerId} pointed to another host, which the gateway does not follow`);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  return url;
}

/**
 * Adapter headers win over our defaults, except Authorization, which comes from the integration's auth
 * whenever it has one (an adapter with `auth: none`, such as a SigV4 signer, sets its own).
 */
export function toWireRequest(baseUrl: string, authorization: string | null, request: ProviderRequest, providerId: string): WireRequest {
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "switchyard" };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const body = request.json === undefined ? undefined : JSON.stringify(request.json);
  if (body !== undefined) headers["content-type"] ??= "application/json; charset=utf-8";
  if (authorization !== null) headers.authorization = authorization;
  return { url: buildUrl(baseUrl, request, providerId), method: request.method, headers, body };
}
