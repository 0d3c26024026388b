import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

// Every customer-owned table carries customer_id, indexed and leading its
// composite indexes, so the store can later be sharded by customer.

export const customers = pgTable("customers", {
  id: text("id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** The number the company knows the customer by (on receipts, on the phone, in other systems). */
  customerNumber: bigint("customer_number", { mode: "number" })
    .notNull()
    .unique()
    .generatedAlwaysAsIdentity({ startWith: 100001 }),
  /** How other systems may name the customer through the API without the customer number (random, no meaning). */
  pseudonymousId: uuid("pseudonymous_id").notNull().unique().defaultRandom(),
  givenName: text("given_name").notNull(),
  familyName: text("family_name").notNull(),
  phone: text("phone"),
  birthDate: date("birth_date"),
  locale: text("locale", { enum: ["nb", "en"] })
    .notNull()
    .default("nb"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Customer = typeof customers.$inferSelect;

export const addresses = pgTable(
  "addresses",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    label: text("label", { enum: ["home", "work", "other"] }).notNull(),
    line1: text("line1").notNull(),
    line2: text("line2"),
    postcode: text("postcode").notNull(),
    city: text("city").notNull(),
    country: text("country").notNull().default("NO"),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("addresses_customer_id_idx").on(t.customerId)],
);

export const orders = pgTable(
  "orders",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    orderNumber: text("order_number").notNull(),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["placed", "shipped", "delivered", "returned", "cancelled"] }).notNull(),
    channel: text("channel", { enum: ["web", "app", "store"] }).notNull(),
    itemCount: integer("item_count").notNull(),
    // Money in øre (1/100 NOK) to avoid floating point.
    totalOre: integer("total_ore").notNull(),
    currency: text("currency").notNull().default("NOK"),
    // What personalised offers used on this order saved, in øre.
    offerSavingOre: integer("offer_saving_ore").notNull().default(0),
    // The order was placed with a saved address instead of typing one in.
    usedSavedAddress: boolean("used_saved_address").notNull().default(false),
  },
  (t) => [index("orders_customer_placed_idx").on(t.customerId, t.placedAt)],
);

export const devices = pgTable(
  "devices",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["phone", "tablet", "computer"] }).notNull(),
    name: text("name").notNull(),
    os: text("os").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("devices_customer_id_idx").on(t.customerId)],
);

export const interactionChannels = ["web", "app", "store", "support", "email"] as const;

export const interactionEvents = pgTable(
  "interaction_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: interactionChannels }).notNull(),
    kind: text("kind").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    detail: jsonb("detail").$type<Record<string, string | number | boolean>>(),
    /** For an event another system sent through the API: the purpose it was collected for … */
    purposeKey: text("purpose_key"),
    /** … and the API client that sent it. */
    apiClientId: text("api_client_id"),
  },
  // The id too, so that a page's order (time, id) comes from the index whatever the plan:
  // a prepared statement's generic plan, blind to a date filter's range, estimated one row
  // and sorted every event of the customer in the range instead of reading 25.
  (t) => [
    index("interaction_events_customer_time_idx").on(t.customerId, t.occurredAt, t.id),
    index("interaction_events_customer_channel_time_idx").on(t.customerId, t.channel, t.occurredAt, t.id),
  ],
);
