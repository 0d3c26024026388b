import "server-only";
import { appUrl, isLocalMailMode } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { addToOutbox } from "./outbox";
import { mailFrom, mailTransport } from "./transport";

export async function sendSignInLink(options: { to: string; url: string; expires: Date; locale: Locale }) {
  const t = translatorFor(options.locale, "mail");
  const subject = t("signInSubject");
  if (isLocalMailMode()) {
    // Local demo mode only: there is no mail server, so the person at this machine
    // reads the link here or on /dev/outbox. With EMAIL_SERVER set this never runs.
    addToOutbox({ to: options.to, subject, url: options.url, expiresAt: options.expires });
    console.info(
      `[tillit] local mode: sign-in link (valid 10 minutes, open ${appUrl()}/dev/outbox to see all):\n  ${options.url}`,
    );
    return;
  }
  const minutes = Math.round((options.expires.getTime() - Date.now()) / 60_000);
  await mailTransport().sendMail({
    to: options.to,
    from: mailFrom(),
    subject,
    text: `${t("signInIntro")}\n\n${options.url}\n\n${t("signInValidity", { minutes })}\n${t("signInIgnore")}\n`,
    html: `<p>${t("signInIntro")}</p><p><a href="${escapeHtml(options.url)}">${t("signInButton")}</a></p><p>${t("signInValidity", { minutes })}</p><p>${t("signInIgnore")}</p>`,
    headers: { "Auto-Submitted": "auto-generated" },
  });
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
