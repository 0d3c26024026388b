import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { customers, orders, staffAccessLog, staffReviewEvents, users } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { listStaffAccess } from "./list-staff-access";
import { withStaffAccess } from "./with-staff-access";

async function givenAgent(name: string): Promise<StaffActor> {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ email: `${name.toLowerCase()}-${randomBytes(4).toString("hex")}@example.test`, name, role: "agent" })
    .returning();
  return { kind: "staff", userId: user!.id, role: "agent" };
}

async function logOf(customerId: string) {
  const db = await getDb();
  return db
    .select({ action: staffAccessLog.action, field: staffAccessLog.field, reason: staffAccessLog.reason })
    .from(staffAccessLog)
    .where(eq(staffAccessLog.customerId, customerId))
    .orderBy(staffAccessLog.id);
}

async function givenOrder(customerId: string, orderNumber: string) {
  const db = await getDb();
  await db.insert(orders).values({
    customerId,
    orderNumber,
    placedAt: new Date(),
    status: "delivered",
    channel: "web",
    itemCount: 1,
    totalOre: 10_000,
  });
}

describe("withStaffAccess", () => {
  it("logs the view and each revealed field in the caller's transaction before the read, which the customer then sees", async () => {
    const kari = await givenCustomer("kari");
    const ola = await givenCustomer("ola");
    await givenOrder(kari.customerId, "K-1");
    await givenOrder(ola.customerId, "O-1");
    const siri = await givenAgent("Siri");
    const db = await getDb();

    const read = await db.transaction((tx) =>
      withStaffAccess(
        tx,
        siri,
        {
          customerId: kari.customerId,
          justification: "customer_request",
          caseReference: "SUP-1",
          reason: "Customer called about order K-1",
          fields: ["phone", "email"],
        },
        async (scope) => {
          // Already written, in this transaction, when the read runs.
          const logged = await tx
            .select({ action: staffAccessLog.action, field: staffAccessLog.field })
            .from(staffAccessLog)
            .where(eq(staffAccessLog.customerId, kari.customerId));
          const rows = await tx.select().from(orders).where(customerScope(orders, scope));
          return { scope, logged, orderNumbers: rows.map((o) => o.orderNumber) };
        },
      ),
    );
    expect(read.orderNumbers).toEqual(["K-1"]);
    expect(read.scope).toMatchObject({
      kind: "staff_access",
      customerId: kari.customerId,
      revealed: ["phone", "email"],
    });
    expect(read.logged).toEqual([
      { action: "view", field: null },
      { action: "reveal", field: "phone" },
      { action: "reveal", field: "email" },
    ]);

    const { items } = await listStaffAccess(kari);
    expect(
      items.map(({ staffRole, staffName, action, field, reason }) => ({ staffRole, staffName, action, field, reason })),
    ).toEqual(
      expect.arrayContaining([
        {
          staffRole: "agent",
          staffName: "Siri",
          action: "view",
          field: null,
          reason: "Customer called about order K-1",
        },
        {
          staffRole: "agent",
          staffName: "Siri",
          action: "reveal",
          field: "phone",
          reason: "Customer called about order K-1",
        },
        {
          staffRole: "agent",
          staffName: "Siri",
          action: "reveal",
          field: "email",
          reason: "Customer called about order K-1",
        },
      ]),
    );
    expect(items).toHaveLength(3);
    expect((await listStaffAccess(ola)).items).toEqual([]);
  });

  it("stores a reason the system gives as a code, and keeps an agent's own words as typed", async () => {
    const kari = await givenCustomer("coded");
    const siri = await givenAgent("Siri");
    const db = await getDb();
    await db.transaction((tx) =>
      withStaffAccess(tx, siri, { customerId: kari.customerId, reasonCode: "data_subject_request" }, async () => null),
    );
    await db.transaction((tx) =>
      withStaffAccess(
        tx,
        siri,
        {
          customerId: kari.customerId,
          justification: "customer_request",
          caseReference: "SUP-1",
          reason: "  Kunden ringte (SUP-1)  ",
        },
        async () => null,
      ),
    );
    const entries = (await listStaffAccess(kari)).items.map(({ reason, reasonCode }) => ({ reason, reasonCode }));
    expect(entries).toEqual([
      { reason: "Kunden ringte (SUP-1)", reasonCode: null },
      // The text beside the code is what the export has always written for such an entry.
      { reason: "data-subject request", reasonCode: "data_subject_request" },
    ]);
  });

  it("commits or rolls back with the caller: the entry belongs to the read's transaction", async () => {
    const kari = await givenCustomer("rollback");
    const agent = await givenStaff("agent");
    const db = await getDb();
    const failure = await db
      .transaction(async (tx) => {
        await withStaffAccess(
          tx,
          agent,
          { customerId: kari.customerId, justification: "fraud_security", reason: "Fraud review" },
          async () => "read",
        );
        throw new Error("the caller fails after reading");
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(await logOf(kari.customerId)).toEqual([]);
  });

  it("returns nothing and never reads when the entry cannot be written", async () => {
    const kari = await givenCustomer("forced");
    const agent = await givenStaff("agent");
    const db = await getDb();
    // A log write that fails, as a full disk or a lost connection would.
    await db.execute(
      sql`alter table staff_access_log add constraint test_forced_failure check (reason <> 'forced failure')`,
    );
    try {
      const read = vi.fn(async () => "data");
      const error = await db
        .transaction((tx) =>
          withStaffAccess(
            tx,
            agent,
            { customerId: kari.customerId, justification: "fraud_security", reason: "forced failure" },
            read,
          ),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(AppError);
      expect(read).not.toHaveBeenCalled();
    } finally {
      await db.execute(sql`alter table staff_access_log drop constraint test_forced_failure`);
    }
    expect(await logOf(kari.customerId)).toEqual([]);
  });

  it("finds nothing, logs nothing and never reads when the customer is erased while staff open them", async () => {
    const kari = await givenCustomer("erased");
    const agent = await givenStaff("agent");
    const db = await getDb();
    const read = vi.fn(async () => "data");
    let erasing!: () => void;
    const erased = new Promise<void>((resolve) => (erasing = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The erasure holds the deleted row until it commits; the staff access waits for it.
    const erasure = db.transaction(async (tx) => {
      await tx.delete(customers).where(eq(customers.id, kari.customerId));
      erasing();
      await gate;
    });
    await erased;
    const opening = db
      .transaction((tx) =>
        withStaffAccess(
          tx,
          agent,
          {
            customerId: kari.customerId,
            justification: "customer_request" as const,
            caseReference: "SUP-2",
            reason: "Customer called",
          },
          read,
        ),
      )
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await erasure;
    expect(await opening).toEqual(new AppError("not_found"));
    expect(read).not.toHaveBeenCalled();
    expect(await logOf(kari.customerId)).toEqual([]);
  });

  it("refuses customers, the product team and anonymous callers; an unknown customer is not found; nothing is written", async () => {
    const kari = await givenCustomer("refused");
    const ola = await givenCustomer("refused-other");
    const agent = await givenStaff("agent");
    const product = await givenStaff("product");
    const db = await getDb();
    const read = vi.fn(async () => "data");
    const attempt = (actor: Parameters<typeof withStaffAccess>[1], access: Parameters<typeof withStaffAccess>[2]) =>
      db.transaction((tx) => withStaffAccess(tx, actor, access, read)).catch((e: unknown) => e);
    const access = {
      customerId: kari.customerId,
      justification: "customer_request" as const,
      caseReference: "SUP-2",
      reason: "Customer called",
    };

    expect(await attempt(ola, access)).toEqual(new AppError("forbidden"));
    expect(await attempt(kari, access)).toEqual(new AppError("forbidden"));
    expect(await attempt(product, access)).toEqual(new AppError("forbidden"));
    expect(await attempt(product, { ...access, fields: ["phone"] })).toEqual(new AppError("forbidden"));
    expect(await attempt(null, access)).toEqual(new AppError("unauthenticated"));
    expect(await attempt(agent, { ...access, customerId: crypto.randomUUID() })).toEqual(new AppError("not_found"));
    expect(await attempt(agent, { ...access, reason: "   " })).toEqual(new AppError("invalid"));
    expect(await attempt(agent, { ...access, fields: ["" as "phone"] })).toEqual(
      new AppError("invalid", { messageKey: "unknownField" }),
    );
    expect(await attempt(agent, { ...access, fields: ["passwordHash" as "phone"] })).toEqual(
      new AppError("invalid", { messageKey: "unknownField" }),
    );
    // Customer-initiated access names its case; every access names a known category.
    expect(await attempt(agent, { ...access, caseReference: "  " })).toEqual(new AppError("invalid"));
    expect(await attempt(agent, { ...access, justification: "curiosity" as "legal_request" })).toEqual(
      new AppError("invalid"),
    );
    expect(await attempt(agent, { ...access, caseReference: "SUP\u202e1" })).toEqual(new AppError("invalid"));
    expect(await attempt(agent, { ...access, reason: "x".repeat(501) })).toEqual(new AppError("invalid"));
    expect(read).not.toHaveBeenCalled();
    expect(await logOf(kari.customerId)).toEqual([]);
    const [{ n } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(staffAccessLog)
      .where(and(eq(staffAccessLog.staffUserId, agent.userId)));
    expect(n).toBe(0);
  });

  it("asks for a second confirmation past the hourly limit of distinct customers, and records each such open for review", async () => {
    const limit = 3;
    vi.stubEnv("TILLIT_BROWSING_LIMIT_PER_HOUR", String(limit));
    try {
      const agent = await givenAgent("Browsing");
      const people = await Promise.all([1, 2, 3, 4, 5].map((i) => givenCustomer(`browse-${i}`)));
      const db = await getDb();
      const open = (customerId: string, extra: { confirmedBeyondLimit?: boolean } = {}) =>
        db
          .transaction((tx) =>
            withStaffAccess(
              tx,
              agent,
              { customerId, justification: "fraud_security", reason: "Pattern review", ...extra },
              async () => "read",
            ),
          )
          .catch((e: unknown) => e);
      for (const person of people.slice(0, limit)) expect(await open(person.customerId)).toBe("read");
      // Working a data-subject request is not browsing and does not count.
      await db.transaction((tx) =>
        withStaffAccess(
          tx,
          agent,
          { customerId: people[4]!.customerId, reasonCode: "data_subject_request" },
          async () => null,
        ),
      );
      // Someone already opened this hour opens again without a question.
      expect(await open(people[0]!.customerId)).toBe("read");
      expect(await open(people[3]!.customerId)).toEqual(new AppError("conflict", { messageKey: "browsingLimit" }));
      expect(await logOf(people[3]!.customerId)).toEqual([]);
      expect(await open(people[3]!.customerId, { confirmedBeyondLimit: true })).toBe("read");
      const events = await db.select().from(staffReviewEvents).where(eq(staffReviewEvents.staffUserId, agent.userId));
      expect(events).toEqual([
        expect.objectContaining({
          kind: "browsing_limit_exceeded",
          staffDisplayName: "Browsing",
          details: { limit, openedInLastHour: limit + 1 },
        }),
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
