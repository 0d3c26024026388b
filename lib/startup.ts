import "server-only";
import { closeDb, DataFolderInUseError, getDb, getDriver } from "@/db";
import { runExclusively } from "@/db/exclusive";
import { migrateDb } from "@/db/migrate";
import { seedDemoData } from "@/lib/demo/seed";
import { appUrl, checkConfiguration, ConfigError, env, isLocalMailMode, shouldSeedDemo } from "@/lib/env";
import { expireLapsedConsents } from "@/lib/consent/expire-consents";
import { purgePastRetention } from "@/lib/data-inventory/purge-past-retention";
import { purgeExpiredRetainedRecords } from "@/lib/erasure/retained-records";
import { pruneConsentMinutes } from "@/lib/analytics/read-rollups";
import { purgeExpiredExports } from "@/lib/export/purge-expired-exports";
import { jobHandlers } from "@/lib/job-handlers";
import { startAppJobRunner, stopAppJobRunner } from "@/lib/jobs/app-runner";
import { pruneWebhookMessages } from "@/lib/integration/webhooks/deliver-webhooks";
import { startAppWebhookWorker, stopAppWebhookWorker } from "@/lib/integration/webhooks/webhook-worker";
import { currentSigningKey, ensureReceiptSigningKey, registerSigningKey } from "@/lib/receipts/signing-key";
import { guardForwardedHeaders } from "@/lib/security/forwarded-headers";
import { purgeExpiredAuthData } from "@/lib/security/purge-expired";
import { ensureAuthSecret } from "@/lib/security/secret";

/** Runs once per server process before the first request: config checks, migrations, demo seed. */
export async function startServer(): Promise<void> {
  try {
    // Before any request is read: without a declared proxy, forwarded headers are the client's word.
    guardForwardedHeaders(env().TILLIT_TRUSTED_PROXY_HOPS);
    ensureAuthSecret();
    for (const warning of checkConfiguration()) console.warn(`[tillit] warning: ${warning}`);
    ensureReceiptSigningKey();
    const started = Date.now();
    await migrateDb();
    // Published before it signs, so /.well-known/jwks.json lists the current key from the start.
    await registerSigningKey(await getDb(), await currentSigningKey());
    const { seeded } = shouldSeedDemo() ? await seedDemoData(await getDb()) : { seeded: false };
    scheduleMaintenance();
    await startAppJobRunner(jobHandlers);
    startAppWebhookWorker(getDb);
    console.info(
      `[tillit] database ready (${await getDriver()}${seeded ? ", demo data seeded" : ""}) in ${Date.now() - started} ms`,
    );
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataFolderInUseError) {
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
    stopAppJobRunner();
    stopAppWebhookWorker();
    closeDb({ final: true })
      .catch((error: unknown) =>
        console.error(`[tillit] close failed: ${error instanceof Error ? error.name : "unknown"}`),
      )
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

// Arbitrary constant, beside db/migrate.ts's and the demo seed's.
const MAINTENANCE_LOCK_ID = 724_8003;

/**
 * Hourly clean-up. With several processes on one PostgreSQL database, one runs it at a
 * time and the others skip that round; each step is also safe to repeat or to run
 * concurrently (an expiry re-checks its consent under the consent's lock), so a crash
 * mid-run or a second process after the first costs nothing but the work.
 */
function scheduleMaintenance() {
  const run = () =>
    runExclusively(MAINTENANCE_LOCK_ID, async () => {
      const db = await getDb();
      await purgeExpiredAuthData(db);
      const { expired } = await expireLapsedConsents(db);
      await purgeExpiredRetainedRecords(db);
      await purgePastRetention(db);
      await purgeExpiredExports(db);
      await pruneConsentMinutes(db);
      await pruneWebhookMessages(db);
      // Counts only.
      console.info(`[tillit] maintenance done: ${expired} lapsed consent(s) recorded as expired`);
    })
      .then((ran) => {
        if (!ran) console.info("[tillit] maintenance skipped: another process is running it");
      })
      .catch((error: unknown) =>
        console.error(`[tillit] maintenance failed: ${error instanceof Error ? error.name : "unknown"}`),
      );
  void run();
  setInterval(run, 60 * 60 * 1000).unref();
}
