import { randomBytes } from "node:crypto";
import path from "node:path";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { SQL } from "drizzle-orm";
import postgres from "postgres";
import { openPglite } from "../../db/pglite";

export type E2eDatabase = { execute: (query: SQL) => Promise<unknown>; close: () => Promise<void> };

/** A fresh PostgreSQL database for one spec's own app server (dropped with `drop`). */
export async function createE2eDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Opens a stopped app server's database from the test: the PostgreSQL database named by
 * `databaseUrl`, or else the PGlite folder in its data directory (never while it runs).
 */
export async function openAppDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<E2eDatabase> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
    const db = drizzlePostgres(client);
    return { execute: (query) => db.execute(query), close: () => client.end() };
  }
  const client = await openPglite(path.join(options.dataDir, "pglite"));
  const db = drizzlePglite(client);
  return { execute: (query) => db.execute(query), close: () => client.close() };
}

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
