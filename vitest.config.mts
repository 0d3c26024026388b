import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
      { find: /^@\//, replacement: `${path.resolve(import.meta.dirname)}/` },
    ],
  },
  test: {
    include: ["{lib,db,app,components,scripts}/**/*.test.{ts,tsx}"],
    setupFiles: ["lib/testing/setup-db.ts"],
    pool: "forks",
    // Vitest's default is one worker per core but one: a single worker on CI's two cores. A
    // test file runs on one thread (its PGlite with it) or waits on the PostgreSQL server, so
    // that left the second core mostly idle.
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
