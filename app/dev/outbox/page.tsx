import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { isLocalMailMode } from "@/lib/env";
import { listOutbox } from "@/lib/mail/outbox";

export const metadata: Metadata = { robots: { index: false } };

// Exists only in local demo mode (no EMAIL_SERVER): with a mail server, links are never shown.
export default async function OutboxPage() {
  if (!isLocalMailMode()) notFound();
  const t = await getTranslations("outbox");
  const format = await getFormatter();
  const messages = listOutbox();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p>{t("intro")}</p>
      {messages.length === 0 ? (
        <>
          {/* Links are issued just after the sign-in form answers: look again shortly. */}
          <meta httpEquiv="refresh" content="2" />
          <p className="rounded-md bg-white p-4">{t("empty")}</p>
        </>
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => (
            <li key={m.id} className="rounded-md border border-slate-200 bg-white p-4">
              <p className="font-medium">{m.subject}</p>
              <p className="text-sm text-slate-700">
                {t("to", { to: m.to })} · {format.dateTime(m.sentAt, { dateStyle: "short", timeStyle: "medium" })}
              </p>
              <a href={m.url} className="mt-2 inline-block font-medium text-brand-900 underline">
                {t("open", { to: m.to })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
