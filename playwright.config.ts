import { defineConfig } from "@playwright/test";

// Debian's Chromium through executablePath: `npx playwright install` cannot download here.
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// TILLIT_E2E_SCOPE=smoke runs only the journeys tagged @smoke (start, sign in, toggle,
// restart, export, staff landing): CI's second pass on the embedded database, where the
// data layer is already covered by Vitest. Unset: every journey.
const smokeOnly = process.env.TILLIT_E2E_SCOPE === "smoke";

export default defineConfig({
  testDir: "e2e",
  ...(smokeOnly ? { grep: /@smoke/ } : {}),
  // One app server (one PGlite folder) for the whole run.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath,
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
    trace: "retain-on-failure",
  },
});
