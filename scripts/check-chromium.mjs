// The e2e suite needs a real Chromium. Fail loudly instead of skipping it.
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(path)) {
  console.error(
    `\nNo Chromium found at ${path}. The end-to-end tests need one.\n` +
      `  Debian/Ubuntu: sudo apt-get install -y chromium\n` +
      `  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH to its executable.\n`,
  );
  process.exit(1);
}
