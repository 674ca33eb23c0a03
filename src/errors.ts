/**
 * Expected errors, shown to clients with `extensions.code`. Anything else thrown is unexpected and
 * reaches clients masked, with the request id to look it up in the logs.
 */
import { GraphQLError } from "graphql";

export const errorCodes = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "CONFLICT",
  "PROVIDER_UNAUTHORIZED",
  "PROVIDER_RATE_LIMITED",
  "PROVIDER_UNAVAILABLE",
  "PROVIDER_ERROR",
  "UNSUPPORTED_OPERATION",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export function userError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badInput = (field: string, message: string) => userError("BAD_USER_INPUT", `${field}: ${message}`, { field });

/** The same answer whether the id does not exist or belongs to someone else. */
export const notFound = (resource: string) => userError("NOT_FOUND", `${resource} not found`);

export const conflict = (message: string) => userError("CONFLICT", message);

/** A field the token may not resolve; the rest of the request still runs. */
export const forbidden = (message = "Not allowed") => userError("FORBIDDEN", message);

/** The whole request is refused (e.g. headers that disagree with the token): HTTP 403. */
export const forbiddenRequest = (message: string) => userError("FORBIDDEN", message, { http: { status: 403 } });

export const unauthenticated = (message = "Authentication required") =>
  userError("UNAUTHENTICATED", message, { http: { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="switchyard"' } } });
