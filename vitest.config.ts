import { defineConfig } from "vitest/config";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    pool: "forks",
    // Browser flows with axe-core on every page take tens of seconds on a busy 2-core machine.
    testTimeout: 60_000,
    globalSetup: ["test/global-setup.ts"],
    hookTimeout: 120_000,
  },
});
