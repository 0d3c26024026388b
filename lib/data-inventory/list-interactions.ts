import "server-only";
import { and, count, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { apiClients, interactionEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { customerScope, type CustomerScope } from "@/lib/auth/customer-scope";
import { assertCustomer } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { keyset, type ListQuery, type Page } from "@/lib/pagination/keyset";
import { purposeTextsOf } from "@/lib/purposes/purpose-texts-of";
import type { InteractionChannel, InteractionFilters } from "./list-params";

// The calendar the customer's dates are in (as the app's formatter uses).
const TIME_ZONE = "Europe/Oslo";
/** Beyond this many matches the page says "more than": counting 50,000 rows on every page view is waste. */
export const MATCH_COUNT_CAP = 1_000;

export type InteractionDto = {
  id: string;
  channel: InteractionChannel;
  kind: string;
  occurredAt: Date;
  /** The system that sent it through the API, by its name now; null when our own systems recorded it. */
  sentBy: string | null;
  /** The purpose it was sent for, by name (see purposeTextsOf); null for our own records. */
  purpose: string | null;
};
export type InteractionPage = Page<InteractionDto> & { matches: { count: number; capped: boolean } };

function filterClause(scope: CustomerScope, filters: InteractionFilters): SQL {
  const t = interactionEvents.occurredAt;
  return and(
    customerScope(interactionEvents, scope),
    filters.channel ? eq(interactionEvents.channel, filters.channel) : undefined,
    filters.from ? sql`${t} >= (${filters.from}::date)::timestamp at time zone ${TIME_ZONE}` : undefined,
    filters.to ? sql`${t} < ((${filters.to}::date + 1)::timestamp at time zone ${TIME_ZONE})` : undefined,
  )!;
}

/**
 * The signed-in customer's interaction events, newest first, 25 a page, optionally by
 * channel and date range. Served by the (customer_id, occurred_at, id) and (customer_id,
 * channel, occurred_at, id) indexes, in the page's order; the match count stops at MATCH_COUNT_CAP.
 */
export async function listInteractions(
  actor: Actor | null,
  options: { filters: InteractionFilters; query: ListQuery; locale: Locale },
): Promise<InteractionPage> {
  const customer = assertCustomer(actor, "data.read.own");
  const db = await getDb();
  const where = filterClause(customer, options.filters);
  const k = keyset({
    time: interactionEvents.occurredAt,
    id: interactionEvents.id,
    idKind: "number",
    query: options.query,
  });
  const capped = db
    .select({ one: sql`1` })
    .from(interactionEvents)
    .where(where)
    .limit(MATCH_COUNT_CAP + 1)
    .as("capped");
  const [rows, [matched]] = await Promise.all([
    db
      .select({
        id: interactionEvents.id,
        channel: interactionEvents.channel,
        kind: interactionEvents.kind,
        occurredAt: interactionEvents.occurredAt,
        purposeKey: interactionEvents.purposeKey,
        texts: purposeTextsOf(interactionEvents.purposeKey),
        sentBy: apiClients.name,
        ...k.fields,
      })
      .from(interactionEvents)
      .leftJoin(apiClients, eq(apiClients.id, interactionEvents.apiClientId))
      .where(and(where, k.where))
      .orderBy(...k.orderBy)
      .limit(k.limit),
    db.select({ n: count() }).from(capped),
  ]);
  const n = Number(matched?.n ?? 0);
  return {
    ...k.page(rows, (r) => ({
      id: String(r.id),
      channel: r.channel,
      kind: r.kind,
      occurredAt: r.occurredAt,
      sentBy: r.sentBy,
      purpose: r.texts ? (r.texts[options.locale] ?? r.texts.en).name : r.purposeKey,
    })),
    matches: { count: Math.min(n, MATCH_COUNT_CAP), capped: n > MATCH_COUNT_CAP },
  };
}
