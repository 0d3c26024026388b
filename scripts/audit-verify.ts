// npm run audit:verify
// Recomputes the audit log's hash chain (every change staff made) and says whether it is
// whole; if not, names the first entry that does not verify. Exit code 0: whole; 1: broken
// or the database could not be read. Prints ids and times only.
import { closeDb, DataFolderInUseError, getDb, getDriver } from "@/db";
import { migrateDb } from "@/db/migrate";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { ConfigError } from "@/lib/env";

async function main(): Promise<number> {
  const driver = await getDriver();
  await migrateDb();
  const report = await verifyAuditChain(await getDb());
  if (report.ok) {
    console.log(`audit log on ${driver}: ${report.entries} entries, the chain is whole (last hash ${report.lastHash})`);
    return 0;
  }
  const { id, occurredAt, problem } = report.firstBroken;
  const what =
    problem === "content_changed"
      ? "its content was changed after it was written"
      : "the entry before it was removed, replaced or inserted";
  console.error(
    `audit log on ${driver}: BROKEN at entry ${id} (written ${occurredAt.toISOString()}): ${what}. ` +
      `${report.entries - 1} entries before it verify; it and every later entry cannot be trusted.`,
  );
  return 1;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    await closeDb().catch(() => {});
    if (error instanceof DataFolderInUseError || error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : "unknown error");
    process.exit(1);
  });
