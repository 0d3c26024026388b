// npm run audit:verify
// Recomputes the audit log's hash chain (every change staff made) and says whether it is
// whole; if not, names the first entry that does not verify. Exit code 0: whole; 1: broken
// or the database could not be read. Prints ids and times only.
import { getDb, getDriver } from "@/db";
import { migrateDb } from "@/db/migrate";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { runCommand } from "./run-command";

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

runCommand(main);
