/**
 * Per-request dataloaders, built fresh for every context so nothing is shared between callers.
 * Provider-backed loaders make sure one GraphQL request never asks a provider for the same object
 * twice (e.g. a page of sub-tasks that share a parent, or `ticket(id)` under several aliases).
 */
import DataLoader from "dataloader";
import type { Context } from "../context.ts";
import type { Credential, Integration, PrismaClient } from "../generated/prisma/client.ts";
import type { TenantScope } from "../db/tenant-scope.ts";
import { callConnector } from "../services/connector-calls.ts";
import type { IdentityUser, Ticket } from "../../providers/types.ts";

export interface Loaders {
  /** Integrations with the credential they call their provider with. */
  integration: DataLoader<string, (Integration & { credential: Credential | null }) | null>;
  ticket: DataLoader<string, Ticket>;
  identityUser: DataLoader<string, IdentityUser>;
}

/** Each loader is built on first use: most contexts (a subscription's, say) never need one. */
export function createLoaders(db: PrismaClient, scope: TenantScope, context: () => Context): Loaders {
  const build = {
    integration: () => new DataLoader((ids: readonly string[]) => context().services.integrations.load(db, scope, ids)),
    ticket: () =>
      new DataLoader((ids: readonly string[]) =>
        Promise.all(
          ids.map((id) =>
            callConnector(context(), "ticketing", "ticketing_get_ticket", (adapter) => adapter.getTicket(id)).catch((error: unknown) => error as Error),
          ),
        ),
      ),
    identityUser: () =>
      new DataLoader((ids: readonly string[]) =>
        Promise.all(
          ids.map((id) =>
            callConnector(context(), "identity", "identity_get_user", (adapter) => adapter.getUser(id)).catch((error: unknown) => error as Error),
          ),
        ),
      ),
  } satisfies { [K in keyof Loaders]: () => Loaders[K] };
  const built: Partial<Loaders> = {};
  return {
    get integration() {
      return (built.integration ??= build.integration());
    },
    get ticket() {
      return (built.ticket ??= build.ticket());
    },
    get identityUser() {
      return (built.identityUser ??= build.identityUser());
    },
  };
}
