import "server-only";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import type { MailSender } from "./transport";

/**
 * Local demo mode (no EMAIL_SERVER): each message is written as an .eml file that any
 * mail program opens, instead of being sent. Files are named by time and number only.
 */
export function fileOutbox(dir: string): MailSender & { dir: string; written: () => number } {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  let count = 0;
  return {
    dir,
    written: () => count,
    async sendMail(message: Mail.Options) {
      const info = await composer.sendMail(message);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      count++;
      // Personal data: readable by the owner only.
      const file = path.join(dir, `${stamp}-${String(count).padStart(6, "0")}.eml`);
      writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      return info;
    },
  };
}
