import "server-only";
import { and, asc, count, eq, gt, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db, Executor } from "@/db";
import {
  addresses,
  communicationPreferences,
  consentEvents,
  consentStates,
  customers,
  dataChanges,
  dataSubjectRequestEvents,
  dataSubjectRequests,
  devices,
  disclosures,
  inferences,
  interactionEvents,
  loyaltyAccounts,
  loyaltyTransactions,
  messagesSent,
  orders,
  sessions,
  signInEvents,
  staffAccessLog,
  supportTickets,
  users,
} from "@/db/schema";
import { staffAccessColumns } from "@/lib/access-log/staff-access-dto";
import type { CategoryKey } from "@/lib/data-inventory/categories";
import { keyset, type Cursor, type IdKind } from "@/lib/data-inventory/pagination";
import { publicSessionId } from "@/lib/sessions/session-id";
import type { DpvPersonalDataTerm } from "./dpv";
import { keysetBatches } from "./keyset-batches";
import { exportCategoryKeys, type ExportCategoryKey } from "./keys";

// What an export holds, one source per table the customer's data lives in: the columns
// written (never tokens, hashes, leases or roles), how to read them in keyset batches,
// and how to count them. data.json, the CSVs and the schema all follow this list.

export type ExportValue = string | number | boolean | null | ExportValue[] | { [key: string]: ExportValue };
export type ExportRecord = Record<string, ExportValue>;

export { exportCategoryKeys, type ExportCategoryKey };

export type ExportSource = {
  key: ExportCategoryKey;
  /** The record's fields, in order: the CSV header and the JSON Schema follow it. */
  columns: readonly string[];
  /** The portal's data categories (see the data overview) this table belongs to. */
  inventoryCategories: CategoryKey[];
  dpv: DpvPersonalDataTerm[];
  batches: (db: Db, customerId: string, batchSize: number) => AsyncIterable<ExportRecord[]>;
  count: (db: Executor, customerId: string) => Promise<number>;
};

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

type KeysetRow = { cursorAt: string; cursorId: string };

/** Ascending (time, id) keyset over a customer's rows, served by the (customer_id, time) index. */
function ascending(time: PgColumn, id: PgColumn, idKind: IdKind, after: Cursor | null) {
  const k = keyset({ time, id, idKind, query: { cursor: after, direction: "newer" } });
  return { where: k.where, orderBy: k.orderBy, fields: k.fields };
}

function countOf(table: PgTable, where: (customerId: string) => SQL) {
  return async (db: Executor, customerId: string) => {
    const [row] = await db.select({ n: count() }).from(table).where(where(customerId));
    return Number(row?.n ?? 0);
  };
}

/**
 * Each batch must walk the (customer_id, time) index in order and stop after `limit` rows.
 * Without fresh statistics (a bulk load, PGlite has no autovacuum) the planner may instead
 * fetch every later row and sort them, which makes an export quadratic. A short transaction
 * per batch (never held while the consumer reads) rules those plans out.
 */
async function inIndexOrder<T>(tx: Executor, read: () => Promise<T>): Promise<T> {
  await tx.execute(sql`set local enable_bitmapscan = off`);
  await tx.execute(sql`set local enable_sort = off`);
  return read();
}

function keysetSource<R extends KeysetRow>(options: {
  key: ExportCategoryKey;
  columns: readonly string[];
  inventoryCategories: CategoryKey[];
  dpv: DpvPersonalDataTerm[];
  fetch: (db: Executor, customerId: string, after: Cursor | null, limit: number) => Promise<R[]>;
  toRecord: (row: R) => ExportRecord;
  count: ExportSource["count"];
}): ExportSource {
  return {
    key: options.key,
    columns: options.columns,
    inventoryCategories: options.inventoryCategories,
    dpv: options.dpv,
    count: options.count,
    async *batches(db, customerId, batchSize) {
      const batches = keysetBatches<R, Cursor>({
        fetch: (after, limit) =>
          db.transaction((tx) => inIndexOrder(tx, () => options.fetch(tx, customerId, after, limit))),
        cursorOf: (row) => ({ at: row.cursorAt, id: row.cursorId }),
        batchSize,
      });
      for await (const rows of batches) yield rows.map(options.toRecord);
    },
  };
}

/** A table with a handful of rows per customer (one profile, one row per purpose…): one query. */
function smallSource<R>(options: {
  key: ExportCategoryKey;
  columns: readonly string[];
  inventoryCategories: CategoryKey[];
  dpv: DpvPersonalDataTerm[];
  fetch: (db: Db, customerId: string) => Promise<R[]>;
  toRecord: (row: R) => ExportRecord;
  count: ExportSource["count"];
}): ExportSource {
  return {
    key: options.key,
    columns: options.columns,
    inventoryCategories: options.inventoryCategories,
    dpv: options.dpv,
    count: options.count,
    async *batches(db, customerId) {
      const rows = await options.fetch(db, customerId);
      if (rows.length > 0) yield rows.map(options.toRecord);
    },
  };
}

const liveSession = (customerId: string) => and(eq(sessions.userId, customerId), gt(sessions.expires, new Date()))!;

export const exportSources: Record<ExportCategoryKey, ExportSource> = {
  profile: smallSource({
    key: "profile",
    columns: [
      "customerId",
      "givenName",
      "familyName",
      "email",
      "emailVerifiedAt",
      "phone",
      "birthDate",
      "locale",
      "createdAt",
      "updatedAt",
    ],
    inventoryCategories: ["identity", "contact"],
    dpv: [
      "dpv-pd:UID",
      "dpv-pd:Name",
      "dpv-pd:EmailAddress",
      "dpv-pd:TelephoneNumber",
      "dpv-pd:BirthDate",
      "dpv-pd:Language",
    ],
    fetch: (db, customerId) =>
      db
        .select({ customer: customers, email: users.email, emailVerified: users.emailVerified })
        .from(customers)
        .innerJoin(users, eq(users.id, customers.id))
        .where(eq(customers.id, customerId)),
    toRecord: ({ customer: c, email, emailVerified }) => ({
      customerId: c.id,
      givenName: c.givenName,
      familyName: c.familyName,
      email,
      emailVerifiedAt: iso(emailVerified),
      phone: c.phone,
      birthDate: c.birthDate,
      locale: c.locale,
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
    }),
    count: countOf(customers, (id) => eq(customers.id, id)),
  }),

  addresses: keysetSource({
    key: "addresses",
    columns: ["id", "label", "line1", "line2", "postcode", "city", "country", "isPrimary", "createdAt"],
    inventoryCategories: ["addresses"],
    dpv: ["dpv-pd:PhysicalAddress"],
    fetch: (db, customerId, after, limit) => {
      const t = addresses;
      const k = ascending(t.createdAt, t.id, "text", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: r.id,
      label: r.label,
      line1: r.line1,
      line2: r.line2,
      postcode: r.postcode,
      city: r.city,
      country: r.country,
      isPrimary: r.isPrimary,
      createdAt: iso(r.createdAt),
    }),
    count: countOf(addresses, (id) => eq(addresses.customerId, id)),
  }),

  orders: keysetSource({
    key: "orders",
    columns: [
      "id",
      "orderNumber",
      "placedAt",
      "status",
      "channel",
      "itemCount",
      "totalOre",
      "offerSavingOre",
      "currency",
      "usedSavedAddress",
    ],
    inventoryCategories: ["orders"],
    dpv: ["dpv-pd:Purchase", "dpv-pd:PurchasesAndSpendingHabit"],
    fetch: (db, customerId, after, limit) => {
      const t = orders;
      const k = ascending(t.placedAt, t.id, "text", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: r.id,
      orderNumber: r.orderNumber,
      placedAt: iso(r.placedAt),
      status: r.status,
      channel: r.channel,
      itemCount: r.itemCount,
      totalOre: r.totalOre,
      offerSavingOre: r.offerSavingOre,
      currency: r.currency,
      usedSavedAddress: r.usedSavedAddress,
    }),
    count: countOf(orders, (id) => eq(orders.customerId, id)),
  }),

  loyaltyAccount: smallSource({
    key: "loyaltyAccount",
    columns: ["memberNumber", "tier", "pointsBalance", "joinedAt"],
    inventoryCategories: ["loyalty"],
    dpv: ["dpv-pd:Identifier", "dpv-pd:Transactional"],
    fetch: (db, customerId) => db.select().from(loyaltyAccounts).where(eq(loyaltyAccounts.customerId, customerId)),
    toRecord: (r) => ({
      memberNumber: r.memberNumber,
      tier: r.tier,
      pointsBalance: r.pointsBalance,
      joinedAt: iso(r.joinedAt),
    }),
    count: countOf(loyaltyAccounts, (id) => eq(loyaltyAccounts.customerId, id)),
  }),

  loyaltyTransactions: keysetSource({
    key: "loyaltyTransactions",
    columns: ["id", "occurredAt", "points", "reason", "orderNumber"],
    inventoryCategories: ["loyalty"],
    dpv: ["dpv-pd:Transactional"],
    fetch: (db, customerId, after, limit) => {
      const t = loyaltyTransactions;
      const k = ascending(t.occurredAt, t.id, "number", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: String(r.id),
      occurredAt: iso(r.occurredAt),
      points: r.points,
      reason: r.reason,
      orderNumber: r.orderNumber,
    }),
    count: countOf(loyaltyTransactions, (id) => eq(loyaltyTransactions.customerId, id)),
  }),

  devices: keysetSource({
    key: "devices",
    columns: ["id", "kind", "name", "os", "firstSeenAt", "lastSeenAt"],
    inventoryCategories: ["devices"],
    dpv: ["dpv-pd:DeviceBased", "dpv-pd:DeviceOperatingSystem"],
    fetch: (db, customerId, after, limit) => {
      const t = devices;
      const k = ascending(t.firstSeenAt, t.id, "text", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      os: r.os,
      firstSeenAt: iso(r.firstSeenAt),
      lastSeenAt: iso(r.lastSeenAt),
    }),
    count: countOf(devices, (id) => eq(devices.customerId, id)),
  }),

  interactionEvents: keysetSource({
    key: "interactionEvents",
    columns: ["id", "occurredAt", "channel", "kind", "detail"],
    inventoryCategories: ["interactions"],
    dpv: ["dpv-pd:BrowsingBehavior", "dpv-pd:ServiceConsumptionBehavior"],
    fetch: (db, customerId, after, limit) => {
      const t = interactionEvents;
      const k = ascending(t.occurredAt, t.id, "number", after);
      return db
        .select({ id: t.id, occurredAt: t.occurredAt, channel: t.channel, kind: t.kind, detail: t.detail, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: (r) => ({
      id: String(r.id),
      occurredAt: iso(r.occurredAt),
      channel: r.channel,
      kind: r.kind,
      detail: r.detail ?? null,
    }),
    count: countOf(interactionEvents, (id) => eq(interactionEvents.customerId, id)),
  }),

  supportTickets: keysetSource({
    key: "supportTickets",
    columns: ["id", "reference", "subject", "channel", "status", "createdAt", "closedAt"],
    inventoryCategories: ["tickets"],
    dpv: ["dpv-pd:Communication"],
    fetch: (db, customerId, after, limit) => {
      const t = supportTickets;
      const k = ascending(t.createdAt, t.id, "text", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: r.id,
      reference: r.reference,
      subject: r.subject,
      channel: r.channel,
      status: r.status,
      createdAt: iso(r.createdAt),
      closedAt: iso(r.closedAt),
    }),
    count: countOf(supportTickets, (id) => eq(supportTickets.customerId, id)),
  }),

  messagesSent: keysetSource({
    key: "messagesSent",
    columns: ["id", "sentAt", "channel", "purposeKey", "subject"],
    inventoryCategories: ["messages"],
    dpv: ["dpv-pd:Communication"],
    fetch: (db, customerId, after, limit) => {
      const t = messagesSent;
      const k = ascending(t.sentAt, t.id, "number", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: String(r.id),
      sentAt: iso(r.sentAt),
      channel: r.channel,
      purposeKey: r.purposeKey,
      subject: r.subject,
    }),
    count: countOf(messagesSent, (id) => eq(messagesSent.customerId, id)),
  }),

  inferences: keysetSource({
    key: "inferences",
    columns: ["id", "kind", "label", "derivedFrom", "sourceCategories", "status", "createdAt", "rejectedAt"],
    inventoryCategories: ["inferences"],
    dpv: ["dpv-pd:IndividualProfile", "dpv-pd:Interest"],
    fetch: (db, customerId, after, limit) => {
      const t = inferences;
      const k = ascending(t.createdAt, t.id, "text", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: r.id,
      kind: r.kind,
      label: { nb: r.label.nb, en: r.label.en },
      derivedFrom: { nb: r.derivedFrom.nb, en: r.derivedFrom.en },
      sourceCategories: r.sourceCategories,
      status: r.status,
      createdAt: iso(r.createdAt),
      rejectedAt: iso(r.rejectedAt),
    }),
    count: countOf(inferences, (id) => eq(inferences.customerId, id)),
  }),

  consentEvents: keysetSource({
    key: "consentEvents",
    columns: [
      "id",
      "occurredAt",
      "purposeKey",
      "purposeVersion",
      "action",
      "method",
      "sourceChannel",
      "gpc",
      "locale",
      "userAgent",
      "shownText",
      "expiresAt",
    ],
    inventoryCategories: [],
    dpv: ["dpv-pd:PrivacyPreference", "dpv-pd:UserAgent"],
    fetch: (db, customerId, after, limit) => {
      const t = consentEvents;
      const k = ascending(t.occurredAt, t.id, "number", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: String(r.id),
      occurredAt: iso(r.occurredAt),
      purposeKey: r.purposeKey,
      purposeVersion: r.purposeVersion,
      action: r.action,
      method: r.method,
      sourceChannel: r.sourceChannel,
      gpc: r.gpc,
      locale: r.locale,
      userAgent: r.userAgent,
      shownText: Object.fromEntries(Object.entries(r.shownText).filter(([, v]) => typeof v === "string")),
      expiresAt: iso(r.expiresAt),
    }),
    count: countOf(consentEvents, (id) => eq(consentEvents.customerId, id)),
  }),

  consentStates: smallSource({
    key: "consentStates",
    columns: ["purposeKey", "purposeVersion", "granted", "expiresAt", "lastEventId", "updatedAt"],
    inventoryCategories: [],
    dpv: ["dpv-pd:PrivacyPreference"],
    fetch: (db, customerId) =>
      db
        .select()
        .from(consentStates)
        .where(eq(consentStates.customerId, customerId))
        .orderBy(asc(consentStates.purposeKey)),
    toRecord: (r) => ({
      purposeKey: r.purposeKey,
      purposeVersion: r.purposeVersion,
      granted: r.granted,
      expiresAt: iso(r.expiresAt),
      lastEventId: String(r.lastEventId),
      updatedAt: iso(r.updatedAt),
    }),
    count: countOf(consentStates, (id) => eq(consentStates.customerId, id)),
  }),

  communicationPreferences: smallSource({
    key: "communicationPreferences",
    columns: ["channel", "topic", "allowed", "updatedAt"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Preference"],
    fetch: (db, customerId) =>
      db
        .select()
        .from(communicationPreferences)
        .where(eq(communicationPreferences.customerId, customerId))
        .orderBy(asc(communicationPreferences.topic), asc(communicationPreferences.channel)),
    toRecord: (r) => ({ channel: r.channel, topic: r.topic, allowed: r.allowed, updatedAt: iso(r.updatedAt) }),
    count: countOf(communicationPreferences, (id) => eq(communicationPreferences.customerId, id)),
  }),

  // As the customer sees it on /account/access: the staff member's display name and role, never their account id.
  staffAccessLog: keysetSource({
    key: "staffAccessLog",
    columns: ["id", "occurredAt", "staffRole", "staffName", "action", "field", "reason"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
    fetch: (db, customerId, after, limit) => {
      const t = staffAccessLog;
      const k = ascending(t.occurredAt, t.id, "number", after);
      return db
        .select({ ...staffAccessColumns(t), ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: (r) => ({
      id: String(r.id),
      occurredAt: iso(r.occurredAt),
      staffRole: r.staffRole,
      staffName: r.staffName,
      action: r.action,
      field: r.field,
      reason: r.reason,
    }),
    count: countOf(staffAccessLog, (id) => eq(staffAccessLog.customerId, id)),
  }),

  disclosures: keysetSource({
    key: "disclosures",
    columns: ["id", "disclosedAt", "recipientName", "recipientCountry", "purposeKey", "dataCategories", "reference"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
    fetch: (db, customerId, after, limit) => {
      const t = disclosures;
      const k = ascending(t.disclosedAt, t.id, "number", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: String(r.id),
      disclosedAt: iso(r.disclosedAt),
      recipientName: r.recipientName,
      recipientCountry: r.recipientCountry,
      purposeKey: r.purposeKey,
      dataCategories: r.dataCategories,
      reference: r.reference,
    }),
    count: countOf(disclosures, (id) => eq(disclosures.customerId, id)),
  }),

  dataChanges: keysetSource({
    key: "dataChanges",
    columns: ["id", "occurredAt", "field", "action"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
    fetch: (db, customerId, after, limit) => {
      const t = dataChanges;
      const k = ascending(t.occurredAt, t.id, "number", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({ id: String(r.id), occurredAt: iso(r.occurredAt), field: r.field, action: r.action }),
    count: countOf(dataChanges, (id) => eq(dataChanges.customerId, id)),
  }),

  // Live sessions as on /account/devices: an opaque id, never the token (the token is the credential).
  sessions: smallSource({
    key: "sessions",
    columns: ["id", "createdAt", "lastSeenAt", "expiresAt", "userAgent"],
    inventoryCategories: [],
    dpv: ["dpv-pd:AuthenticationHistory", "dpv-pd:UserAgent"],
    fetch: (db, customerId) =>
      db
        .select({
          sessionToken: sessions.sessionToken,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expires: sessions.expires,
          userAgent: sessions.userAgent,
        })
        .from(sessions)
        .where(liveSession(customerId))
        .orderBy(asc(sessions.createdAt)),
    toRecord: (r) => ({
      id: publicSessionId(r.sessionToken),
      createdAt: iso(r.createdAt),
      lastSeenAt: iso(r.lastSeenAt),
      expiresAt: iso(r.expires),
      userAgent: r.userAgent,
    }),
    count: countOf(sessions, liveSession),
  }),

  signIns: keysetSource({
    key: "signIns",
    columns: ["id", "occurredAt", "userAgent"],
    inventoryCategories: [],
    dpv: ["dpv-pd:AuthenticationHistory", "dpv-pd:UserAgent"],
    fetch: (db, customerId, after, limit) => {
      const t = signInEvents;
      const k = ascending(t.occurredAt, t.id, "text", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.userId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({ id: r.id, occurredAt: iso(r.occurredAt), userAgent: r.userAgent }),
    count: countOf(signInEvents, (id) => eq(signInEvents.userId, id)),
  }),

  dataSubjectRequests: keysetSource({
    key: "dataSubjectRequests",
    columns: [
      "id",
      "kind",
      "status",
      "receivedAt",
      "dueOn",
      "extendedDueOn",
      "extensionReason",
      "reason",
      "details",
      "scheduledFor",
      "completedAt",
      "updatedAt",
    ],
    inventoryCategories: [],
    dpv: ["dpv-pd:Communication"],
    fetch: (db, customerId, after, limit) => {
      const t = dataSubjectRequests;
      const k = ascending(t.receivedAt, t.id, "text", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      receivedAt: iso(r.receivedAt),
      dueOn: r.dueOn,
      extendedDueOn: r.extendedDueOn,
      extensionReason: r.extensionReason,
      reason: r.reason,
      details: (r.details ?? {}) as ExportRecord,
      scheduledFor: iso(r.scheduledFor),
      completedAt: iso(r.completedAt),
      updatedAt: iso(r.updatedAt),
    }),
    count: countOf(dataSubjectRequests, (id) => eq(dataSubjectRequests.customerId, id)),
  }),

  dataSubjectRequestEvents: keysetSource({
    key: "dataSubjectRequestEvents",
    columns: ["id", "requestId", "occurredAt", "status", "note"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Communication"],
    fetch: (db, customerId, after, limit) => {
      const t = dataSubjectRequestEvents;
      const k = ascending(t.occurredAt, t.id, "number", after);
      return db
        .select({ row: t, ...k.fields })
        .from(t)
        .where(and(eq(t.customerId, customerId), k.where))
        .orderBy(...k.orderBy)
        .limit(limit);
    },
    toRecord: ({ row: r }) => ({
      id: String(r.id),
      requestId: r.requestId,
      occurredAt: iso(r.occurredAt),
      status: r.status,
      note: r.note,
    }),
    count: countOf(dataSubjectRequestEvents, (id) => eq(dataSubjectRequestEvents.customerId, id)),
  }),
};
