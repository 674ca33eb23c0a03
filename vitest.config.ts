import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Needs PostgreSQL and Redis servers: .ci/run runs it with vitest.replicas.config.ts.
    exclude: ["test/replicas/**", "**/node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
