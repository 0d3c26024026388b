import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { closeDb, getDb, installDb, schema, type Db } from "@/db";
import { acquireDataFolderLock, lockFileFor } from "@/db/data-folder-lock";
import { migrateDb } from "@/db/migrate";
import { erasureRecords, jobs, users } from "@/db/schema";
import { jobHandlers } from "@/lib/job-handlers";
import { runDueJobs } from "@/lib/jobs/runner";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { erasureTables } from "./erasure-tables";
import { requestErasure } from "./request-erasure";
import { endGracePeriod, expireLeases, givenCustomerData } from "./erasure.test-support";
import { openPglite } from "@/db/pglite";
import { rowsOf } from "@/db/rows-of";

// kill -9 in the middle of an erasure: a child process claims the job and pauses inside
// its transaction after some tables are deleted; the test kills it. Nothing may be
// half-done, and the job must then complete exactly once.

const usesPostgres = Boolean(process.env.DATABASE_URL?.trim());
const root = path.resolve(import.meta.dirname, "../..");
const folders: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  // A failed assertion must not leave a paused child holding the database.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A file-backed PGlite in `dir` (the child opens the same folder through db/index.ts). */
async function openFolder(dir: string): Promise<Db> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const release = acquireDataFolderLock(dir);
  const client = await openPglite(path.join(dir, "pglite"));
  const db = drizzle(client, { schema }) as unknown as Db;
  installDb(db, "pglite", async () => {
    await client.close();
    release();
  });
  return db;
}

async function customerRowCounts(db: Db, customerId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of erasureTables()) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table.name)} where ${table.rowsOf(customerId)}`,
      ),
    );
    counts[table.name] = Number(row!.n);
  }
  return counts;
}

function runPausedChild(env: NodeJS.ProcessEnv) {
  const child = spawn(
    // node itself (not the tsx wrapper), so that the pid killed is the one holding the transaction.
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.join(root, "lib/erasure/paused-erasure.test-support.ts"), "3"],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let output = "";
  const paused = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not pause: ${output}`)), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((l) => l.startsWith("paused"));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before pausing: ${output}`));
    });
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  return { child, paused, exited };
}

it("survives kill -9 mid-erasure: nothing half-done, then erased exactly once", { timeout: 120_000 }, async () => {
  let childEnv: NodeJS.ProcessEnv;
  let folder: string | undefined;
  if (usesPostgres) {
    const [row] = rowsOf<{ name: string }>(await (await getDb()).execute(sql`select current_database() as name`));
    const url = new URL(process.env.DATABASE_URL!.trim());
    url.pathname = `/${row!.name}`;
    childEnv = { ...process.env, DATABASE_URL: url.toString() };
  } else {
    // The child needs the same database: a file-backed folder, not memory://.
    await closeDb();
    folder = mkdtempSync(path.join(tmpdir(), "tillit-kill-"));
    folders.push(folder);
    await migrateDb({ driver: "pglite", db: await openFolder(folder) });
    childEnv = { ...process.env, DATABASE_URL: "", TILLIT_DATA_DIR: folder };
  }

  let db = await getDb();
  await givenPublishedPurposes();
  const customer = await givenCustomer("killed");
  await givenCustomerData(db, customer.customerId);
  const { requestId } = await requestErasure({ ...customer, signedInAt: new Date() });
  await endGracePeriod(db, requestId);
  const before = await customerRowCounts(db, customer.customerId);
  expect(before.orders).toBe(3);
  expect(before.users).toBe(1);

  if (folder) await closeDb(); // one process per PGlite folder
  const { child, paused, exited } = runPausedChild(childEnv);
  const where = await paused;
  expect(where).toMatch(/^paused after /);
  if (usesPostgres) {
    // Inside the open transaction some tables are gone; from outside, nothing has changed yet.
    expect(await customerRowCounts(db, customer.customerId)).toEqual(before);
  }
  process.kill(child.pid!, "SIGKILL");
  expect(await exited).toBe("SIGKILL");

  if (folder) {
    // The lock file still names the dead child: it is stale, and the folder is taken over.
    expect(existsSync(lockFileFor(folder))).toBe(true);
    expect(Number(readFileSync(lockFileFor(folder), "utf8").trim())).toBe(child.pid);
    db = await openFolder(folder);
  } else {
    // Wait until the server has noticed the dead connection and rolled its transaction back.
    for (let i = 0; i < 100; i++) {
      const [row] = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
        ),
      );
      if (Number(row!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  // Nothing half-done: every row is still there, and there is no erasure record.
  expect(await customerRowCounts(db, customer.customerId)).toEqual(before);
  expect(await db.select().from(erasureRecords).where(eq(erasureRecords.requestId, requestId))).toEqual([]);
  const [job] = await db.select().from(jobs).where(eq(jobs.requestId, requestId));
  expect(job).toMatchObject({ status: "running", attempts: 1 });

  // The dead worker's lease still holds: nobody takes the job over yet.
  expect(await runDueJobs(db, jobHandlers)).toBe(0);
  await expireLeases(db);
  expect(await runDueJobs(db, jobHandlers)).toBe(1);

  const after = await customerRowCounts(db, customer.customerId);
  expect(Object.values(after).every((n) => n === 0)).toBe(true);
  expect(await db.select().from(users).where(eq(users.id, customer.customerId))).toEqual([]);
  const records = await db.select().from(erasureRecords).where(eq(erasureRecords.requestId, requestId));
  expect(records).toHaveLength(1);
  expect(records[0]!.tables).toMatchObject({ users: 1, orders: 3 });

  // A third run changes nothing.
  await expireLeases(db);
  expect(await runDueJobs(db, jobHandlers)).toBe(0);
  expect(await db.select().from(erasureRecords).where(eq(erasureRecords.requestId, requestId))).toHaveLength(1);
});
