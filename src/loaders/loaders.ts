/**
 * Per-request dataloaders, built fresh for every context so nothing is shared between callers.
 * Provider-backed loaders make sure one GraphQL request never asks a provider for the same object
 * twice (e.g. a page of sub-tasks that share a parent, or `ticket(id)` under several aliases).
 */
import DataLoader from "dataloader";
import type { Context } from "../context.ts";
import type { Credential, Integration, PrismaClient } from "../generated/prisma/client.ts";
import { callConnector } from "../services/connector-calls.ts";
import type { IdentityUser, Ticket } from "../../providers/types.ts";

export interface Loaders {
  /** Integrations with the credential they call their provider with. */
  integration: DataLoader<string, (Integration & { credential: Credential | null }) | null>;
  ticket: DataLoader<string, Ticket>;
  identityUser: DataLoader<string, IdentityUser>;
}

export function createLoaders(db: PrismaClient, context: () => Context): Loaders {
  return {
    integration: new DataLoader(async (ids) => {
      const rows = await db.integration.findMany({ where: { id: { in: [...ids] } }, include: { credential: true } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ticket: new DataLoader((ids) =>
      Promise.all(
        ids.map((id) =>
          callConnector(context(), "ticketing", "ticketing_get_ticket", (adapter) => adapter.getTicket(id)).catch((error: unknown) => error as Error),
        ),
      ),
    ),
    identityUser: new DataLoader((ids) =>
      Promise.all(
        ids.map((id) =>
          callConnector(context(), "identity", "identity_get_user", (adapter) => adapter.getUser(id)).catch((error: unknown) => error as Error),
        ),
      ),
    ),
  };
}
