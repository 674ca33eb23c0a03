/** Per-request dataloaders, built fresh for every context so that nothing is shared between callers. */
import DataLoader from "dataloader";
import type { Integration, PrismaClient } from "../generated/prisma/client.ts";

export interface Loaders {
  integration: DataLoader<string, Integration | null>;
}

export function createLoaders(db: PrismaClient): Loaders {
  return {
    integration: new DataLoader(async (ids) => {
      const rows = await db.integration.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
