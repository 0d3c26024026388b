import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { openPglite } from "@/db/pglite";
import { auditEntryHash, GENESIS_HASH } from "@/lib/audit/audit-hash";

// `npm run audit:verify` as an operator runs it, on an embedded database folder of its own.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
let dataDir: string;

async function verify(): Promise<{ code: number; out: string }> {
  const env = { ...process.env, TILLIT_DATA_DIR: dataDir, DATABASE_URL: "" };
  try {
    const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "scripts/audit-verify.ts"], {
      cwd: root,
      env,
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/** With the command stopped: the folder is opened by one process at a time. */
async function withFolder(work: (db: ReturnType<typeof drizzle>) => Promise<void>) {
  const client = await openPglite(path.join(dataDir, "pglite"));
  try {
    await work(drizzle(client));
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tillit-audit-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm run audit:verify", () => {
  it(
    "says the chain is whole, then names the first entry after a row was tampered with",
    { timeout: 120_000 },
    async () => {
      const empty = await verify();
      expect(empty).toMatchObject({ code: 0 });
      expect(empty.out).toContain("0 entries, the chain is whole");

      const ids: number[] = [];
      await withFolder(async (db) => {
        let prevHash = GENESIS_HASH;
        for (const version of [1, 2, 3]) {
          const entry = {
            occurredAt: new Date(Date.UTC(2026, 11, 1, 12, version)),
            actorKind: "staff" as const,
            actorId: "staff-1",
            actorName: "Siri",
            actorRole: "product",
            action: "purpose.published",
            targetType: "purpose",
            targetId: "newsletter",
            before: null,
            after: { version },
            prevHash,
          };
          const hash = auditEntryHash(entry);
          const [row] = await db
            .insert(auditLog)
            .values({ ...entry, hash })
            .returning({ id: auditLog.id });
          ids.push(row!.id);
          prevHash = hash;
        }
      });
      const whole = await verify();
      expect(whole).toMatchObject({ code: 0 });
      expect(whole.out).toContain("3 entries, the chain is whole");

      await withFolder(async (db) => {
        await db.execute(sql`alter table audit_log disable trigger audit_log_no_update_or_delete`);
        await db.execute(sql`update audit_log set actor_name = 'Someone else' where id = ${ids[1]!}`);
      });
      const broken = await verify();
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(
        `BROKEN at entry ${ids[1]} (written 2026-12-01T12:02:00.000Z): its content was changed`,
      );
    },
  );
});
