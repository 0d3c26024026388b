import "server-only";
import { readdirSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/db/config";
import { isLocalMailMode } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { removeFromOutbox } from "@/lib/mail/outbox";
import { mailFrom, mailTransport } from "@/lib/mail/transport";

/**
 * After an erasure committed: the address is only in memory now. With a mail server it
 * gets a short confirmation; in local mode the mails to it that this machine holds (the
 * in-memory sign-in outbox and `<data>/outbox/*.eml`) are deleted instead.
 */
export async function afterErasure(input: { email: string; locale: Locale }): Promise<void> {
  removeFromOutbox(input.email);
  removeOutboxFiles(path.join(dataDir(), "outbox"), input.email);
  if (isLocalMailMode()) return;
  const t = translatorFor(input.locale, "erasure");
  await mailTransport().sendMail({
    to: input.email,
    from: mailFrom(),
    subject: t("mail.subject"),
    text: `${t("mail.body")}\n\n${t("mail.kept")}\n`,
    headers: { "Auto-Submitted": "auto-generated" },
  });
}

/** Deletes the .eml files addressed to `email`; returns how many. */
export function removeOutboxFiles(dir: string, email: string): number {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".eml"));
  } catch {
    return 0;
  }
  const address = email.toLowerCase();
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    if (!recipientsOf(readFileSync(file, "utf8")).includes(address)) continue;
    unlinkSync(file);
    removed++;
  }
  return removed;
}

/** The addresses in the To/Cc/Bcc headers of a raw message (folded lines joined). */
function recipientsOf(raw: string): string[] {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const lines = head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/);
  return lines
    .filter((line) => /^(to|cc|bcc):/i.test(line))
    .flatMap((line) => line.toLowerCase().match(/[^\s<>,;:"]+@[^\s<>,;:"]+/g) ?? []);
}
