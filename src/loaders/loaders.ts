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

/**
 * Each loader is built on first use: most contexts (a subscription's, say) never need one. A class
 * rather than closures, since thousands of idle subscription contexts each hold one.
 */
class RequestLoaders implements Loaders {
  #integration?: Loaders["integration"];
  #ticket?: Loaders["ticket"];
  #identityUser?: Loaders["identityUser"];

  constructor(
    private readonly db: PrismaClient,
    private readonly scope: TenantScope,
    private readonly context: Context,
  ) {}

  get integration(): Loaders["integration"] {
    return (this.#integration ??= new DataLoader((ids) => this.context.services.integrations.load(this.db, this.scope, ids)));
  }

  get ticket(): Loaders["ticket"] {
    return (this.#ticket ??= new DataLoader((ids) =>
      Promise.all(ids.map((id) => callConnector(this.context, "ticketing", "ticketing_get_ticket", (adapter) => adapter.getTicket(id)).catch((error: unknown) => error as Error))),
    ));
  }

  get identityUser(): Loaders["identityUser"] {
    return (this.#identityUser ??= new DataLoader((ids) =>
      Promise.all(ids.map((id) => callConnector(this.context, "identity", "identity_get_user", (adapter) => adapter.getUser(id)).catch((error: unknown) => error as Error))),
    ));
  }
}

export function createLoaders(db: PrismaClient, scope: TenantScope, context: Context): Loaders {
  return new RequestLoaders(db, scope, context);
}
