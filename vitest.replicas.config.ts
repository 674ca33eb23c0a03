import { defineConfig } from "vitest/config";

// The multi-replica test needs PostgreSQL and Redis servers; .ci/run starts them and runs this config.
export default defineConfig({
  test: {
    include: ["test/replicas/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
