import { defineConfig } from "vitest/config";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    pool: "forks",
    testTimeout: 30_000,
    globalSetup: ["test/global-setup.ts"],
    hookTimeout: 120_000,
  },
});
