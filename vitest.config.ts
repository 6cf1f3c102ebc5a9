import { defineConfig } from "vitest/config";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    pool: "forks",
    // Two files at a time even on 2 cores: many tests wait on child processes, Chromium or a PostgreSQL server
    // (the default, cores − 1, ran one file at a time; the whole suite took 17 minutes instead of 14).
    maxWorkers: 2,
    // Browser flows with axe-core on every page take tens of seconds on a busy 2-core machine.
    testTimeout: 60_000,
    globalSetup: ["test/global-setup.ts"],
    hookTimeout: 120_000,
  },
});
