/** Binds the shared HTTP client to Okta: reads Okta's 4xx answers itself, parses every success at the edge, reads `Link`. */
import { z } from "zod";
import type { HttpMethod, ProviderHttpClient, ProviderRequest, ProviderResponse } from "../http/types.ts";
import type { OperationId } from "../operations.ts";
import { ProviderError } from "../types.ts";
import { oktaClientErrorStatuses, toOktaError } from "./errors.ts";
import { nextLink } from "./link-header.ts";

export interface OktaCall {
  /** Reported in status events; `verify()` is not a connector operation, so it has its own id. */
  operation: OperationId | "identity_verify";
  method: HttpMethod;
  /** A path such as `/api/v1/users`, or a `next` URL taken verbatim from Okta (then `query` is left out). */
  path: string;
  query?: ProviderRequest["query"];
  /** What the call does, for messages: "suspend the user". */
  action: string;
  /** What a 404 means was missing: "user 00u…". */
  subject: string;
}

export interface OktaList<T> {
  items: T[];
  /** The `rel="next"` URL exactly as Okta sent it, or null on the last page. */
  next: string | null;
}

export interface OktaClient {
  /** Sends the call and parses its JSON answer with `schema`. */
  read<T>(call: OktaCall, schema: z.ZodType<T>): Promise<T>;
  /** Reads one page of a list: a JSON array of `item`s, and the `Link` header's next URL. */
  list<T>(call: OktaCall, item: z.ZodType<T>): Promise<OktaList<T>>;
  /** Sends a call whose success has no body worth reading (lifecycle 200s with `{}`, session 204s). */
  send(call: OktaCall): Promise<void>;
}

export function createOktaClient(http: ProviderHttpClient): OktaClient {
  const request = async ({ action, subject, ...call }: OktaCall): Promise<ProviderResponse> => {
    const response = await http.request({ ...call, acceptStatus: oktaClientErrorStatuses });
    if (response.status >= 300) throw toOktaError(response.status, response.body, action, subject);
    return response;
  };
  const parse = <T>(call: OktaCall, response: ProviderResponse, schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) {
      throw new ProviderError("PROVIDER_ERROR", `Okta sent an unexpected answer when asked to ${call.action}`, { httpStatus: response.status });
    }
    return parsed.data;
  };
  return {
    async read(call, schema) {
      return parse(call, await request(call), schema);
    },
    async list(call, item) {
      const response = await request(call);
      return { items: parse(call, response, z.array(item)), next: nextLink(response.headers.link) };
    },
    async send(call) {
      await request(call);
    },
  };
}

/**
 * A caller's id as a path segment. Okta ids are alphanumeric (`00ub0oNGTSWTBKOLGLNR`); anything else,
 * and `me`, which Okta reads as "the token's own user", is refused before it could change the route.
 */
export function segment(value: string, what: string): string {
  if (!/^[A-Za-z0-9]{1,64}$/.test(value) || value.toLowerCase() === "me") {
    throw new ProviderError("BAD_USER_INPUT", `That is not a valid Okta ${what}`);
  }
  return value;
}
