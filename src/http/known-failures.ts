/**
 * Failures thrown by libraries that are not our bugs and must not be masked as internal errors:
 * the database being unreachable or saturated (retryable: 503 with Retry-After), and a value the
 * client supplied that the database or the cursor decoder refused (BAD_USER_INPUT). Everything
 * else stays unexpected.
 */
import { Kind, type ASTNode, type GraphQLError } from "graphql";
import { userError } from "../errors.ts";

/** Seconds a client should wait before retrying while the database is away. */
const retryAfterSeconds = 2;

// Prisma's codes for: unreachable, socket timeout, connection closed, too many connections.
const unavailablePrismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const unavailableKinds = new Set(["DatabaseNotReachable", "SocketTimeout", "ConnectionClosed", "TooManyConnections"]);
// SQLSTATE classes 08 (connection exception) and 57P (shutting down, cannot connect now), 53300 (too many connections).
const unavailableSqlState = /^(08|57P|53300)/;
const unavailableSocketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// node-postgres raises these as plain Errors: a pool that could not hand out a connection in time, a dropped socket.
const unavailableMessages = /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to administrator command/i;

// Prisma's codes for values the database refused: too long, invalid input, out of range, inconsistent data.
const rejectedPrismaCodes = new Set(["P2000", "P2006", "P2007", "P2020", "P2023"]);
// SQLSTATE class 22: data exception (invalid text representation, NUL byte, out of range …).
const rejectedSqlState = /^22/;

interface Facts {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  originalCode?: unknown;
}

/** The error and everything it wraps: `cause`, `originalError`, Prisma's `meta.driverAdapterError`. */
function chain(error: unknown): Facts[] {
  const found: Facts[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && found.length < 12) {
    const next = queue.shift();
    if (!next || typeof next !== "object") continue;
    const value = next as Record<string, unknown> & { meta?: { driverAdapterError?: unknown } };
    found.push(value as Facts);
    queue.push(value.cause, value.originalError, value.meta?.driverAdapterError);
  }
  return found;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some(
    (facts) =>
      unavailablePrismaCodes.has(text(facts.code)) ||
      unavailableKinds.has(text(facts.kind)) ||
      unavailableSqlState.test(text(facts.originalCode)) ||
      (text(facts.name) !== "GraphQLError" && unavailableSqlState.test(text(facts.code))) ||
      unavailableSocketCodes.has(text(facts.code)) ||
      unavailableMessages.test(text(facts.message)),
  );
}

const namesAnArgument = /Arguments? "\w+"/;

function isRejectedValue(error: unknown, cursorArgument: string | null): boolean {
  return chain(error).some(
    (facts) =>
      // Pothos refuses a request's own arguments and cursors; any other refusal of its is our bug.
      (text(facts.name) === "PothosValidationError" && (cursorArgument !== null || namesAnArgument.test(text(facts.message)))) ||
      rejectedPrismaCodes.has(text(facts.code)) ||
      rejectedSqlState.test(text(facts.originalCode)) ||
      (text(facts.name) === "PrismaClientValidationError" && cursorArgument !== null) ||
      (text(facts.code) === "P2039" && rejectedSqlState.test(text(facts.message).match(/Code: `(\w+)`/)?.[1] ?? "")),
  );
}

/** The cursor argument of the failing field, when it has one: a decoded cursor is the usual culprit. */
function cursorArgumentOf(nodes: readonly ASTNode[] | undefined): string | null {
  const field = nodes?.[0];
  if (field?.kind !== Kind.FIELD) return null;
  return field.arguments?.find((argument) => argument.name.value === "after" || argument.name.value === "before")?.name.value ?? null;
}

export const databaseUnavailable = () =>
  userError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly", {
    retryAfterSeconds,
    http: { status: 503, headers: { "Retry-After": String(retryAfterSeconds) } },
  });

/** A client-facing error for a known library failure, or null when the failure is unexpected. */
export function knownFailure(error: unknown, original: unknown): GraphQLError | null {
  const cause = original ?? error;
  if (isDatabaseUnavailable(cause)) return databaseUnavailable();
  const cursorArgument = cursorArgumentOf((error as Partial<GraphQLError> | null)?.nodes ?? undefined);
  if (isRejectedValue(cause, cursorArgument)) {
    // Pothos names the arguments it refuses: `Arguments "before" and "first" are not …`, `Argument "first" must be …`.
    // Requests reach only the combinations: its single-argument refusals (a negative `first` or
    // `last`, `last` without `before` on an offset connection) are pre-empted by the page-size
    // plugin or come from helpers no list uses, so "is not accepted here" is a fallback that still
    // names the argument without repeating Pothos (test/api/argument-refusals.test.ts).
    const [, named, clashing] = /Arguments? "(\w+)"(?: and "(\w+)")?/.exec(text((original as Facts | null)?.message)) ?? [];
    const field = named ?? cursorArgument ?? "input";
    const reason = clashing ? `cannot be combined with \`${clashing}\`` : named ? "is not accepted here" : cursorArgument ? "is not a cursor of this list" : "contains a value the database does not accept";
    return userError("BAD_USER_INPUT", `${field}: ${reason}`, { field });
  }
  return null;
}
