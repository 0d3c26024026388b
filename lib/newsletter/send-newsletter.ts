import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { communicationPreferences, consentStates, customers, dataSubjectRequests, purposes, users } from "@/db/schema";
import type Mail from "nodemailer/lib/mailer";
import { systemScope } from "@/lib/auth/customer-scope";
import { evaluateConsent } from "@/lib/consent/effective-consent";
import { restrictedSinceColumn, restrictionInForceOn } from "@/lib/consent/restriction";
import { createUnsubscribeUrl } from "@/lib/consent/unsubscribe-url";
import { appUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { mailFrom, type MailSender } from "@/lib/mail/transport";
import { recordMessagesSent } from "@/lib/messages/record-messages-sent";
import { decideContact } from "@/lib/preferences/may-contact";

export type NewsletterSummary = {
  /** False when the purpose has no published version: nobody may be mailed. */
  published: boolean;
  sent: number;
  /** Consent not given, withdrawn or expired. */
  skippedNoConsent: number;
  /** Consent given, but email switched off for this topic in the communication preferences. */
  skippedEmailOff: number;
  failed: number;
};

export const NEWSLETTER_PURPOSE = "newsletter";
/** What the email service gets with each mail: the address, and the name it greets. */
export const NEWSLETTER_SHARES = ["identity", "contact"];

/**
 * Mails the newsletter to every customer whose consent allows it (`evaluateConsent`,
 * the one rule) and who has not switched email off for the topic. A preference only
 * narrows: it never makes up for a missing consent. Customers are read in keyset
 * batches, so memory stays flat however many there are. Each mail carries a one-click
 * opt-out (RFC 8058) and is recorded in messages_sent, which the customer sees, with a
 * disclosure to the email service the purpose names as carrying its mail.
 */
export async function sendNewsletter(options: {
  transport: MailSender;
  db?: Executor;
  now?: Date;
  batchSize?: number;
}): Promise<NewsletterSummary> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 200;
  const summary: NewsletterSummary = { published: false, sent: 0, skippedNoConsent: 0, skippedEmailOff: 0, failed: 0 };
  const [purpose] = await db
    .select()
    .from(purposes)
    .where(and(eq(purposes.key, NEWSLETTER_PURPOSE), eq(purposes.status, "published")))
    .limit(1);
  if (!purpose) return summary;
  summary.published = true;
  // Channels of every version, for customers whose consent is to an older one.
  const channelsByVersion = new Map(
    (
      await db
        .select({ version: purposes.version, channels: purposes.channels })
        .from(purposes)
        .where(eq(purposes.key, NEWSLETTER_PURPOSE))
    ).map((v) => [v.version, v.channels]),
  );

  let after: string | null = null;
  for (;;) {
    const batch = await db
      .select({
        customerId: customers.id,
        givenName: customers.givenName,
        locale: customers.locale,
        email: users.email,
        stateVersion: consentStates.purposeVersion,
        stateGranted: consentStates.granted,
        stateExpiresAt: consentStates.expiresAt,
        stateLastEventId: consentStates.lastEventId,
        emailAllowed: communicationPreferences.allowed,
        restrictedSince: restrictedSinceColumn,
      })
      .from(customers)
      .innerJoin(users, eq(users.id, customers.id))
      .leftJoin(
        consentStates,
        and(eq(consentStates.customerId, customers.id), eq(consentStates.purposeKey, NEWSLETTER_PURPOSE)),
      )
      .leftJoin(
        communicationPreferences,
        and(
          eq(communicationPreferences.customerId, customers.id),
          eq(communicationPreferences.channel, "email"),
          eq(communicationPreferences.topic, NEWSLETTER_PURPOSE),
        ),
      )
      // At most one restriction in force per customer (a unique index).
      .leftJoin(dataSubjectRequests, restrictionInForceOn(customers.id))
      .where(after === null ? undefined : gt(customers.id, after))
      .orderBy(asc(customers.id))
      .limit(batchSize);

    for (const row of batch) {
      const state =
        row.stateLastEventId === null
          ? null
          : {
              purposeVersion: row.stateVersion!,
              granted: row.stateGranted!,
              expiresAt: row.stateExpiresAt,
              lastEventId: row.stateLastEventId,
            };
      // THE contact rule (lib/preferences/may-contact.ts): consent first, then the channels of
      // the version agreed to, then the customer's own channel choice.
      const consent = evaluateConsent(purpose, state, { restrictedSince: row.restrictedSince, now });
      const decision = decideContact({
        consent,
        agreedChannels: consent.consentVersion === null ? null : (channelsByVersion.get(consent.consentVersion) ?? []),
        channel: "email",
        preference: row.emailAllowed ?? undefined,
      });
      if (!decision.allowed) {
        if (decision.blockedBy === "preference") summary.skippedEmailOff++;
        else summary.skippedNoConsent++;
        continue;
      }
      try {
        // Recorded before the send and rolled back if it fails: every mail handed over shows on
        // the customer's page, as a message and as a disclosure to the email service that carries it.
        await db.transaction(async (tx) => {
          const mail = await composeNewsletter({ ...row, now });
          await recordMessagesSent(tx, [
            {
              scope: systemScope(row.customerId, "newsletter"),
              purpose,
              channel: "email",
              subject: mail.subject,
              sentAt: now,
              dataCategories: NEWSLETTER_SHARES,
              reference: mail.subject,
            },
          ]);
          await options.transport.sendMail(mail.message);
        });
        summary.sent++;
      } catch (error) {
        summary.failed++;
        // The id only: never the address.
        console.error(
          `[tillit] newsletter to customer ${row.customerId} failed: ${error instanceof Error ? error.name : "unknown"}`,
        );
      }
    }
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1]!.customerId;
  }
  return summary;
}

async function composeNewsletter(to: {
  customerId: string;
  givenName: string;
  locale: Locale;
  email: string;
  now: Date;
}): Promise<{ subject: string; message: Mail.Options }> {
  const t = translatorFor(to.locale, "newsletterMail");
  const unsubscribeUrl = await createUnsubscribeUrl({
    customerId: to.customerId,
    purposeKey: NEWSLETTER_PURPOSE,
    now: to.now,
  });
  const portalUrl = `${appUrl()}/account/purposes`;
  const subject = t("subject");
  const paragraphs = [t("greeting", { name: to.givenName }), t("news"), t("why")];
  const message: Mail.Options = {
    from: mailFrom(),
    to: to.email,
    subject,
    // RFC 2369 + RFC 8058: mail clients show an unsubscribe button that POSTs here.
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    text: [
      ...paragraphs,
      `${t("unsubscribe")}\n${unsubscribeUrl}`,
      `${t("manage")}\n${portalUrl}`,
      t("signature"),
    ].join("\n\n"),
    html: [
      `<!doctype html><html lang="${to.locale}"><body>`,
      ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
      `<p><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t("unsubscribeLink"))}</a></p>`,
      `<p><a href="${escapeHtml(portalUrl)}">${escapeHtml(t("manageLink"))}</a></p>`,
      `<p>${escapeHtml(t("signature"))}</p>`,
      "</body></html>",
    ].join("\n"),
  };
  return { subject, message };
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
