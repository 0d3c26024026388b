import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { users } from "@/db/schema";
import { appUrl, isLocalMailMode } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { addToOutbox } from "@/lib/mail/outbox";
import { mailFrom, mailTransport } from "@/lib/mail/transport";
import { EXPORT_VALID_DAYS } from "./export-policy";

/**
 * Tells the customer their export is ready: a link to /account/export, nothing else (no
 * personal data beyond the address it goes to, no attachment; the download needs a sign-in).
 * A mail that fails is logged by name and does not fail the export: the portal shows it too.
 */
export async function sendExportReadyNotice(db: Executor, input: { customerId: string; locale: Locale }) {
  try {
    const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, input.customerId)).limit(1);
    if (!user) return;
    const t = translatorFor(input.locale, "export");
    const url = `${appUrl()}/account/export`;
    const subject = t("mail.subject");
    if (isLocalMailMode()) {
      addToOutbox({
        to: user.email,
        subject,
        url,
        expiresAt: new Date(Date.now() + EXPORT_VALID_DAYS * 24 * 60 * 60 * 1000),
      });
      return;
    }
    const body = t("mail.body", { days: EXPORT_VALID_DAYS });
    await mailTransport().sendMail({
      to: user.email,
      from: mailFrom(),
      subject,
      text: `${body}\n\n${url}\n`,
      html: `<p>${body}</p><p><a href="${url}">${t("mail.button")}</a></p>`,
      headers: { "Auto-Submitted": "auto-generated" },
    });
  } catch (error) {
    console.error(`[tillit] export ready notice failed: ${error instanceof Error ? error.name : "unknown"}`);
  }
}
