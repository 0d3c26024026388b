import { createHash } from "node:crypto";
import { decodeJwt, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { consumedTokens, withdrawalReasons, type WithdrawalReasonCode } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { givenCustomer, givenStaff } from "@/lib/testing/factories";
import { osloDate, recordWithdrawalReason } from "./record-withdrawal-reason";
import { withdrawalReasonCounts } from "./withdrawal-reason-counts";
import { issueWithdrawalReasonToken, WITHDRAWAL_REASON_TOKEN_SECONDS } from "./withdrawal-reason-token";

let kari: Actor;

async function allRows() {
  const db = await getDb();
  return {
    reasons: await db.select().from(withdrawalReasons).orderBy(withdrawalReasons.id),
    consumed: await db.select().from(consumedTokens).orderBy(consumedTokens.tokenHash),
  };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  kari = await givenCustomer("kari");
});

describe("recordWithdrawalReason", () => {
  it("stores the purpose, the reason and the Oslo day, and nothing that leads back to the customer", async () => {
    const now = new Date("2026-03-01T23:30:00Z"); // already 2 March in Oslo
    const token = await issueWithdrawalReasonToken("newsletter", now);
    await recordWithdrawalReason(kari, { purposeKey: "newsletter", reason: "too_many_messages", token }, now);

    const { reasons, consumed } = await allRows();
    expect(reasons).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        purposeKey: "newsletter",
        reason: "too_many_messages",
        recordedOn: "2026-03-02",
      },
    ]);
    const { jti, exp } = decodeJwt(token);
    expect(consumed).toEqual([
      {
        tokenHash: createHash("sha256").update(jti!).digest("hex"),
        expiresAt: new Date(exp! * 1000),
      },
    ]);
    expect(exp! - Math.floor(now.getTime() / 1000)).toBe(WITHDRAWAL_REASON_TOKEN_SECONDS);
    // The token itself names no customer either.
    expect(JSON.stringify(decodeJwt(token))).not.toContain((kari as { customerId: string }).customerId);
  });

  it("takes exactly one answer per withdrawal: a replayed ticket is refused and writes nothing", async () => {
    const token = await issueWithdrawalReasonToken("order_sms");
    await recordWithdrawalReason(kari, { purposeKey: "order_sms", reason: "not_relevant", token });
    const before = await allRows();
    const error = await refusal(
      recordWithdrawalReason(kari, { purposeKey: "order_sms", reason: "privacy_concern", token }),
    );
    expect(error).toMatchObject({ code: "conflict", messageKey: "alreadyAnswered" });
    expect(await allRows()).toEqual(before);
  });

  it("lets only one of two simultaneous answers with the same ticket through", async () => {
    const token = await issueWithdrawalReasonToken("product_analytics");
    const before = (await allRows()).reasons.length;
    const results = await Promise.allSettled(
      (["other", "did_not_know"] as const).map((reason) =>
        recordWithdrawalReason(kari, { purposeKey: "product_analytics", reason, token }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await allRows()).reasons.length).toBe(before + 1);
  });

  const invalidTickets: [string, () => Promise<string>, string][] = [
    ["a ticket for another purpose", () => issueWithdrawalReasonToken("order_sms"), "newsletter"],
    [
      "an expired ticket",
      () => issueWithdrawalReasonToken("newsletter", new Date(Date.now() - 61 * 60 * 1000)),
      "newsletter",
    ],
    [
      "a ticket signed with another key",
      () =>
        new SignJWT({ pur: "newsletter" })
          .setProtectedHeader({ alg: "HS256" })
          .setJti("forged-nonce")
          .setAudience("tillit:withdrawal-reason")
          .setExpirationTime("1h")
          .sign(new TextEncoder().encode("a-key-the-attacker-made-up-0123456789")),
      "newsletter",
    ],
    [
      "a tampered ticket",
      async () => {
        const genuine = await issueWithdrawalReasonToken("order_sms");
        const [h, , s] = genuine.split(".");
        const payload = Buffer.from(JSON.stringify({ ...decodeJwt(genuine), pur: "newsletter" })).toString("base64url");
        return `${h}.${payload}.${s}`;
      },
      "newsletter",
    ],
    ["junk", async () => "not-a-token", "newsletter"],
  ];
  it.each(invalidTickets)("refuses %s and writes nothing", async (_name, ticket, purposeKey) => {
    const token = await ticket();
    const before = await allRows();
    const error = await refusal(recordWithdrawalReason(kari, { purposeKey, reason: "other", token }));
    expect(error).toMatchObject({ code: "invalid", messageKey: "invalidToken" });
    expect(await allRows()).toEqual(before);
  });

  it("refuses a reason code that is not one of the choices", async () => {
    const token = await issueWithdrawalReasonToken("newsletter");
    const before = await allRows();
    const error = await refusal(
      recordWithdrawalReason(kari, {
        purposeKey: "newsletter",
        reason: "my name is Kari" as WithdrawalReasonCode,
        token,
      }),
    );
    expect(error).toMatchObject({ code: "invalid" });
    expect(await allRows()).toEqual(before);
  });

  it.each([
    ["no one signed in", async (): Promise<Actor | null> => null, "unauthenticated"],
    ["a support agent", () => givenStaff("agent"), "forbidden"],
    ["a product team member", () => givenStaff("product"), "forbidden"],
  ] as const)("refuses %s", async (_name, actor, code) => {
    const token = await issueWithdrawalReasonToken("newsletter");
    const before = await allRows();
    const error = await refusal(
      recordWithdrawalReason(await actor(), { purposeKey: "newsletter", reason: "other", token }),
    );
    expect(error.code).toBe(code);
    expect(await allRows()).toEqual(before);
  });
});

describe("osloDate", () => {
  it("is the calendar day in Oslo, summer and winter", () => {
    expect(osloDate(new Date("2026-01-15T22:59:59Z"))).toBe("2026-01-15");
    expect(osloDate(new Date("2026-01-15T23:00:00Z"))).toBe("2026-01-16");
    expect(osloDate(new Date("2026-07-15T21:59:59Z"))).toBe("2026-07-15");
    expect(osloDate(new Date("2026-07-15T22:00:00Z"))).toBe("2026-07-16");
  });
});

describe("withdrawalReasonCounts", () => {
  it("counts answers per purpose and reason for the product team, optionally for one purpose", async () => {
    const db = await getDb();
    await db.delete(withdrawalReasons);
    const rows: [string, WithdrawalReasonCode][] = [
      ["newsletter", "too_many_messages"],
      ["newsletter", "too_many_messages"],
      ["newsletter", "not_relevant"],
      ["order_sms", "privacy_concern"],
    ];
    for (const [purposeKey, reason] of rows) {
      await recordWithdrawalReason(kari, { purposeKey, reason, token: await issueWithdrawalReasonToken(purposeKey) });
    }
    const product = await givenStaff("product");
    expect(await withdrawalReasonCounts(product)).toEqual([
      { purposeKey: "newsletter", reason: "not_relevant", count: 1 },
      { purposeKey: "newsletter", reason: "too_many_messages", count: 2 },
      { purposeKey: "order_sms", reason: "privacy_concern", count: 1 },
    ]);
    expect(await withdrawalReasonCounts(product, { purposeKey: "order_sms" })).toEqual([
      { purposeKey: "order_sms", reason: "privacy_concern", count: 1 },
    ]);
    expect(await withdrawalReasonCounts(product, { purposeKey: "nothing_here" })).toEqual([]);
  });

  it.each([
    ["a customer", async (): Promise<Actor | null> => kari, "forbidden"],
    ["a support agent", () => givenStaff("agent"), "forbidden"],
    ["no one signed in", async (): Promise<Actor | null> => null, "unauthenticated"],
  ] as const)("refuses %s", async (_name, actor, code) => {
    expect((await refusal(withdrawalReasonCounts(await actor()))).code).toBe(code);
  });
});
