import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { env } from "@/lib/env";

/** What a sender needs of a transport: nodemailer's SMTP transport, or the file outbox. */
export type MailSender = { sendMail(message: Mail.Options): Promise<unknown> };

const store = globalThis as unknown as { __tillitMailer?: { url: string; transport: Transporter } };

export function mailTransport(): Transporter {
  const url = env().EMAIL_SERVER;
  if (!url) throw new Error("EMAIL_SERVER is not set");
  if (store.__tillitMailer?.url !== url) store.__tillitMailer = { url, transport: nodemailer.createTransport(url) };
  return store.__tillitMailer.transport;
}

export function mailFrom(): string {
  return env().EMAIL_FROM ?? "Tillit <no-reply@tillit.local>";
}
