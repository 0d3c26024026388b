import "server-only";
import { databaseUrl } from "./config";
import { getDriver } from "./index";

/**
 * Runs `work` unless another process holds the same advisory lock, and says whether it
 * ran. The lock lives on a dedicated connection (a session lock cannot share the pool),
 * so a process that dies mid-run releases it with its connection. On PGlite there is
 * one process by construction.
 */
export async function runExclusively(lockId: number, work: () => Promise<void>): Promise<boolean> {
  if ((await getDriver()) !== "postgres") {
    await work();
    return true;
  }
  const { default: postgres } = await import("postgres");
  // No max_lifetime: postgres.js would otherwise recycle this idle connection after 30–60
  // minutes and silently drop the lock while the work still runs.
  const client = postgres(databaseUrl()!, { max: 1, max_lifetime: null, onnotice: () => {} });
  try {
    const [row] = await client<{ locked: boolean }[]>`select pg_try_advisory_lock(${lockId}) as locked`;
    if (!row?.locked) return false;
    await work();
    await client`select pg_advisory_unlock(${lockId})`;
    return true;
  } finally {
    await client.end();
  }
}
