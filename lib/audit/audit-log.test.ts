import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLog, users } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { appendAuditEntry, auditCustomerTarget } from "./append-audit-entry";
import { GENESIS_HASH } from "./audit-hash";
import { canonicalJson } from "./canonical-json";
import { verifyAuditChain } from "./verify-audit-chain";

let siri: StaffActor;

beforeAll(async () => {
  siri = await givenStaff("product");
  const db = await getDb();
  await db.update(users).set({ name: "Siri" }).where(eq(users.id, siri.userId));
});

async function append(n: number, action = "purpose.draft_saved") {
  const db = await getDb();
  const written = [];
  for (let i = 0; i < n; i++) {
    written.push(
      await db.transaction((tx) =>
        appendAuditEntry(tx, siri, {
          action,
          target: { type: "purpose", id: "newsletter" },
          before: { name: { nb: "Nyhetsbrev", en: "Newsletter" }, version: i },
          after: { version: i + 1, name: { en: "Newsletter", nb: "Nyhetsbrev" } },
        }),
      ),
    );
  }
  return written;
}

/** What someone with the database's owner rights could do: switch the guard off and edit. */
async function tamper(statement: ReturnType<typeof sql>) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_or_delete`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_or_delete`);
  });
}

describe("the audit log", () => {
  it("chains each entry to the one before, and the whole chain verifies", async () => {
    const db = await getDb();
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 0, lastHash: GENESIS_HASH });
    const written = await append(3);
    const rows = await db.select().from(auditLog).orderBy(auditLog.id);
    expect(rows.map((r) => r.prevHash)).toEqual([GENESIS_HASH, written[0]!.hash, written[1]!.hash]);
    expect(rows[0]).toMatchObject({
      actorKind: "staff",
      actorName: "Siri",
      actorRole: "product",
      action: "purpose.draft_saved",
    });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 3, lastHash: written[2]!.hash });
  });

  it("refuses updates, deletes and truncation in the database itself", async () => {
    await append(1);
    const db = await getDb();
    const attempt = (statement: ReturnType<typeof sql>) =>
      db.execute(statement).then(
        () => "done",
        (e: unknown) => e,
      );
    for (const statement of [
      sql`update audit_log set actor_name = 'Mallory'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
    ]) {
      const error = await attempt(statement);
      expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(/append-only/);
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("an entry rolled back with its change leaves the chain whole", async () => {
    const db = await getDb();
    const before = await verifyAuditChain(db);
    await db
      .transaction(async (tx) => {
        await appendAuditEntry(tx, siri, { action: "purpose.published", target: { type: "purpose", id: "x" } });
        throw new Error("the change failed");
      })
      .catch(() => null);
    expect(await verifyAuditChain(db)).toEqual(before);
  });

  it("keeps one order when many write at once", async () => {
    const db = await getDb();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.transaction((tx) =>
          appendAuditEntry(tx, siri, { action: "purpose.draft_saved", target: { type: "purpose", id: `p${i}` } }),
        ),
      ),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("names a customer by a pseudonym, never by an id", async () => {
    const kari = await givenCustomer("audited");
    const agent = await givenStaff("agent");
    const db = await getDb();
    await db.transaction((tx) =>
      appendAuditEntry(tx, agent, {
        action: "request.status_changed",
        target: auditCustomerTarget(kari.customerId),
        before: { status: "received" },
        after: { status: "in_progress" },
      }),
    );
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "request.status_changed"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.targetId).toBe(auditCustomerTarget(kari.customerId).id);
    expect(JSON.stringify(rows)).not.toContain(kari.customerId);
  });

  it("names the first entry that was edited, and the first after one that was removed", async () => {
    const db = await getDb();
    const written = await append(4, "purpose.retired");
    const [, second, third] = written;
    await tamper(sql`update audit_log set after = '{"version": 99}'::jsonb where id = ${second!.id}`);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBroken: { id: second!.id, problem: "content_changed" },
    });

    // Put the content back exactly: it verifies again (the hash covers content, not the row's history).
    await tamper(
      sql`update audit_log set after = '{"version": 2, "name": {"nb": "Nyhetsbrev", "en": "Newsletter"}}'::jsonb where id = ${second!.id}`,
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);

    await tamper(sql`delete from audit_log where id = ${third!.id}`);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBroken: { id: written[3]!.id, problem: "chain_broken" },
    });
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined, as RFC 8785 writes these values", () => {
    expect(canonicalJson({ b: 1, a: [{ d: true, c: null }, "x"], e: undefined })).toBe(
      '{"a":[{"c":null,"d":true},"x"],"b":1}',
    );
    expect(canonicalJson({ é: 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});
