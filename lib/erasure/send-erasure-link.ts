import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/auth/permissions";
import { sendFreshSignInLink } from "@/lib/auth/recent-sign-in";
import type { Locale } from "@/lib/i18n/locales";

/** Mails a fresh sign-in link that lands back on the deletion page (re-authentication). */
export async function sendErasureConfirmationLink(actor: Actor | null, locale: Locale): Promise<void> {
  const customer = assertCustomer(actor, "account.erase.own");
  await sendFreshSignInLink(customer, { returnTo: "/account/delete", locale });
}
