/** Turns Prisma's known request errors into the gateway's user-facing errors. */
import { Prisma } from "../generated/prisma/client.ts";
import { conflict, notFound } from "../errors.ts";

/** `uniqueField` names what a unique-constraint conflict is about in the CONFLICT message. */
export async function mapWriteErrors<T>(resource: string, work: () => Promise<T>, uniqueField = "name"): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === "P2002") throw conflict(`${resource} with this ${uniqueField} already exists`);
      if (error.code === "P2025") throw notFound(resource);
    }
    throw error;
  }
}

/**
 * A delete refused because other rows still reference the row (a Restrict or NoAction foreign key).
 * Prisma reports it as P2003 on PostgreSQL; the PGlite adapter does not map SQLSTATE 23001
 * (restrict_violation), so it arrives as a generic database error carrying the original code.
 */
export function isStillReferenced(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2003") return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause;
  return cause?.originalCode === "23001" || cause?.originalCode === "23503";
}
