import "server-only";
import { after } from "next/server";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { pseudonymise } from "@/lib/security/hash";
import { consumeRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import { issueSignInLink } from "./issue-sign-in-link";
import type { SignInInput } from "./sign-in-schema";

const WINDOW_SECONDS = 15 * 60;
const perEmail = (): RateLimit => ({
  name: "signin-email",
  limit: env().TILLIT_SIGNIN_LIMIT_PER_EMAIL,
  windowSeconds: WINDOW_SECONDS,
});
const perClient = (): RateLimit => ({
  name: "signin-client",
  limit: env().TILLIT_SIGNIN_LIMIT_PER_CLIENT,
  windowSeconds: WINDOW_SECONDS,
});

/**
 * The sign-in form's use case. Every address, known or not, gets the same answer in
 * the same time: the lookup and the mail happen after the response. Throws
 * `rate_limited` only for the client's own limit; an address over its limit silently
 * gets no mail, so the answer never says anything about that address.
 */
export async function requestSignInLink(input: SignInInput & { clientAddress: string; locale: Locale }): Promise<void> {
  const db = await getDb();
  if (!(await consumeRateLimit(db, perClient(), pseudonymise("ip", input.clientAddress)))) {
    throw new AppError("rate_limited");
  }
  if (!(await consumeRateLimit(db, perEmail(), pseudonymise("email", input.email)))) return;
  after(() =>
    issueSignInLink({ email: input.email, locale: input.locale }).catch((error: unknown) =>
      console.error(`[tillit] sign-in link failed: ${error instanceof Error ? error.name : "unknown"}`),
    ),
  );
}
