import "server-only";
import { createHash } from "node:crypto";
import { getDb } from "@/db";
import { consumedTokens, withdrawalReasons, type WithdrawalReasonCode } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { reasonCodes } from "./withdrawal-reasons";
import { readWithdrawalReasonToken } from "./withdrawal-reason-token";

/** The calendar day in Oslo: all the time an anonymous reason keeps. */
export function osloDate(at: Date): string {
  const parts = new Intl.DateTimeFormat("en", {
    timeZone: "Europe/Oslo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * Stores an optional, anonymous reason for a withdrawal the customer just made. Only a
 * signed-in customer may answer, but who answered is not stored: the row holds the
 * purpose, the reason code and the day. The ticket from the withdrawal is spent in the
 * same transaction, so each withdrawal gets at most one answer.
 */
export async function recordWithdrawalReason(
  actor: Actor | null,
  input: { purposeKey: string; reason: WithdrawalReasonCode; token: string },
  now = new Date(),
): Promise<void> {
  assertCustomer(actor, "withdrawal_reasons.write");
  if (!(reasonCodes as readonly string[]).includes(input.reason)) {
    throw new AppError("invalid", { fieldErrors: { reason: "chooseReason" } });
  }
  const ticket = await readWithdrawalReasonToken(input.token, now);
  if (!ticket || ticket.purposeKey !== input.purposeKey) throw new AppError("invalid", { messageKey: "invalidToken" });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const spent = await tx
      .insert(consumedTokens)
      .values({ tokenHash: createHash("sha256").update(ticket.nonce).digest("hex"), expiresAt: ticket.expiresAt })
      .onConflictDoNothing()
      .returning({ tokenHash: consumedTokens.tokenHash });
    if (spent.length === 0) throw new AppError("conflict", { messageKey: "alreadyAnswered" });
    await tx
      .insert(withdrawalReasons)
      .values({ purposeKey: ticket.purposeKey, reason: input.reason, recordedOn: osloDate(now) });
  });
}
