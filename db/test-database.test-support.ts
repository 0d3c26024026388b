import { randomBytes } from "node:crypto";
import { migrateDb } from "./migrate";
import { openPglite } from "./pglite";
import { preparingStatements } from "./prepared-statements";
import { schema, type Db } from "./index";

export type TestDatabase = { db: Db; driver: "pglite" | "postgres"; close: () => Promise<void> };

/**
 * A fresh, migrated, empty database for one test file: in-memory PGlite by default,
 * or a new database on the server named by DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await openPglite("memory://");
    const db = drizzle(client, { schema }) as unknown as Db;
    await migrateDb({ driver: "pglite", db });
    return { db, driver: "pglite", close: () => client.close() };
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const name = `tillit_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateDb({ driver: "postgres", url: url.toString() });
  const client = postgres(url.toString(), { max: 10, onnotice: () => {} });
  return {
    db: drizzle(preparingStatements(client), { schema }) as unknown as Db,
    driver: "postgres",
    close: async () => {
      await client.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
