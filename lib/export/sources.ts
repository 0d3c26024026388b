import "server-only";
import { and, asc, count, eq, getTableColumns, gt, sql, type SQL } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
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
import { keyset, type Cursor, type IdKind } from "@/lib/pagination/keyset";
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

type SourceInfo = Pick<ExportSource, "key" | "columns" | "inventoryCategories" | "dpv">;
type Columns = Record<string, PgColumn>;

/** Where a source reads: its table, the column holding the customer's id, and the columns read (all by default). */
type TableRead<T extends PgTable, S extends Columns> = { table: T; customerId: PgColumn; select?: S };

const sourceInfo = ({ key, columns, inventoryCategories, dpv }: SourceInfo): SourceInfo => ({
  key,
  columns,
  inventoryCategories,
  dpv,
});

const countOwn = (table: PgTable, owner: PgColumn) => countOf(table, (id) => eq(owner, id));

/** A customer's rows of a table in (time, id) order, read in batches. */
function keysetSource<T extends PgTable, S extends Columns = T["_"]["columns"]>(
  options: SourceInfo &
    TableRead<T, S> & {
      time: PgColumn;
      id: PgColumn;
      idKind: IdKind;
      toRecord: (row: SelectResultFields<S>) => ExportRecord;
    },
): ExportSource {
  type Row = SelectResultFields<S> & KeysetRow;
  const { table, customerId: owner, time, id, idKind } = options;
  const selection: Columns = options.select ?? getTableColumns(table);
  const fetch = (db: Executor, customerId: string, after: Cursor | null, limit: number) => {
    const k = ascending(time, id, idKind, after);
    return db
      .select({ ...selection, ...k.fields })
      .from(table as PgTable)
      .where(and(eq(owner, customerId), k.where))
      .orderBy(...k.orderBy)
      .limit(limit) as unknown as Promise<Row[]>;
  };
  return {
    ...sourceInfo(options),
    count: countOwn(table, owner),
    async *batches(db, customerId, batchSize) {
      const batches = keysetBatches<Row, Cursor>({
        fetch: (after, limit) => db.transaction((tx) => inIndexOrder(tx, () => fetch(tx, customerId, after, limit))),
        cursorOf: (row) => ({ at: row.cursorAt, id: row.cursorId }),
        batchSize,
      });
      for await (const rows of batches) yield rows.map(options.toRecord);
    },
  };
}

/**
 * A table with a handful of rows per customer (one profile, one row per purpose…): one query.
 * `fetch` and `count` replace the plain query where it is not simply the customer's rows (a join, a filter).
 */
function smallSource<T extends PgTable, S extends Columns = T["_"]["columns"], R = SelectResultFields<S>>(
  options: SourceInfo &
    TableRead<T, S> & {
      orderBy?: PgColumn[];
      fetch?: (db: Db, customerId: string) => Promise<R[]>;
      count?: ExportSource["count"];
      toRecord: (row: R) => ExportRecord;
    },
): ExportSource {
  const { table, customerId: owner, orderBy = [] } = options;
  const selection: Columns = options.select ?? getTableColumns(table);
  const fetch =
    options.fetch ??
    ((db: Db, customerId: string) =>
      db
        .select(selection)
        .from(table as PgTable)
        .where(eq(owner, customerId))
        .orderBy(...orderBy.map((column) => asc(column))) as unknown as Promise<R[]>);
  return {
    ...sourceInfo(options),
    count: options.count ?? countOwn(table, owner),
    async *batches(db, customerId) {
      const rows = await fetch(db, customerId);
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
    table: customers,
    customerId: customers.id,
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
  }),

  addresses: keysetSource({
    key: "addresses",
    columns: ["id", "label", "line1", "line2", "postcode", "city", "country", "isPrimary", "createdAt"],
    inventoryCategories: ["addresses"],
    dpv: ["dpv-pd:PhysicalAddress"],
    table: addresses,
    customerId: addresses.customerId,
    time: addresses.createdAt,
    id: addresses.id,
    idKind: "text",
    toRecord: (r) => ({
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
    table: orders,
    customerId: orders.customerId,
    time: orders.placedAt,
    id: orders.id,
    idKind: "text",
    toRecord: (r) => ({
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
  }),

  loyaltyAccount: smallSource({
    key: "loyaltyAccount",
    columns: ["memberNumber", "tier", "pointsBalance", "joinedAt"],
    inventoryCategories: ["loyalty"],
    dpv: ["dpv-pd:Identifier", "dpv-pd:Transactional"],
    table: loyaltyAccounts,
    customerId: loyaltyAccounts.customerId,
    toRecord: (r) => ({
      memberNumber: r.memberNumber,
      tier: r.tier,
      pointsBalance: r.pointsBalance,
      joinedAt: iso(r.joinedAt),
    }),
  }),

  loyaltyTransactions: keysetSource({
    key: "loyaltyTransactions",
    columns: ["id", "occurredAt", "points", "reason", "orderNumber"],
    inventoryCategories: ["loyalty"],
    dpv: ["dpv-pd:Transactional"],
    table: loyaltyTransactions,
    customerId: loyaltyTransactions.customerId,
    time: loyaltyTransactions.occurredAt,
    id: loyaltyTransactions.id,
    idKind: "number",
    toRecord: (r) => ({
      id: String(r.id),
      occurredAt: iso(r.occurredAt),
      points: r.points,
      reason: r.reason,
      orderNumber: r.orderNumber,
    }),
  }),

  devices: keysetSource({
    key: "devices",
    columns: ["id", "kind", "name", "os", "firstSeenAt", "lastSeenAt"],
    inventoryCategories: ["devices"],
    dpv: ["dpv-pd:DeviceBased", "dpv-pd:DeviceOperatingSystem"],
    table: devices,
    customerId: devices.customerId,
    time: devices.firstSeenAt,
    id: devices.id,
    idKind: "text",
    toRecord: (r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      os: r.os,
      firstSeenAt: iso(r.firstSeenAt),
      lastSeenAt: iso(r.lastSeenAt),
    }),
  }),

  interactionEvents: keysetSource({
    key: "interactionEvents",
    columns: ["id", "occurredAt", "channel", "kind", "detail"],
    inventoryCategories: ["interactions"],
    dpv: ["dpv-pd:BrowsingBehavior", "dpv-pd:ServiceConsumptionBehavior"],
    table: interactionEvents,
    customerId: interactionEvents.customerId,
    time: interactionEvents.occurredAt,
    id: interactionEvents.id,
    idKind: "number",
    select: {
      id: interactionEvents.id,
      occurredAt: interactionEvents.occurredAt,
      channel: interactionEvents.channel,
      kind: interactionEvents.kind,
      detail: interactionEvents.detail,
    },
    toRecord: (r) => ({
      id: String(r.id),
      occurredAt: iso(r.occurredAt),
      channel: r.channel,
      kind: r.kind,
      detail: r.detail ?? null,
    }),
  }),

  supportTickets: keysetSource({
    key: "supportTickets",
    columns: ["id", "reference", "subject", "channel", "status", "createdAt", "closedAt"],
    inventoryCategories: ["tickets"],
    dpv: ["dpv-pd:Communication"],
    table: supportTickets,
    customerId: supportTickets.customerId,
    time: supportTickets.createdAt,
    id: supportTickets.id,
    idKind: "text",
    toRecord: (r) => ({
      id: r.id,
      reference: r.reference,
      subject: r.subject,
      channel: r.channel,
      status: r.status,
      createdAt: iso(r.createdAt),
      closedAt: iso(r.closedAt),
    }),
  }),

  messagesSent: keysetSource({
    key: "messagesSent",
    columns: ["id", "sentAt", "channel", "purposeKey", "subject"],
    inventoryCategories: ["messages"],
    dpv: ["dpv-pd:Communication"],
    table: messagesSent,
    customerId: messagesSent.customerId,
    time: messagesSent.sentAt,
    id: messagesSent.id,
    idKind: "number",
    toRecord: (r) => ({
      id: String(r.id),
      sentAt: iso(r.sentAt),
      channel: r.channel,
      purposeKey: r.purposeKey,
      subject: r.subject,
    }),
  }),

  inferences: keysetSource({
    key: "inferences",
    columns: ["id", "kind", "label", "derivedFrom", "sourceCategories", "status", "createdAt", "rejectedAt"],
    inventoryCategories: ["inferences"],
    dpv: ["dpv-pd:IndividualProfile", "dpv-pd:Interest"],
    table: inferences,
    customerId: inferences.customerId,
    time: inferences.createdAt,
    id: inferences.id,
    idKind: "text",
    toRecord: (r) => ({
      id: r.id,
      kind: r.kind,
      label: { nb: r.label.nb, en: r.label.en },
      derivedFrom: { nb: r.derivedFrom.nb, en: r.derivedFrom.en },
      sourceCategories: r.sourceCategories,
      status: r.status,
      createdAt: iso(r.createdAt),
      rejectedAt: iso(r.rejectedAt),
    }),
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
    table: consentEvents,
    customerId: consentEvents.customerId,
    time: consentEvents.occurredAt,
    id: consentEvents.id,
    idKind: "number",
    toRecord: (r) => ({
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
  }),

  consentStates: smallSource({
    key: "consentStates",
    columns: ["purposeKey", "purposeVersion", "granted", "expiresAt", "lastEventId", "updatedAt"],
    inventoryCategories: [],
    dpv: ["dpv-pd:PrivacyPreference"],
    table: consentStates,
    customerId: consentStates.customerId,
    orderBy: [consentStates.purposeKey],
    toRecord: (r) => ({
      purposeKey: r.purposeKey,
      purposeVersion: r.purposeVersion,
      granted: r.granted,
      expiresAt: iso(r.expiresAt),
      lastEventId: String(r.lastEventId),
      updatedAt: iso(r.updatedAt),
    }),
  }),

  communicationPreferences: smallSource({
    key: "communicationPreferences",
    columns: ["channel", "topic", "allowed", "updatedAt"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Preference"],
    table: communicationPreferences,
    customerId: communicationPreferences.customerId,
    orderBy: [communicationPreferences.topic, communicationPreferences.channel],
    toRecord: (r) => ({ channel: r.channel, topic: r.topic, allowed: r.allowed, updatedAt: iso(r.updatedAt) }),
  }),

  // As the customer sees it on /account/access: the staff member's display name and role, never their account id.
  staffAccessLog: keysetSource({
    key: "staffAccessLog",
    columns: ["id", "occurredAt", "staffRole", "staffName", "action", "field", "reason"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
    table: staffAccessLog,
    customerId: staffAccessLog.customerId,
    time: staffAccessLog.occurredAt,
    id: staffAccessLog.id,
    idKind: "number",
    select: staffAccessColumns(staffAccessLog),
    toRecord: (r) => ({
      id: String(r.id),
      occurredAt: iso(r.occurredAt),
      staffRole: r.staffRole,
      staffName: r.staffName,
      action: r.action,
      field: r.field,
      reason: r.reason,
    }),
  }),

  disclosures: keysetSource({
    key: "disclosures",
    columns: ["id", "disclosedAt", "recipientName", "recipientCountry", "purposeKey", "dataCategories", "reference"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
    table: disclosures,
    customerId: disclosures.customerId,
    time: disclosures.disclosedAt,
    id: disclosures.id,
    idKind: "number",
    toRecord: (r) => ({
      id: String(r.id),
      disclosedAt: iso(r.disclosedAt),
      recipientName: r.recipientName,
      recipientCountry: r.recipientCountry,
      purposeKey: r.purposeKey,
      dataCategories: r.dataCategories,
      reference: r.reference,
    }),
  }),

  dataChanges: keysetSource({
    key: "dataChanges",
    columns: ["id", "occurredAt", "field", "action"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
    table: dataChanges,
    customerId: dataChanges.customerId,
    time: dataChanges.occurredAt,
    id: dataChanges.id,
    idKind: "number",
    toRecord: (r) => ({ id: String(r.id), occurredAt: iso(r.occurredAt), field: r.field, action: r.action }),
  }),

  // Live sessions as on /account/devices: an opaque id, never the token (the token is the credential).
  sessions: smallSource({
    key: "sessions",
    columns: ["id", "createdAt", "lastSeenAt", "expiresAt", "userAgent"],
    inventoryCategories: [],
    dpv: ["dpv-pd:AuthenticationHistory", "dpv-pd:UserAgent"],
    table: sessions,
    customerId: sessions.userId,
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
    table: signInEvents,
    customerId: signInEvents.userId,
    time: signInEvents.occurredAt,
    id: signInEvents.id,
    idKind: "text",
    toRecord: (r) => ({ id: r.id, occurredAt: iso(r.occurredAt), userAgent: r.userAgent }),
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
    table: dataSubjectRequests,
    customerId: dataSubjectRequests.customerId,
    time: dataSubjectRequests.receivedAt,
    id: dataSubjectRequests.id,
    idKind: "text",
    toRecord: (r) => ({
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
  }),

  dataSubjectRequestEvents: keysetSource({
    key: "dataSubjectRequestEvents",
    columns: ["id", "requestId", "occurredAt", "status", "note"],
    inventoryCategories: [],
    dpv: ["dpv-pd:Communication"],
    table: dataSubjectRequestEvents,
    customerId: dataSubjectRequestEvents.customerId,
    time: dataSubjectRequestEvents.occurredAt,
    id: dataSubjectRequestEvents.id,
    idKind: "number",
    toRecord: (r) => ({
      id: String(r.id),
      requestId: r.requestId,
      occurredAt: iso(r.occurredAt),
      status: r.status,
      note: r.note,
    }),
  }),
};
