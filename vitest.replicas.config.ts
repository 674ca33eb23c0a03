import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Node loads graphql's CommonJS build for everyone (the package has no exports map); Vite would
// hand our sources its ESM build instead, and graphql refuses objects from the other copy.
const graphqlEntry = createRequire(import.meta.url).resolve("graphql");

// The multi-replica test needs PostgreSQL and Redis servers; .ci/run starts them and runs this config.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ["test/replicas/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
