import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { supportCodes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import { deriveKey } from "@/lib/security/derived-key";
import { pseudonymise } from "@/lib/security/hash";
import { consumeRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import { ensureAuthSecret } from "@/lib/security/secret";
import { SUPPORT_CODE_LENGTH } from "./open-customer-limits";

/** How long a code can be used. */
export const SUPPORT_CODE_MINUTES = 10;
/** Wrong tries that burn the customer's code: they must make a new one. */
export const SUPPORT_CODE_MAX_FAILURES = 5;

const WINDOW_SECONDS = 15 * 60;
/** Codes one agent may try in 15 minutes (right or wrong): no agent can walk the code space. */
export const perAgent: RateLimit = { name: "support-code-agent", limit: 20, windowSeconds: WINDOW_SECONDS };
/** Tries at one customer's code in 15 minutes, from any agent. */
export const perCustomer: RateLimit = { name: "support-code-customer", limit: 10, windowSeconds: WINDOW_SECONDS };

let key: Uint8Array | undefined;

/** HMAC of a code for one customer: a stolen table gives neither the code nor a reusable value. */
function codeHash(customerId: string, code: string): string {
  key ??= deriveKey(ensureAuthSecret(), "tillit support code");
  return createHmac("sha256", key).update(`${customerId}\0${code}`).digest("base64url");
}

export type IssuedSupportCode = { code: string; expiresAt: Date };

/**
 * The signed-in customer's new support code: six digits, valid 10 minutes, single use. Only
 * its HMAC is stored; a new code replaces every earlier one. The digits are returned once.
 */
export async function issueSupportCode(actor: Actor | null): Promise<IssuedSupportCode> {
  const customer = assertCustomer(actor, "support_code.write.own");
  const code = String(randomInt(0, 10 ** SUPPORT_CODE_LENGTH)).padStart(SUPPORT_CODE_LENGTH, "0");
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.delete(supportCodes).where(customerScope(supportCodes, customer));
    const [row] = await tx
      .insert(supportCodes)
      .values({
        customerId: customer.customerId,
        codeHash: codeHash(customer.customerId, code),
        expiresAt: sql`now() + make_interval(mins => ${SUPPORT_CODE_MINUTES})`,
      })
      .returning({ expiresAt: supportCodes.expiresAt });
    return { code, expiresAt: row!.expiresAt };
  });
}

export type SupportCodeStatus =
  { state: "active"; expiresAt: Date } | { state: "used"; usedAt: Date } | { state: "expired"; expiresAt: Date };

/** The customer's latest code, without its digits (they are never stored): active, used or expired. */
export async function getSupportCodeStatus(actor: Actor | null, now = new Date()): Promise<SupportCodeStatus | null> {
  const customer = assertCustomer(actor, "support_code.read.own");
  const db = await getDb();
  const [row] = await db
    .select({ expiresAt: supportCodes.expiresAt, usedAt: supportCodes.usedAt })
    .from(supportCodes)
    .where(customerScope(supportCodes, customer))
    .orderBy(desc(supportCodes.createdAt))
    .limit(1);
  if (!row) return null;
  if (row.usedAt) return { state: "used", usedAt: row.usedAt };
  return row.expiresAt > now
    ? { state: "active", expiresAt: row.expiresAt }
    : { state: "expired", expiresAt: row.expiresAt };
}

export type SpendOutcome = "spent" | "wrong" | "rate_limited";

/**
 * Checks `code` against the customer's active code in the caller's transaction (constant
 * time) and marks it used if it matches. Every try counts against the agent's and the
 * customer's limits; a wrong one counts on the code, and the fifth burns it. The caller
 * must commit a `wrong` or `rate_limited` outcome (not throw inside the transaction), or
 * the counts would roll back with it.
 */
export async function spendSupportCode(
  tx: Tx,
  input: { staffUserId: string; customerId: string; code: string },
): Promise<SpendOutcome> {
  if (!(await consumeRateLimit(tx, perAgent, input.staffUserId))) return "rate_limited";
  if (!(await consumeRateLimit(tx, perCustomer, pseudonymise("support-code", input.customerId)))) {
    return "rate_limited";
  }
  const [active] = await tx
    .select({ id: supportCodes.id, codeHash: supportCodes.codeHash, failedAttempts: supportCodes.failedAttempts })
    .from(supportCodes)
    .where(
      and(
        eq(supportCodes.customerId, input.customerId),
        isNull(supportCodes.usedAt),
        gt(supportCodes.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(supportCodes.createdAt))
    .limit(1)
    .for("update");
  const wellFormed = new RegExp(`^[0-9]{${SUPPORT_CODE_LENGTH}}$`).test(input.code);
  // Hash even a malformed or absent code, so a wrong answer takes the time of a right one.
  const candidate = Buffer.from(codeHash(input.customerId, wellFormed ? input.code : "-"));
  const stored = Buffer.from(active?.codeHash ?? codeHash(input.customerId, "--"));
  const matches = candidate.length === stored.length && timingSafeEqual(candidate, stored);
  if (!active) return "wrong";
  if (!wellFormed || !matches) {
    const failures = active.failedAttempts + 1;
    await tx
      .update(supportCodes)
      .set({
        failedAttempts: failures,
        ...(failures >= SUPPORT_CODE_MAX_FAILURES ? { expiresAt: sql`now()` } : {}),
      })
      .where(eq(supportCodes.id, active.id));
    return "wrong";
  }
  await tx
    .update(supportCodes)
    .set({ usedAt: sql`now()` })
    .where(eq(supportCodes.id, active.id));
  return "spent";
}
