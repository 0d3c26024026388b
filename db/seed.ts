import { count, sql } from "drizzle-orm";
import type { Db, Executor } from "./index";
import { demoPurposes } from "./demo-purposes";
import {
  addresses,
  consentEvents,
  consentStates,
  customers,
  devices,
  interactionChannels,
  interactionEvents,
  orders,
  purposes,
  users,
} from "./schema";

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

    await publishPurposes(tx, demoPurposes, new Date(now.getTime() - 400 * DAY));
    await tx.insert(users).values([
      { email: "agent@example.com", name: "Siri Hansen", role: "agent" },
      { email: "product@example.com", name: "Jonas Berg", role: "product" },
    ]);
    await createDemoCustomer(tx, now);
    return { seeded: true };
  });
}

async function createDemoCustomer(tx: Executor, now: Date) {
  const random = rng(20261129);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const [user] = await tx
    .insert(users)
    .values({ email: "kari@example.com", name: "Kari Nordmann", role: "customer", emailVerified: ago(420) })
    .returning({ id: users.id });
  const customerId = user!.id;
  await tx.insert(customers).values({
    id: customerId,
    givenName: "Kari",
    familyName: "Nordmann",
    phone: "+47 912 34 567",
    birthDate: "1986-04-12",
    locale: "nb",
    createdAt: ago(420),
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
  const history: { key: string; action: "granted" | "withdrawn"; daysAgo: number; channel: "web" | "app" | "store" }[] =
    [
      { key: "order_sms", action: "granted", daysAgo: 400, channel: "web" },
      { key: "newsletter", action: "granted", daysAgo: 400, channel: "web" },
      { key: "personalised_offers", action: "granted", daysAgo: 300, channel: "app" },
      { key: "product_analytics", action: "granted", daysAgo: 290, channel: "app" },
      { key: "product_analytics", action: "withdrawn", daysAgo: 60, channel: "web" },
      { key: "delivery_partner_sharing", action: "granted", daysAgo: 200, channel: "store" },
      { key: "delivery_partner_sharing", action: "withdrawn", daysAgo: 150, channel: "web" },
    ];
  for (const entry of history) {
    const purpose = demoPurposes.find((p) => p.key === entry.key)!;
    const [event] = await tx
      .insert(consentEvents)
      .values({
        customerId,
        purposeKey: entry.key,
        purposeVersion: purpose.version,
        action: entry.action,
        occurredAt: ago(entry.daysAgo),
        sourceChannel: entry.channel,
        userAgent: entry.channel === "app" ? "TillitShop/5.2 (iPhone; iOS 18.1)" : null,
        locale: "nb",
        shownText: purpose.texts.nb,
      })
      .returning({ id: consentEvents.id });
    const state = {
      purposeVersion: purpose.version,
      granted: entry.action === "granted",
      lastEventId: event!.id,
      updatedAt: ago(entry.daysAgo),
    };
    await tx
      .insert(consentStates)
      .values({ customerId, purposeKey: entry.key, ...state })
      .onConflictDoUpdate({ target: [consentStates.customerId, consentStates.purposeKey], set: state });
  }
}
