import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Node loads graphql's CommonJS build for everyone (the package has no exports map); Vite would
// hand our sources its ESM build instead, and graphql refuses objects from the other copy.
const graphqlEntry = createRequire(import.meta.url).resolve("graphql");

// CI sets it: where test processes leave what .ci/run prints if one of them dies (see crash-witness.ts).
const witnessDir = process.env.SWITCHYARD_TEST_WITNESS_DIR;

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ["test/**/*.test.ts"],
    // Needs PostgreSQL and Redis servers: .ci/run runs it with vitest.replicas.config.ts.
    exclude: ["test/replicas/**", "**/node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    setupFiles: ["test/helpers/crash-witness.ts"],
    ...(witnessDir && { execArgv: ["--report-on-fatalerror", `--report-directory=${witnessDir}`] }),
  },
});
