import "server-only";
import { closeDb, getDb, getDriver } from "@/db";
import { databaseUrl } from "@/db/config";
import { migrateDb } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import { ensureAuthSecret, MissingSecretError } from "@/lib/auth/secret";
import { appUrl, env, isLocalMailMode, isProductionDeployment } from "@/lib/env";
import { purgeExpiredAuthData } from "@/lib/security/purge-expired";

class StartupError extends MissingSecretError {}

/** Runs once per server process before the first request: config checks, migrations, demo seed. */
export async function startServer(): Promise<void> {
  try {
    ensureAuthSecret();
    if (isProductionDeployment() && isLocalMailMode()) {
      throw new StartupError(
        "EMAIL_SERVER is not set. A production deployment refuses to start without a mail server, because the " +
          "local outbox would show sign-in links to anyone. Set EMAIL_SERVER to an SMTP URL (smtp://user:pass@host:587).",
      );
    }
    const started = Date.now();
    const driver = await getDriver();
    if (driver === "postgres") await migrateDb({ driver, url: databaseUrl()! });
    else await migrateDb({ driver, db: await getDb() });
    const { seeded } = await seedDemoData(await getDb());
    schedulePurge();
    console.info(
      `[tillit] database ready (${driver}${seeded ? ", demo data seeded" : ""}) in ${Date.now() - started} ms`,
    );
  } catch (error) {
    if (error instanceof MissingSecretError) {
      console.error(`\n[tillit] cannot start: ${error.message}\n`);
      await closeDb().catch(() => {});
      process.exit(1);
    }
    throw error;
  }
  closeDatabaseOnExit();
  const url = appUrl();
  const signIn = isLocalMailMode()
    ? `sign in as kari@example.com; no mail server is configured, so the link appears here and on ${url}/dev/outbox`
    : "sign-in links are mailed through EMAIL_SERVER";
  console.info(`[tillit] open ${url} (${env().NODE_ENV}) — ${signIn}`);
}

// PGlite must be closed cleanly or its folder needs recovery at the next start.
// `npm start` sets NEXT_MANUAL_SIG_HANDLE so that this handler, not Next's, ends the process.
function closeDatabaseOnExit() {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.info(`[tillit] ${signal}: closing the database`);
    closeDb()
      .catch((error: unknown) =>
        console.error(`[tillit] close failed: ${error instanceof Error ? error.name : "unknown"}`),
      )
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

function schedulePurge() {
  const run = () =>
    getDb()
      .then(purgeExpiredAuthData)
      .catch((error: unknown) =>
        console.error(`[tillit] purge failed: ${error instanceof Error ? error.name : "unknown"}`),
      );
  void run();
  setInterval(run, 60 * 60 * 1000).unref();
}
