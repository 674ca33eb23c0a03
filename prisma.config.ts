import { defineConfig } from "prisma/config";

// Used by the Prisma CLI only (`prisma generate`, and `prisma migrate deploy` where the native
// engine exists). The gateway applies migrations itself at start-up; see src/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/switchyard" },
});
