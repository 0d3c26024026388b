import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpReceiver, type SmtpReceiver } from "@/e2e/support/smtp";
import { getDb } from "@/db";
import {
  communicationPreferences,
  consentStates,
  customers,
  disclosures,
  messagesSent,
  purposes,
  type CommunicationChannel,
} from "@/db/schema";
import { setConsent } from "@/lib/consent/set-consent";
import { withdrawByLink } from "@/lib/consent/withdraw-by-link";
import { fileOutbox } from "@/lib/mail/file-outbox";
import { givenCustomer, givenPublishedPurposes } from "@/lib/testing/factories";
import { POST as oneClickPost } from "@/app/api/unsubscribe/[token]/route";
import { sendNewsletter } from "./send-newsletter";

type Person = Awaited<ReturnType<typeof givenCustomer>>;

let smtp: SmtpReceiver;
let transport: Transporter;

async function choose(person: Person, purposeKey: string, granted: boolean) {
  await setConsent(person, {
    purposeKey,
    purposeVersion: 1,
    granted,
    source: { channel: "web", userAgent: null, locale: "nb" },
  });
}

async function prefer(person: Person, channel: CommunicationChannel, allowed: boolean) {
  await (
    await getDb()
  )
    .insert(communicationPreferences)
    .values({ customerId: person.customerId, channel, topic: "newsletter", allowed });
}

const mailsTo = (person: Person) => smtp.inbox.filter((m) => m.to.includes(person.email));
const tokenOf = (listUnsubscribe: string) =>
  /^<https?:\/\/[^>]+\/unsubscribe\/([A-Za-z0-9_.-]+)>$/.exec(listUnsubscribe)![1]!;

async function newsletterState(person: Person) {
  const [state] = await (
    await getDb()
  )
    .select()
    .from(consentStates)
    .where(and(eq(consentStates.customerId, person.customerId), eq(consentStates.purposeKey, "newsletter")));
  return state ?? null;
}

let people: Record<
  | "kari"
  | "emma"
  | "withdrawn"
  | "neverAsked"
  | "emailOff"
  | "withdrawnButEmailOn"
  | "emailOn"
  | "smsOff"
  | "expired"
  | "analyticsOnly",
  Person
>;

beforeAll(async () => {
  await givenPublishedPurposes();
  smtp = await startSmtpReceiver();
  transport = nodemailer.createTransport(smtp.url);
  const names = [
    "kari",
    "emma",
    "withdrawn",
    "neverAsked",
    "emailOff",
    "withdrawnButEmailOn",
    "emailOn",
    "smsOff",
    "expired",
    "analyticsOnly",
  ] as const;
  people = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await givenCustomer(n.toLowerCase())] as const)),
  ) as typeof people;
  const db = await getDb();
  await db.update(customers).set({ locale: "en" }).where(eq(customers.id, people.emma.customerId));
  for (const p of [people.kari, people.emma, people.emailOff, people.emailOn, people.smsOff, people.expired]) {
    await choose(p, "newsletter", true);
  }
  for (const p of [people.withdrawn, people.withdrawnButEmailOn]) {
    await choose(p, "newsletter", true);
    await choose(p, "newsletter", false);
  }
  await choose(people.analyticsOnly, "product_analytics", true);
  await prefer(people.emailOff, "email", false);
  await prefer(people.withdrawnButEmailOn, "email", true);
  await prefer(people.emailOn, "email", true);
  await prefer(people.smsOff, "sms", false);
  // A grant whose lifetime ran out before the hourly sweep wrote "expired".
  await db
    .update(consentStates)
    .set({ expiresAt: new Date(Date.now() - 60_000) })
    .where(and(eq(consentStates.customerId, people.expired.customerId), eq(consentStates.purposeKey, "newsletter")));
});

afterAll(async () => {
  transport?.close();
  await smtp?.close();
});

describe("sendNewsletter", () => {
  it("mails exactly the customers whose consent allows it and who kept email on, in batches", async () => {
    const summary = await sendNewsletter({ transport, batchSize: 3 });
    expect(summary).toEqual({ published: true, sent: 4, skippedNoConsent: 5, skippedEmailOff: 1, failed: 0 });

    for (const p of [people.kari, people.emma, people.emailOn, people.smsOff]) expect(mailsTo(p)).toHaveLength(1);
    for (const p of [
      people.withdrawn,
      people.neverAsked,
      people.emailOff,
      people.withdrawnButEmailOn,
      people.expired,
      people.analyticsOnly,
    ]) {
      expect(mailsTo(p)).toHaveLength(0);
    }
    expect(smtp.inbox).toHaveLength(4);

    const [kari] = mailsTo(people.kari);
    expect(kari!.subject).toBe("Nytt fra Tillit");
    expect(kari!.text).toContain("Hei, kari!");
    expect(kari!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const header = kari!.headers["list-unsubscribe"]!;
    expect(header).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/[A-Za-z0-9_.-]+>$/);
    const url = header.slice(1, -1);
    // The same link in the body (text and HTML), and the portal for everything else.
    expect(kari!.text).toContain(url);
    expect(kari!.html).toContain(`href="${url}"`);
    expect(kari!.text).toContain("http://localhost:3000/account/purposes");
    // Opaque: the customer's id is not in the link.
    expect(url).not.toContain(people.kari.customerId);

    const [emma] = mailsTo(people.emma);
    expect(emma!.subject).toBe("News from Tillit");
    expect(emma!.text).toContain("Unsubscribe with one click");

    const sent = await (await getDb()).select().from(messagesSent).orderBy(messagesSent.customerId);
    expect(sent.map((m) => m.customerId).sort()).toEqual(
      [people.kari, people.emma, people.emailOn, people.smsOff].map((p) => p.customerId).sort(),
    );
    expect(sent.every((m) => m.channel === "email" && m.purposeKey === "newsletter")).toBe(true);
    expect(sent.find((m) => m.customerId === people.emma.customerId)!.subject).toBe("News from Tillit");

    // Each mail went through the email service the purpose names: one disclosure per mail, at the send.
    const shared = await (await getDb()).select().from(disclosures);
    expect(shared).toHaveLength(sent.length);
    for (const message of sent) {
      expect(shared.filter((d) => d.customerId === message.customerId)).toEqual([
        {
          id: expect.any(Number),
          customerId: message.customerId,
          recipientName: "Mailchimp (Intuit Inc.)",
          recipientCountry: "US",
          purposeKey: "newsletter",
          dataCategories: ["identity", "contact"],
          reference: message.subject,
          disclosedAt: message.sentAt,
        },
      ]);
    }
  });

  it("the List-Unsubscribe link withdraws exactly that customer's newsletter consent, and a tampered one nothing", async () => {
    const header = mailsTo(people.kari)[0]!.headers["list-unsubscribe"]!;
    const token = tokenOf(header);
    const emmaBefore = await newsletterState(people.emma);

    // Tampered towards someone else: refused before anything is looked up.
    const middle = Math.floor(token.length / 2);
    const tampered = token.slice(0, middle) + (token[middle] === "Q" ? "R" : "Q") + token.slice(middle + 1);
    expect(await withdrawByLink(tampered, { userAgent: null })).toEqual({ outcome: "invalid" });
    expect(await newsletterState(people.kari)).toMatchObject({ granted: true });

    // What a mail provider does with the header.
    const response = await oneClickPost(
      new Request(header.slice(1, -1), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
      { params: Promise.resolve({ token }) },
    );
    expect(response.status).toBe(200);
    expect(await newsletterState(people.kari)).toMatchObject({ granted: false });
    expect(await newsletterState(people.emma)).toEqual(emmaBefore);

    // The next issue goes to everyone else who still wants it, and not to Kari.
    smtp.inbox.length = 0;
    const summary = await sendNewsletter({ transport, batchSize: 500 });
    expect(summary).toMatchObject({ sent: 3, skippedNoConsent: 6 });
    expect(mailsTo(people.kari)).toHaveLength(0);
    expect(mailsTo(people.emma)).toHaveLength(1);
  });

  it("in local demo mode writes .eml files, readable by their owner only", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "tillit-outbox-")), "outbox");
    const outbox = fileOutbox(dir);
    const summary = await sendNewsletter({ transport: outbox, batchSize: 2 });
    expect(outbox.written()).toBe(summary.sent);
    const files = readdirSync(dir);
    expect(files).toHaveLength(3);
    for (const file of files) {
      expect(file).toMatch(/^[\dTZ-]+-\d{6}\.eml$/);
      expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    }
    const eml = files.map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");
    expect(eml).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(eml).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:3000\/unsubscribe\/[A-Za-z0-9_.-]+>/);
    expect(eml).toContain(`To: ${people.emma.email}`);
    rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("sends nothing when the newsletter purpose is not published", async () => {
    const db = await getDb();
    await db.update(purposes).set({ status: "retired" }).where(eq(purposes.key, "newsletter"));
    smtp.inbox.length = 0;
    const before = await db.select().from(messagesSent);
    expect(await sendNewsletter({ transport })).toEqual({
      published: false,
      sent: 0,
      skippedNoConsent: 0,
      skippedEmailOff: 0,
      failed: 0,
    });
    expect(smtp.inbox).toHaveLength(0);
    expect(await db.select().from(messagesSent)).toEqual(before);
    await db.update(purposes).set({ status: "published" }).where(eq(purposes.key, "newsletter"));
  });

  it("counts a failed delivery and carries on with the others", async () => {
    let calls = 0;
    const flaky = {
      async sendMail(message: Parameters<Transporter["sendMail"]>[0]) {
        calls++;
        if (calls === 1) throw new Error("421 try again later");
        return transport.sendMail(message);
      },
    };
    const db = await getDb();
    const before = { sent: (await db.select().from(messagesSent)).length, shared: await db.$count(disclosures) };
    const summary = await sendNewsletter({ transport: flaky, batchSize: 2 });
    expect(summary).toMatchObject({ sent: 2, failed: 1 });
    // The mail that failed left no trace: neither a message nor a disclosure.
    expect((await db.select().from(messagesSent)).length).toBe(before.sent + 2);
    expect(await db.$count(disclosures)).toBe(before.shared + 2);
  });

  it("records no disclosure when the purpose names no outside service for email (sent in-house)", async () => {
    const db = await getDb();
    const [published] = await db
      .select()
      .from(purposes)
      .where(and(eq(purposes.key, "newsletter"), eq(purposes.status, "published")));
    await db
      .update(purposes)
      .set({ recipients: [] })
      .where(and(eq(purposes.key, "newsletter"), eq(purposes.version, published!.version)));
    try {
      const before = { sent: await db.$count(messagesSent), shared: await db.$count(disclosures) };
      const summary = await sendNewsletter({ transport });
      expect(summary.sent).toBeGreaterThan(0);
      expect(await db.$count(messagesSent)).toBe(before.sent + summary.sent);
      expect(await db.$count(disclosures)).toBe(before.shared);
    } finally {
      await db
        .update(purposes)
        .set({ recipients: published!.recipients })
        .where(and(eq(purposes.key, "newsletter"), eq(purposes.version, published!.version)));
    }
  });
});
