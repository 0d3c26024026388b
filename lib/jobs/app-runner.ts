import "server-only";
import { getDb, getDriver } from "@/db";
import { env } from "@/lib/env";
import { releaseOrphanedJobs } from "./queue";
import { startJobRunner, type JobHandlers } from "./runner";

type Runner = ReturnType<typeof startJobRunner>;
const holder = globalThis as typeof globalThis & { __tillitJobRunner?: Runner };

/** Starts this process's job runner once (from start-up), running every kind in `handlers`. */
export async function startAppJobRunner(handlers: JobHandlers): Promise<void> {
  if (holder.__tillitJobRunner) return;
  // The embedded database has one process by construction: a running job is an orphan of a crash.
  if ((await getDriver()) === "pglite") {
    const released = await releaseOrphanedJobs(await getDb());
    if (released > 0) console.info(`[tillit] resumed ${released} interrupted job(s)`);
  }
  holder.__tillitJobRunner = startJobRunner({ getDb, handlers, intervalMs: env().TILLIT_JOB_POLL_MS });
}

/** Looks for due jobs now instead of at the next poll (after queueing one). */
export function pokeJobRunner(): void {
  holder.__tillitJobRunner?.poke();
}

export function stopAppJobRunner(): void {
  holder.__tillitJobRunner?.stop();
  delete holder.__tillitJobRunner;
}
