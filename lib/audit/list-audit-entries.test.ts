import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { staffReviewEvents } from "@/db/schema";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { appendAuditEntry } from "./append-audit-entry";
import {
  AUDIT_PAGE_SIZE,
  checkAuditChain,
  diffValues,
  listAuditEntries,
  listBrowsingReviews,
} from "./list-audit-entries";

describe("the audit page's reads", () => {
  it("pages the log newest first, shows before/after as changed paths, and names the first broken entry", async () => {
    const product = await givenStaff("product");
    const db = await getDb();
    for (let i = 1; i <= AUDIT_PAGE_SIZE + 5; i++) {
      await db.transaction((tx) =>
        appendAuditEntry(tx, product, {
          action: "purpose.draft_saved",
          target: { type: "purpose", id: `p${i}` },
          before: i === 1 ? null : { texts: { en: { name: `Name ${i - 1}` } }, channels: ["email"] },
          after: { texts: { en: { name: `Name ${i}` } }, channels: ["email"] },
        }),
      );
    }
    const first = await listAuditEntries(product);
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]).toMatchObject({
      action: "purpose.draft_saved",
      target: `purpose:p${AUDIT_PAGE_SIZE + 5}`,
      changes: [{ path: "texts.en.name", before: `Name ${AUDIT_PAGE_SIZE + 4}`, after: `Name ${AUDIT_PAGE_SIZE + 5}` }],
    });
    const second = await listAuditEntries(product, { beforeId: first.nextBeforeId! });
    expect(second.entries.map((e) => e.target)).toEqual(["p5", "p4", "p3", "p2", "p1"].map((id) => `purpose:${id}`));
    expect(second.nextBeforeId).toBeNull();
    expect(await checkAuditChain(product)).toMatchObject({ ok: true, entries: AUDIT_PAGE_SIZE + 5 });

    const broken = second.entries[1]!.id;
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_or_delete`);
      await tx.execute(
        sql`update audit_log set after = '{"texts": {"en": {"name": "Forged"}}}'::jsonb where id = ${broken}`,
      );
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_or_delete`);
    });
    expect(await checkAuditChain(product)).toMatchObject({
      ok: false,
      firstBroken: { id: broken, problem: "content_changed" },
    });
  });

  it("lists the browsing-guard events: who and when, not their details", async () => {
    const product = await givenStaff("product");
    const agent = await givenStaff("agent");
    const db = await getDb();
    await db.insert(staffReviewEvents).values({
      kind: "browsing_limit_exceeded",
      staffUserId: agent.userId,
      staffDisplayName: "Agent Smith",
      details: { distinctCustomers: 31, limit: 30, note: "text is never shown" },
    });
    expect(await listBrowsingReviews(product)).toEqual([
      {
        id: expect.any(Number),
        occurredAt: expect.any(Date),
        kind: "browsing_limit_exceeded",
        staffName: "Agent Smith",
      },
    ]);
  });

  it("is refused to agents and customers", async () => {
    for (const actor of [await givenStaff("agent"), await givenCustomer("c")]) {
      await expect(listAuditEntries(actor)).rejects.toMatchObject({ code: "forbidden" });
      await expect(checkAuditChain(actor)).rejects.toMatchObject({ code: "forbidden" });
      await expect(listBrowsingReviews(actor)).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("diffs nested values by path and lists whole", () => {
    expect(diffValues(null, { a: 1, b: { c: "x" }, d: ["e"] })).toEqual([
      { path: "a", before: null, after: "1" },
      { path: "b.c", before: null, after: "x" },
      { path: "d", before: null, after: '["e"]' },
    ]);
    expect(diffValues({ a: 1, d: ["e"] }, { a: 1, d: ["e", "f"] })).toEqual([
      { path: "d", before: '["e"]', after: '["e","f"]' },
    ]);
  });
});
