import "server-only";
import path from "node:path";
import { databaseUrl } from "./config";
import { getDb, getDriver, type Db } from "./index";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Arbitrary constant: serialises migrations when several app processes start at once.
const MIGRATION_LOCK_ID = 724_8001;

type Target = { driver: "pglite"; db: Db } | { driver: "postgres"; url: string };

/** Migrates the given database, or by default the process-wide one (whichever driver it uses). */
export async function migrateDb(target?: Target): Promise<void> {
  target ??=
    (await getDriver()) === "postgres"
      ? { driver: "postgres", url: databaseUrl()! }
      : { driver: "pglite", db: await getDb() };
  if (target.driver === "pglite") {
    const db = target.db;
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder });
    return;
  }
  // One dedicated connection, so the advisory lock and the migration share a session.
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // No max_lifetime: the migration lock must live as long as the migration does.
  const client = postgres(target.url, { max: 1, max_lifetime: null, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end();
  }
}
