import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { pseudonymise } from "@/lib/security/hash";
import { consumeRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import { signIn } from "./auth";
import type { SignInInput } from "./sign-in-schema";

export const signInLimits = {
  perEmail: { name: "signin-email", limit: 5, windowSeconds: 15 * 60 },
  perClient: { name: "signin-client", limit: 20, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimit>;

/**
 * Sends a magic link to a known customer or staff member. An unknown address gets
 * the same outcome and no mail, so the form reveals nothing about who is a customer.
 * Throws `rate_limited` when the address or the client has asked too often.
 */
export async function requestSignInLink(input: SignInInput & { clientAddress: string }): Promise<void> {
  const db = await getDb();
  const withinEmail = await consumeRateLimit(db, signInLimits.perEmail, pseudonymise("email", input.email));
  const withinClient = await consumeRateLimit(db, signInLimits.perClient, pseudonymise("ip", input.clientAddress));
  if (!withinEmail || !withinClient) throw new AppError("rate_limited");

  const [known] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (!known) return;
  await signIn("email", { email: input.email, redirect: false, redirectTo: "/account" });
}
