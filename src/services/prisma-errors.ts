/** Turns Prisma's known request errors into the gateway's user-facing errors. */
import { Prisma } from "../generated/prisma/client.ts";
import { conflict, notFound } from "../errors.ts";

export async function mapWriteErrors<T>(resource: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === "P2002") throw conflict(`${resource} with this name already exists`);
      if (error.code === "P2025") throw notFound(resource);
    }
    throw error;
  }
}
