import { randomBytes } from "node:crypto";
import { preparingStatements } from "./prepared-statements";
import { createMigratedPostgresDatabase, openMigratedPglite } from "./test-templates.test-support";
import { schema, type Db } from "./index";

export type TestDatabase = { db: Db; driver: "pglite" | "postgres"; close: () => Promise<void> };

/**
 * A fresh, migrated, empty database for one test file: in-memory PGlite by default, or a
 * new database on the server at `serverUrl` (DATABASE_URL unless given; dropped on close).
 * Either is a copy of a migrated template (test-templates.test-support.ts).
 */
export async function createTestDatabase(
  serverUrl: string = process.env.DATABASE_URL?.trim() ?? "",
): Promise<TestDatabase> {
  if (!serverUrl) {
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await openMigratedPglite();
    return { db: drizzle(client, { schema }) as unknown as Db, driver: "pglite", close: () => client.close() };
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const name = `tillit_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const url = await createMigratedPostgresDatabase(admin, serverUrl, name);
  const client = postgres(url, { max: 10, onnotice: () => {} });
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
