import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Files run in parallel workers; each one that needs PostgreSQL makes its own throw-away database.
    pool: "forks",
    // Hang guards, not speed checks: generous so a loaded machine only makes the run slower.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ["test/support/global-setup.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
