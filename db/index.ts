import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { dataDir, databaseUrl } from "./config";
import { acquireDataFolderLock } from "./data-folder-lock";
import { openPglite } from "./pglite";
import { preparingStatements } from "./prepared-statements";

export { DataFolderInUseError } from "./data-folder-lock";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle or an open transaction: data functions accept either. */
export type Executor = Db | Tx;

type Handle = { db: Db; driver: "pglite" | "postgres"; close: () => Promise<void> };

const globalForDb = globalThis as unknown as {
  __tillitDb?: Promise<Handle>;
  __tillitDbClosed?: boolean;
  __tillitDbOpener?: () => Promise<Handle>;
};

async function open(): Promise<Handle> {
  const url = databaseUrl();
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, { onnotice: () => {}, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return {
      db: drizzle(preparingStatements(client), { schema }) as unknown as Db,
      driver: "postgres",
      close: () => client.end(),
    };
  }
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = path.join(dataDir(), "pglite");
  mkdirSync(dir, { recursive: true });
  // One process per PGlite folder: a second one (the newsletter script while the app
  // runs, a second app) is refused here instead of corrupting it.
  const release = acquireDataFolderLock(dataDir());
  let client;
  try {
    client = await openPglite(dir);
  } catch (error) {
    release();
    throw error;
  }
  const close = async () => {
    try {
      await client.close();
    } finally {
      release();
    }
  };
  return { db: drizzle(client, { schema }) as unknown as Db, driver: "pglite", close };
}

function handle(): Promise<Handle> {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database is not available during `next build`.");
  }
  // During shutdown a late request must not reopen the PGlite folder.
  if (globalForDb.__tillitDbClosed) throw new Error("The database is closed: the server is shutting down.");
  globalForDb.__tillitDb ??= (globalForDb.__tillitDbOpener ?? open)();
  return globalForDb.__tillitDb;
}

/** The process-wide database handle, opened on first use. */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

export async function getDriver(): Promise<Handle["driver"]> {
  return (await handle()).driver;
}

/** Closes the handle; `final` (at shutdown) also refuses to open it again. */
export async function closeDb(options: { final?: boolean } = {}): Promise<void> {
  if (options.final) globalForDb.__tillitDbClosed = true;
  const current = globalForDb.__tillitDb;
  globalForDb.__tillitDb = undefined;
  globalForDb.__tillitDbOpener = undefined;
  if (current) await (await current).close();
}

/**
 * Tests install how to open their own database instead (a fresh one per test file), used on
 * first use until closeDb: a test file that never reaches the database makes none.
 */
export function installDbOpener(opener: () => Promise<Handle>): void {
  globalForDb.__tillitDb = undefined;
  globalForDb.__tillitDbOpener = opener;
}

/** Tests and benches install their own handle (a fresh database per test file). */
export function installDb(db: Db, driver: Handle["driver"], close: () => Promise<void>): void {
  globalForDb.__tillitDb = Promise.resolve({ db, driver, close });
}

export { schema };
