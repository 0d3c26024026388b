import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { addresses, customers, staffAccessLog, supportCodes, users } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenPublishedPurposes, givenStaff } from "@/lib/testing/factories";
import { listStaffAccess } from "@/lib/access-log/list-staff-access";
import { withStaffAccess } from "@/lib/access-log/with-staff-access";
import { getCustomerCard, openCustomer, openCustomerWithSupportCode } from "./open-customer";
import { revealCustomerField } from "./reveal-field";
import { getSupportCodeStatus, issueSupportCode } from "./support-codes";

async function givenAgent(name: string): Promise<StaffActor> {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ email: `${name.toLowerCase()}-${randomBytes(4).toString("hex")}@example.test`, name, role: "agent" })
    .returning();
  return { kind: "staff", userId: user!.id, role: "agent" };
}

async function givenKari() {
  const kari = await givenCustomer("kari");
  const db = await getDb();
  await db
    .update(customers)
    .set({ givenName: "Kari", familyName: "Nordmann", phone: "+47 912 34 123", birthDate: "1985-04-12" })
    .where(eq(customers.id, kari.customerId));
  await db.insert(addresses).values({
    customerId: kari.customerId,
    label: "home",
    line1: "Storgata 1",
    postcode: "0150",
    city: "Oslo",
    isPrimary: true,
  });
  return kari;
}

async function logOf(customerId: string) {
  const db = await getDb();
  return db
    .select({
      action: staffAccessLog.action,
      field: staffAccessLog.field,
      reason: staffAccessLog.reason,
      justification: staffAccessLog.justification,
      caseReference: staffAccessLog.caseReference,
      verified: staffAccessLog.verified,
    })
    .from(staffAccessLog)
    .where(eq(staffAccessLog.customerId, customerId))
    .orderBy(staffAccessLog.id);
}

const outcome = <T>(run: Promise<T>) => run.catch((e: unknown) => e);
const asCustomer = {
  justification: "customer_request",
  caseReference: "SUP-1",
  reason: "Kunden ringte om en retur",
} as const;

beforeAll(async () => {
  await givenPublishedPurposes();
});

describe("opening a customer", () => {
  it("logs the open with its reason in the read's transaction and returns the masked view", async () => {
    const kari = await givenKari();
    const agent = await givenAgent("Siri");
    const view = await openCustomer(agent, { customerId: kari.customerId, ...asCustomer }, "en");
    expect(view.details).toMatchObject({
      name: "Kari N.",
      email: expect.stringMatching(/^k•••@example\.test$/),
      phone: "+47 ••• •• 123",
      birthDate: "••.••.••••",
      addresses: [{ label: "home", isPrimary: true, masked: "•••, Oslo" }],
    });
    expect(view.customerNumber).toBeGreaterThan(100000);
    expect(view.consents.length).toBeGreaterThan(0);
    expect(view.consents.every((c) => typeof c.status === "string")).toBe(true);
    expect(view.data.find((c) => c.key === "identity")?.count).toBe(4);
    expect(JSON.stringify(view)).not.toContain("Nordmann");
    expect(JSON.stringify(view)).not.toContain("912");
    expect(await logOf(kari.customerId)).toEqual([
      {
        action: "view",
        field: null,
        reason: "Kunden ringte om en retur",
        justification: "customer_request",
        caseReference: "SUP-1",
        verified: false,
      },
    ]);
    // The customer sees it at once.
    const seen = await listStaffAccess(kari);
    expect(seen.items[0]).toMatchObject({
      staffName: "Siri",
      justification: "customer_request",
      caseReference: "SUP-1",
      verified: false,
    });
  });

  it("refuses bad input with a field error, opening and logging nothing", async () => {
    const kari = await givenKari();
    const agent = await givenAgent("Siri");
    const id = kari.customerId;
    const cases: [Record<string, unknown>, AppError][] = [
      [
        { customerId: id, justification: "fraud_security" },
        new AppError("invalid", { fieldErrors: { reason: "openReasonRequired" } }),
      ],
      [
        { customerId: id, justification: "fraud_security", reason: "   " },
        new AppError("invalid", { fieldErrors: { reason: "openReasonRequired" } }),
      ],
      [
        { customerId: id, justification: "fraud_security", reason: "x".repeat(501) },
        new AppError("invalid", { fieldErrors: { reason: "openReasonTooLong" } }),
      ],
      [
        { customerId: id, justification: "customer_request", reason: "Called" },
        new AppError("invalid", { fieldErrors: { caseReference: "caseReferenceRequired" } }),
      ],
      [
        { customerId: id, justification: "curiosity", reason: "Just looking" },
        new AppError("invalid", { fieldErrors: { justification: "justificationRequired" } }),
      ],
      [
        { customerId: id, justification: "fraud_security", reason: "Look\u200b here" },
        new AppError("invalid", { fieldErrors: { reason: "invisibleCharacters" } }),
      ],
      [
        { customerId: id, ...asCustomer, caseReference: "SUP\u202e-1" },
        new AppError("invalid", { fieldErrors: { caseReference: "invisibleCharacters" } }),
      ],
      [
        { customerId: id, ...asCustomer, staffUserId: agent.userId },
        new AppError("invalid", { fieldErrors: { form: "invalid" } }),
      ],
      [{ customerId: "no-such-customer", ...asCustomer }, new AppError("not_found")],
      [{ customerId: "bad\u0000id", ...asCustomer }, new AppError("not_found")],
    ];
    for (const [input, expected] of cases) {
      const got = await outcome(openCustomer(agent, input as never, "en"));
      expect(got, JSON.stringify(input)).toEqual(expected);
      if (got instanceof AppError) expect(got.fieldErrors).toEqual(expected.fieldErrors);
    }
    expect(await logOf(id)).toEqual([]);
  });

  it("refuses product team members and customers, logging nothing", async () => {
    const kari = await givenKari();
    const product = await givenStaff("product");
    for (const actor of [product, kari, null]) {
      expect(await outcome(openCustomer(actor, { customerId: kari.customerId, ...asCustomer }, "en"))).toBeInstanceOf(
        AppError,
      );
      expect(await outcome(getCustomerCard(actor, kari.customerId))).toBeInstanceOf(AppError);
      expect(await outcome(revealCustomerField(actor, { customerId: kari.customerId, field: "name" }))).toBeInstanceOf(
        AppError,
      );
      expect(
        await outcome(openCustomerWithSupportCode(actor, { customerId: kari.customerId, code: "123456" }, "en")),
      ).toBeInstanceOf(AppError);
    }
    expect(await outcome(issueSupportCode(product))).toEqual(new AppError("forbidden"));
    expect(await logOf(kari.customerId)).toEqual([]);
  });

  it("an erased customer is not found, with nothing logged", async () => {
    const kari = await givenKari();
    const agent = await givenAgent("Siri");
    const db = await getDb();
    await db.delete(users).where(eq(users.id, kari.customerId));
    expect(await outcome(getCustomerCard(agent, kari.customerId))).toEqual(new AppError("not_found"));
    expect(await outcome(openCustomer(agent, { customerId: kari.customerId, ...asCustomer }, "en"))).toEqual(
      new AppError("not_found"),
    );
    const [{ n } = { n: -1 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(staffAccessLog)
      .where(eq(staffAccessLog.staffUserId, agent.userId));
    expect(n).toBe(0);
  });

  it("asks for the second confirmation past the browsing limit", async () => {
    vi.stubEnv("TILLIT_BROWSING_LIMIT_PER_HOUR", "1");
    try {
      const agent = await givenAgent("Browsing");
      const [a, b] = [await givenKari(), await givenKari()];
      await openCustomer(agent, { customerId: a.customerId, ...asCustomer }, "en");
      expect(await outcome(openCustomer(agent, { customerId: b.customerId, ...asCustomer }, "en"))).toEqual(
        new AppError("conflict", { messageKey: "browsingLimit" }),
      );
      expect(await logOf(b.customerId)).toEqual([]);
      const view = await openCustomer(
        agent,
        { customerId: b.customerId, ...asCustomer, confirmedBeyondLimit: "on" },
        "en",
      );
      expect(view.customerId).toBe(b.customerId);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("revealing a field", () => {
  it("repeats the open's justification, and asks a second confirmation for contact details without a code", async () => {
    const kari = await givenKari();
    const agent = await givenAgent("Siri");
    const id = kari.customerId;
    expect(await outcome(revealCustomerField(agent, { customerId: id, field: "name" }))).toEqual(
      new AppError("conflict", { messageKey: "openFirst" }),
    );
    await openCustomer(
      agent,
      { customerId: id, justification: "fraud_security", reason: "Mistenkelig innlogging" },
      "en",
    );
    expect(await revealCustomerField(agent, { customerId: id, field: "name" })).toEqual({
      field: "name",
      values: ["Kari Nordmann"],
    });
    const refused = await outcome(revealCustomerField(agent, { customerId: id, field: "phone" }));
    expect(refused).toMatchObject({ code: "invalid" });
    expect((refused as AppError).fieldErrors).toEqual({
      caseReference: "caseReferenceRequired",
      confirmed: "confirmReveal",
    });
    expect(
      await revealCustomerField(agent, { customerId: id, field: "phone", caseReference: "SEC-9", confirmed: "on" }),
    ).toEqual({
      field: "phone",
      values: ["+47 912 34 123"],
    });
    expect(
      await revealCustomerField(agent, { customerId: id, field: "address", confirmed: "on", caseReference: "SEC-9" }),
    ).toEqual({
      field: "address",
      values: ["Storgata 1, 0150 Oslo, NO"],
    });
    const unknown = await outcome(
      revealCustomerField(agent, { customerId: id, field: "salary" as never, confirmed: "on" }),
    );
    expect(unknown).toEqual(new AppError("invalid", { messageKey: "unknownField" }));
    expect((await logOf(id)).map((e) => [e.action, e.field, e.justification, e.caseReference])).toEqual([
      ["view", null, "fraud_security", null],
      ["view", null, "fraud_security", null],
      ["reveal", "name", "fraud_security", null],
      ["view", null, "fraud_security", "SEC-9"],
      ["reveal", "phone", "fraud_security", "SEC-9"],
      ["view", null, "fraud_security", "SEC-9"],
      ["reveal", "address", "fraud_security", "SEC-9"],
    ]);
  });

  it("not after a look at one of the customer's requests: reveals come only from an open with a reason", async () => {
    const kari = await givenKari();
    const agent = await givenAgent("Siri");
    const db = await getDb();
    await db.transaction((tx) =>
      withStaffAccess(tx, agent, { customerId: kari.customerId, reasonCode: "data_subject_request" }, async () => null),
    );
    expect(
      await outcome(revealCustomerField(agent, { customerId: kari.customerId, field: "email", confirmed: "on" })),
    ).toEqual(new AppError("conflict", { messageKey: "openFirst" }));
    expect((await logOf(kari.customerId)).map((e) => [e.action, e.justification])).toEqual([
      ["view", "data_subject_request"],
    ]);
  });

  it("the 30 minutes run from the open: a reveal does not extend them", async () => {
    const kari = await givenKari();
    const agent = await givenAgent("Siri");
    await openCustomer(
      agent,
      { customerId: kari.customerId, justification: "legal_request", reason: "Court order 12" },
      "en",
    );
    await revealCustomerField(agent, { customerId: kari.customerId, field: "name" });
    const db = await getDb();
    // The open was 31 minutes ago; only the reveal's own entries are recent.
    await db.execute(sql`
      update staff_access_log set occurred_at = occurred_at - interval '31 minutes'
      where id = (select min(id) from staff_access_log where customer_id = ${kari.customerId})`);
    expect(await outcome(revealCustomerField(agent, { customerId: kari.customerId, field: "birthDate" }))).toEqual(
      new AppError("conflict", { messageKey: "openFirst" }),
    );
  });

  it("only after the agent's own open: another agent's open does not count", async () => {
    const kari = await givenKari();
    const [siri, ahmed] = [await givenAgent("Siri"), await givenAgent("Ahmed")];
    await openCustomer(siri, { customerId: kari.customerId, ...asCustomer }, "en");
    expect(await outcome(revealCustomerField(ahmed, { customerId: kari.customerId, field: "birthDate" }))).toEqual(
      new AppError("conflict", { messageKey: "openFirst" }),
    );
    expect(await outcome(revealCustomerField(siri, { customerId: "nobody", field: "name" }))).toEqual(
      new AppError("not_found"),
    );
  });
});

describe("support codes", () => {
  it("opens the customer verified once, then the code is used; the customer sees both", async () => {
    const kari = await givenKari();
    const agent = await givenAgent("Siri");
    expect(await getSupportCodeStatus(kari)).toBeNull();
    const { code, expiresAt } = await issueSupportCode(kari);
    expect(code).toMatch(/^\d{6}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60 * 1000);
    const db = await getDb();
    const [stored] = await db.select().from(supportCodes).where(eq(supportCodes.customerId, kari.customerId));
    expect(stored!.codeHash).not.toContain(code);
    expect(await getSupportCodeStatus(kari)).toMatchObject({ state: "active" });

    const view = await openCustomerWithSupportCode(agent, { customerId: kari.customerId, code }, "nb");
    expect(view.access).toMatchObject({ verified: true, justification: "customer_request" });
    expect(await getSupportCodeStatus(kari)).toMatchObject({ state: "used" });
    expect(await logOf(kari.customerId)).toEqual([
      expect.objectContaining({ action: "view", verified: true, justification: "customer_request" }),
    ]);
    // Reused: the same answer as a wrong code, nothing opened.
    expect(await outcome(openCustomerWithSupportCode(agent, { customerId: kari.customerId, code }, "nb"))).toEqual(
      new AppError("invalid", { fieldErrors: { code: "wrongSupportCode" } }),
    );
    // A verified open reveals contact details without the second confirmation.
    expect(await revealCustomerField(agent, { customerId: kari.customerId, field: "phone" })).toMatchObject({
      values: ["+47 912 34 123"],
    });
    expect((await logOf(kari.customerId)).length).toBe(3);
  });

  it("a wrong, expired or malformed code gets one answer; five wrong tries burn the code; a new code replaces the old", async () => {
    const kari = await givenKari();
    const agent = await givenAgent("Siri");
    const wrong = new AppError("invalid", { fieldErrors: { code: "wrongSupportCode" } });
    const first = await issueSupportCode(kari);
    const { code } = await issueSupportCode(kari);
    const db = await getDb();
    expect(await db.select().from(supportCodes).where(eq(supportCodes.customerId, kari.customerId))).toHaveLength(1);
    if (first.code !== code) {
      expect(
        await outcome(openCustomerWithSupportCode(agent, { customerId: kari.customerId, code: first.code }, "en")),
      ).toEqual(wrong);
    }
    const other = code === "000000" ? "000001" : "000000";
    expect(
      await outcome(openCustomerWithSupportCode(agent, { customerId: kari.customerId, code: "12ab56" }, "en")),
    ).toEqual(wrong);
    while (
      (await db.select().from(supportCodes).where(eq(supportCodes.customerId, kari.customerId)))[0]!.failedAttempts < 5
    ) {
      expect(
        await outcome(openCustomerWithSupportCode(agent, { customerId: kari.customerId, code: other }, "en")),
      ).toEqual(wrong);
    }
    // Burnt: even the right code no longer opens.
    expect(await outcome(openCustomerWithSupportCode(agent, { customerId: kari.customerId, code }, "en"))).toEqual(
      wrong,
    );
    expect(await getSupportCodeStatus(kari)).toMatchObject({ state: "expired" });

    const ola = await givenKari();
    const fresh = await issueSupportCode(ola);
    await db
      .update(supportCodes)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(supportCodes.customerId, ola.customerId));
    expect(
      await outcome(openCustomerWithSupportCode(agent, { customerId: ola.customerId, code: fresh.code }, "en")),
    ).toEqual(wrong);
    expect(await logOf(kari.customerId)).toEqual([]);
    expect(await logOf(ola.customerId)).toEqual([]);
  });

  it("rate-limits an agent's tries", async () => {
    const agent = await givenAgent("Guesser");
    const people = await Promise.all([1, 2, 3].map(() => givenKari()));
    let limited: unknown = null;
    for (let i = 0; i < 25 && !limited; i++) {
      const person = people[i % people.length]!;
      const got = await outcome(
        openCustomerWithSupportCode(agent, { customerId: person.customerId, code: "000000" }, "en"),
      );
      if (got instanceof AppError && got.code === "rate_limited") limited = got;
    }
    expect(limited).toEqual(new AppError("rate_limited", { messageKey: "supportCodeRateLimited" }));
  });
});
