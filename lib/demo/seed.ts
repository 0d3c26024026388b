import "server-only";
import { count, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "@/db";
import {
  addresses,
  customers,
  dataSubjectRequestEvents,
  dataSubjectRequests,
  devices,
  disclosures,
  inferences,
  loyaltyAccounts,
  loyaltyTransactions,
  signInEvents,
  staffAccessLog,
  supportTickets,
  interactionChannels,
  interactionEvents,
  orders,
  purposes,
  users,
} from "@/db/schema";
import { staffAccessReasonText } from "@/lib/access-log/access-reasons";
import { systemScope } from "@/lib/auth/customer-scope";
import { recordMessagesSent } from "@/lib/messages/record-messages-sent";
import { NEWSLETTER_SHARES } from "@/lib/newsletter/send-newsletter";
import { dueDateFor, extendedDueDateFor } from "@/lib/requests/due-date";
import { recordDemoConsents } from "./demo-consent";
import { osloIsoWeek } from "./iso-week";
import { createDemoPopulation } from "./demo-population";
import { demoPurposes, demoRetiredPurposes } from "./demo-purposes";

const SEED_LOCK_ID = 724_8002;
const DAY = 24 * 60 * 60 * 1000;

/** Deterministic pseudo-random numbers, so every fresh install shows the same demo. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function publishPurposes(db: Executor, list = demoPurposes, at = new Date()) {
  await db
    .insert(purposes)
    .values(list.map((p) => ({ ...p, status: "published" as const, publishedAt: at })))
    .onConflictDoNothing();
}

/** Seeds the demo company on an empty database; does nothing if purposes exist. */
export async function seedDemoData(db: Db, now = new Date()): Promise<{ seeded: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`);
    const [existing] = await tx.select({ n: count() }).from(purposes);
    if ((existing?.n ?? 0) > 0) return { seeded: false };

    // Version 1 of personalised offers was published first and replaced 20 days ago, so
    // Kari, who agreed to version 1, meets the re-consent prompt.
    await tx
      .insert(purposes)
      .values(
        demoRetiredPurposes.map((p) => ({
          ...p,
          status: "retired" as const,
          publishedAt: daysAgo(now, 800),
          retiredAt: daysAgo(now, 20),
        })),
      );
    const replaced = new Set(demoRetiredPurposes.map((p) => p.key));
    await publishPurposes(
      tx,
      demoPurposes.filter((p) => !replaced.has(p.key)),
      daysAgo(now, 800),
    );
    await publishPurposes(
      tx,
      demoPurposes.filter((p) => replaced.has(p.key)),
      daysAgo(now, 20),
    );
    await tx.insert(users).values([
      { email: "agent@example.com", name: "Siri Hansen", role: "agent" },
      { email: "product@example.com", name: "Jonas Berg", role: "product" },
    ]);
    const customerId = await createDemoCustomer(tx, now);
    await createDemoHistory(tx, customerId, now);
    await createDemoRequests(tx, customerId, now);
    await createSecondCustomer(tx, now);
    await createDemoPopulation(tx, now, rng(20261201));
    return { seeded: true };
  });
}

async function createDemoCustomer(tx: Executor, now: Date): Promise<string> {
  const random = rng(20261129);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const [user] = await tx
    .insert(users)
    .values({ email: "kari@example.com", name: "Kari Nordmann", role: "customer", emailVerified: ago(760) })
    .returning({ id: users.id });
  const customerId = user!.id;
  await tx.insert(customers).values({
    id: customerId,
    givenName: "Kari",
    familyName: "Nordmann",
    phone: "+47 912 34 567",
    birthDate: "1986-04-12",
    locale: "nb",
    createdAt: ago(760),
  });
  await tx.insert(addresses).values([
    {
      customerId,
      label: "home",
      line1: "Storgata 12B",
      postcode: "0184",
      city: "Oslo",
      isPrimary: true,
      createdAt: ago(420),
    },
    {
      customerId,
      label: "work",
      line1: "Dronning Eufemias gate 16",
      postcode: "0191",
      city: "Oslo",
      createdAt: ago(200),
    },
  ]);

  const orderRows = Array.from({ length: 18 }, (_, i) => {
    const daysAgo = Math.floor(360 - i * 20 - random() * 10);
    const status = daysAgo < 4 ? "shipped" : random() < 0.08 ? "returned" : "delivered";
    return {
      customerId,
      orderNumber: `TL-${(240100 + i * 37).toString()}`,
      placedAt: ago(Math.max(daysAgo, 1)),
      status: status as "shipped" | "returned" | "delivered",
      channel: (["web", "app", "store"] as const)[Math.floor(random() * 3)]!,
      itemCount: 1 + Math.floor(random() * 5),
      totalOre: Math.round((149 + random() * 2400) * 100),
      // Offers were personalised from 300 days ago; some of them were used.
      offerSavingOre: daysAgo < 300 && i % 3 === 0 ? (40 + i * 5) * 100 : 0,
      usedSavedAddress: i % 4 !== 3,
    };
  });
  await tx.insert(orders).values(orderRows);

  await tx.insert(devices).values([
    { customerId, kind: "phone", name: "iPhone 15", os: "iOS 18", firstSeenAt: ago(380), lastSeenAt: ago(1) },
    { customerId, kind: "computer", name: "MacBook Air", os: "macOS 15", firstSeenAt: ago(410), lastSeenAt: ago(3) },
    {
      customerId,
      kind: "tablet",
      name: "Samsung Galaxy Tab S9",
      os: "Android 15",
      firstSeenAt: ago(150),
      lastSeenAt: ago(12),
    },
  ]);

  const kinds: Record<(typeof interactionChannels)[number], string[]> = {
    web: ["page_view", "search", "add_to_cart", "wishlist_add"],
    app: ["app_open", "product_view", "scan_barcode", "push_opened"],
    store: ["store_visit", "loyalty_scan", "click_and_collect"],
    support: ["chat_started", "ticket_opened", "call"],
    email: ["newsletter_opened", "receipt_opened"],
  };
  const channelWeights = ["web", "web", "web", "app", "app", "app", "store", "store", "support", "email"] as const;
  const events = Array.from({ length: 160 }, () => {
    const channel = channelWeights[Math.floor(random() * channelWeights.length)]!;
    const options = kinds[channel];
    return {
      customerId,
      channel,
      kind: options[Math.floor(random() * options.length)]!,
      occurredAt: new Date(now.getTime() - Math.floor(random() * 365 * DAY)),
    };
  });
  await tx.insert(interactionEvents).values(events);

  // Consent history: what Kari chose, when, and from where. The state follows the last event.
  const history: {
    key: string;
    version?: number;
    action: "granted" | "withdrawn";
    daysAgo: number;
    channel: "web" | "app" | "store";
  }[] = [
    // Granted 710 days ago under a 24-month lifetime: up for renewal.
    { key: "order_sms", action: "granted", daysAgo: 710, channel: "web" },
    { key: "newsletter", action: "granted", daysAgo: 400, channel: "web" },
    // Agreed to version 1; version 2 is newer.
    { key: "personalised_offers", version: 1, action: "granted", daysAgo: 300, channel: "app" },
    { key: "product_analytics", action: "granted", daysAgo: 290, channel: "app" },
    { key: "product_analytics", action: "withdrawn", daysAgo: 60, channel: "web" },
    { key: "delivery_partner_sharing", action: "granted", daysAgo: 200, channel: "store" },
    { key: "delivery_partner_sharing", action: "withdrawn", daysAgo: 150, channel: "web" },
  ];
  await recordDemoConsents(
    tx,
    history.map((entry) => ({
      customerId,
      purpose: [...demoPurposes, ...demoRetiredPurposes].find(
        (p) => p.key === entry.key && (entry.version === undefined || p.version === entry.version),
      )!,
      action: entry.action,
      at: ago(entry.daysAgo),
      channel: entry.channel,
      locale: "nb",
    })),
  );
  return customerId;
}

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** Loyalty, tickets, messages, inferences, staff access and disclosures for Kari. */
async function createDemoHistory(tx: Executor, customerId: string, now: Date) {
  const ago = (days: number) => daysAgo(now, days);
  const kariOrders = await tx
    .select({
      orderNumber: orders.orderNumber,
      placedAt: orders.placedAt,
      totalOre: orders.totalOre,
      status: orders.status,
    })
    .from(orders)
    .where(eq(orders.customerId, customerId))
    .orderBy(orders.placedAt);

  const earned = kariOrders.map((o) => ({
    customerId,
    occurredAt: o.placedAt,
    points: Math.floor(o.totalOre / 1000),
    reason: "purchase" as const,
    orderNumber: o.orderNumber,
  }));
  // A returned order's points are taken back when the return is received, two weeks on.
  const reversed = earned
    .filter((t) => kariOrders.find((o) => o.orderNumber === t.orderNumber)?.status === "returned")
    .map((t) => ({
      ...t,
      occurredAt: new Date(Math.min(t.occurredAt.getTime() + 14 * DAY, now.getTime() - DAY)),
      points: -t.points,
      reason: "reversed" as const,
    }));
  const redeemed = [{ customerId, occurredAt: ago(45), points: -200, reason: "redeemed" as const, orderNumber: null }];
  const transactions = [...earned, ...reversed, ...redeemed];
  await tx.insert(loyaltyTransactions).values(transactions);
  await tx.insert(loyaltyAccounts).values({
    customerId,
    memberNumber: "7080 0012 3456",
    tier: "silver",
    pointsBalance: transactions.reduce((sum, t) => sum + t.points, 0),
    joinedAt: ago(420),
  });

  await tx.insert(supportTickets).values([
    {
      customerId,
      reference: "SUP-10482",
      subject: "Pakken er forsinket",
      channel: "chat",
      status: "closed",
      createdAt: ago(230),
      closedAt: ago(229),
    },
    {
      customerId,
      reference: "SUP-11903",
      subject: "Retur av joggesko",
      channel: "email",
      status: "closed",
      createdAt: ago(95),
      closedAt: ago(90),
    },
    {
      customerId,
      reference: "SUP-12577",
      subject: "Feil i adressen på faktura",
      channel: "phone",
      status: "open",
      createdAt: ago(6),
      closedAt: null,
    },
  ]);

  // What was sent under each consent while it was granted, recorded as the senders do: an SMS
  // goes through the gateway and a newsletter through the email service that the purpose names,
  // each a disclosure to it; receipts leave from the company's own mail server.
  const scope = systemScope(customerId, "demo seed");
  const purpose = (key: string) => {
    const p = demoPurposes.find((d) => d.key === key)!;
    return { key: p.key, recipients: p.recipients ?? [] };
  };
  const sms = kariOrders
    .filter((o) => o.placedAt > ago(365))
    .map((o) => ({
      scope,
      purpose: purpose("order_sms"),
      channel: "sms" as const,
      subject: `Ordre ${o.orderNumber} er sendt`,
      sentAt: new Date(o.placedAt.getTime() + DAY),
      dataCategories: ["contact", "orders"],
      reference: o.orderNumber,
    }));
  const newsletters = Array.from({ length: 26 }, (_, i) => {
    const sentAt = ago(7 + i * 14);
    const subject = `Nyhetsbrev uke ${osloIsoWeek(sentAt)}`;
    return {
      scope,
      purpose: purpose("newsletter"),
      channel: "email" as const,
      subject,
      sentAt,
      dataCategories: NEWSLETTER_SHARES,
      reference: subject,
    };
  });
  const receipts = kariOrders.map((o) => ({
    scope,
    purpose: purpose("order_processing"),
    channel: "email" as const,
    subject: `Kvittering for ordre ${o.orderNumber}`,
    sentAt: o.placedAt,
    dataCategories: ["identity", "contact", "orders"],
    reference: o.orderNumber,
  }));
  await recordMessagesSent(tx, [...sms, ...newsletters, ...receipts]);

  await tx.insert(inferences).values([
    {
      customerId,
      kind: "segment",
      label: { nb: "Aktiv løper", en: "Active runner" },
      derivedFrom: {
        nb: "7 kjøp av løpesko og treningstøy det siste året",
        en: "7 purchases of running shoes and sportswear in the last year",
      },
      sourceCategories: ["orders"],
      createdAt: ago(120),
    },
    {
      customerId,
      kind: "interest",
      label: { nb: "Friluftsliv", en: "Outdoor life" },
      derivedFrom: {
        nb: "Produktvisninger i kategorien tur og friluft i appen",
        en: "Product views in the hiking and outdoor category in the app",
      },
      sourceCategories: ["interactions"],
      createdAt: ago(80),
    },
    {
      customerId,
      kind: "segment",
      label: { nb: "Barnefamilie", en: "Family with children" },
      derivedFrom: {
        nb: "Kjøp av barneklær i størrelse 110–128",
        en: "Purchases of children's clothes in sizes 110–128",
      },
      sourceCategories: ["orders"],
      createdAt: ago(60),
    },
  ]);

  await tx.insert(staffAccessLog).values([
    {
      customerId,
      staffUserId: "staff-siri",
      staffRole: "agent",
      staffDisplayName: "Siri",
      action: "view",
      field: null,
      reason: "Kunden ringte om forsinket pakke",
      justification: "customer_request",
      caseReference: "SUP-10482",
      occurredAt: ago(230),
    },
    {
      customerId,
      staffUserId: "staff-siri",
      staffRole: "agent",
      staffDisplayName: "Siri",
      action: "reveal",
      field: "phone",
      reason: "Ringe kunden tilbake om forsinket pakke",
      justification: "customer_request",
      caseReference: "SUP-10482",
      occurredAt: ago(230),
    },
    {
      customerId,
      staffUserId: "staff-ahmed",
      staffRole: "agent",
      staffDisplayName: "Ahmed",
      action: "view",
      field: null,
      reason: "Behandle retur av joggesko",
      justification: "customer_request",
      caseReference: "SUP-11903",
      occurredAt: ago(93),
    },
    {
      customerId,
      staffUserId: "staff-ahmed",
      staffRole: "agent",
      staffDisplayName: "Ahmed",
      action: "reveal",
      field: "address",
      reason: "Bekrefte returadresse",
      justification: "customer_request",
      caseReference: "SUP-11903",
      occurredAt: ago(93),
    },
    {
      customerId,
      staffUserId: "staff-siri",
      staffRole: "agent",
      staffDisplayName: "Siri",
      action: "view",
      field: null,
      reason: "Feil i adressen på faktura (SUP-12577)",
      occurredAt: ago(5),
    },
  ]);

  // Every shipped order went to Bring (processor); while sharing was on, Bring also got phone and email.
  await tx.insert(disclosures).values(
    kariOrders.map((o) => {
      const sharing = o.placedAt > ago(200) && o.placedAt < ago(150);
      return {
        customerId,
        recipientName: "Posten Bring AS",
        recipientCountry: "NO",
        purposeKey: sharing ? "delivery_partner_sharing" : "order_processing",
        dataCategories: sharing ? ["contact", "addresses"] : ["identity", "addresses"],
        reference: o.orderNumber,
        disclosedAt: new Date(o.placedAt.getTime() + 2 * 60 * 60 * 1000),
      };
    }),
  );

  await tx.insert(signInEvents).values([
    {
      userId: customerId,
      occurredAt: ago(40),
      userAgent:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    },
    {
      userId: customerId,
      occurredAt: ago(21),
      userAgent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    },
    {
      userId: customerId,
      occurredAt: ago(3),
      userAgent:
        "Mozilla/5.0 (Linux; Android 15; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    },
  ]);
}

/**
 * Kari's data-subject requests, written with the same fields and history rows as
 * `fileRequest`/`setRequestStatus` would: a correction answered three months ago, and one
 * received 40 days ago whose deadline an agent extended by a month (stored texts are in
 * Kari's language).
 */
async function createDemoRequests(tx: Executor, customerId: string, now: Date) {
  const ago = (days: number) => daysAgo(now, days);
  const answered = { receivedAt: ago(92), completedAt: ago(85) };
  const open = { receivedAt: ago(40), extendedAt: ago(10) };
  const extensionReason = "Vi sjekker ordren med lageret vårt og trenger litt mer tid før vi kan rette opplysningene.";
  const [done, pending] = await tx
    .insert(dataSubjectRequests)
    .values([
      {
        customerId,
        kind: "rectification",
        status: "completed",
        receivedAt: answered.receivedAt,
        dueOn: dueDateFor(answered.receivedAt),
        reason: "Ordren fra september står som levert, men pakken kom aldri fram.",
        details: { category: "orders" },
        completedAt: answered.completedAt,
        updatedAt: answered.completedAt,
      },
      {
        customerId,
        kind: "rectification",
        status: "in_progress",
        receivedAt: open.receivedAt,
        dueOn: dueDateFor(open.receivedAt),
        extendedDueOn: extendedDueDateFor(open.receivedAt, 1),
        extensionReason,
        reason: "Bonuspoengene for et kjøp i butikken i Bergen mangler.",
        details: { category: "loyalty" },
        updatedAt: open.extendedAt,
      },
    ])
    .returning({ id: dataSubjectRequests.id });
  await tx.insert(dataSubjectRequestEvents).values([
    { requestId: done!.id, customerId, status: "received", occurredAt: answered.receivedAt },
    { requestId: done!.id, customerId, status: "in_progress", occurredAt: ago(90) },
    {
      requestId: done!.id,
      customerId,
      status: "completed",
      occurredAt: answered.completedAt,
      note: "Vi har rettet leveringsstatusen og refundert ordren.",
    },
    { requestId: pending!.id, customerId, status: "received", occurredAt: open.receivedAt },
    { requestId: pending!.id, customerId, status: "in_progress", occurredAt: ago(38) },
    { requestId: pending!.id, customerId, status: "extended", occurredAt: open.extendedAt, note: extensionReason },
  ]);
  // Extending the deadline opened the request: a staff view the customer sees (lib/requests/staff-request-access.ts).
  await tx.insert(staffAccessLog).values({
    customerId,
    staffUserId: "staff-siri",
    staffRole: "agent",
    staffDisplayName: "Siri",
    action: "view",
    field: null,
    reason: staffAccessReasonText.data_subject_request,
    reasonCode: "data_subject_request",
    justification: "data_subject_request",
    occurredAt: open.extendedAt,
  });
}

/** A second, smaller customer, so that isolation between customers can be seen and tested. */
async function createSecondCustomer(tx: Executor, now: Date) {
  const ago = (days: number) => daysAgo(now, days);
  const [user] = await tx
    .insert(users)
    .values({ email: "ola@example.com", name: "Ola Nordmann", role: "customer", emailVerified: ago(90) })
    .returning({ id: users.id });
  const customerId = user!.id;
  await tx.insert(customers).values({
    id: customerId,
    givenName: "Ola",
    familyName: "Nordmann",
    phone: "+47 987 65 432",
    locale: "en",
    createdAt: ago(90),
  });
  await tx.insert(addresses).values({
    customerId,
    label: "home",
    line1: "Kongens gate 5",
    postcode: "7011",
    city: "Trondheim",
    isPrimary: true,
    createdAt: ago(90),
  });
  await tx.insert(orders).values({
    customerId,
    orderNumber: "TL-250001",
    placedAt: ago(30),
    status: "delivered",
    channel: "web",
    itemCount: 2,
    totalOre: 89_900,
  });
  await tx.insert(interactionEvents).values([
    { customerId, channel: "web", kind: "page_view", occurredAt: ago(31) },
    { customerId, channel: "web", kind: "add_to_cart", occurredAt: ago(30) },
  ]);
}
