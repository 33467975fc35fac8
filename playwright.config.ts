import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// Drives the production build in Debian's Chromium (Playwright's own browser downloads are not
// reachable here; never run `playwright install`). `npm test` sets E2E_DATABASE_URL to a freshly
// migrated and seeded database; run alone (`npm run test:e2e`), it falls back to DATABASE_URL.
const databaseUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
if (!databaseUrl)
  throw new Error("Set E2E_DATABASE_URL (or DATABASE_URL) to a migrated, seeded database, or use `npm test`.");

// A port per run, chosen once in the runner and inherited by its workers, so a suite never
// collides with a dev server or another checkout's suite. The production build goes to its own
// folder, so it never clobbers `next dev`'s .next.
process.env.E2E_PORT ??= String(3300 + Math.floor(Math.random() * 600));
const PORT = Number(process.env.E2E_PORT);
// E2E_DIST_DIR lets two suites run side by side in one checkout without sharing a build.
const distDir = process.env.E2E_DIST_DIR || ".next-e2e";
const baseURL = `http://127.0.0.1:${PORT}`;
// One master key per run, inherited by the test workers like E2E_PORT, so a worker process a
// spec spawns (alerts, exports) decrypts the same stored signing key as the web server.
process.env.ATTEST_SECRET_KEY ??= randomBytes(32).toString("base64url");

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // Always a fresh build, so the suite never tests stale code.
    command: `npx next build && npx next start --hostname 127.0.0.1 --port ${PORT}`,
    url: baseURL,
    env: {
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Production mode has no default secret; each run gets its own.
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseURL,
      // Production mode has no default webhook signing key either.
      ATTEST_SECRET_KEY: process.env.ATTEST_SECRET_KEY,
      ATTEST_DIST_DIR: distDir,
    },
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
