import type { Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CapturedMail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: Date;
  /** Raw header values by lowercased name (the first of each). */
  headers: Record<string, string>;
};

/** A real SMTP receiver on loopback that keeps every message it is sent. */
export async function startSmtpReceiver() {
  const inbox: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            date: new Date(),
            headers: Object.fromEntries(
              [...mail.headerLines].reverse().map(({ key, line }) => [
                key,
                line
                  .slice(line.indexOf(":") + 1)
                  .replace(/\r?\n[ \t]+/g, " ")
                  .trim(),
              ]),
            ),
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    /** Resolves with the first message to `address` received after `since`. */
    async waitFor(address: string, since: Date, timeoutMs = 15_000): Promise<CapturedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = inbox.find((m) => m.to.includes(address.toLowerCase()) && m.date >= since);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 250);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpReceiver = Awaited<ReturnType<typeof startSmtpReceiver>>;

export function signInLinkFrom(mail: CapturedMail): string {
  const match = mail.text.match(/https?:\/\/\S+\/signin\/continue\?\S+/);
  if (!match) throw new Error("no sign-in link in the mail");
  return match[0];
}

/**
 * Opens a mailed sign-in link as a person does: the link shows a "Continue" page (opening
 * it spends nothing, since mail scanners open every link), and the press signs in.
 */
export async function openSignInLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.locator('form[action="/api/auth/callback/email"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== "/signin/continue");
}
