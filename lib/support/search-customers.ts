import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { assertStaff } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { consumeRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import { invisibleCharactersKey, withoutInvisibleCharacters } from "@/lib/validation/text";
import { maskEmail, maskName, maskPhone } from "@/lib/access-log/mask";

/** One hit: masked identifiers only. Opening the customer (with a reason) is a separate, logged step. */
export type CustomerSearchHit = {
  customerId: string;
  /** Shown in full: the customer reads it out to prove nothing, and it reaches nobody. */
  customerNumber: number;
  name: string;
  email: string;
  phone: string | null;
};

export const SEARCH_RESULT_LIMIT = 20;
const PHONE_DIGITS_MIN = 5;
/** Searches one agent may run in 15 minutes. */
export const searchLimit: RateLimit = { name: "support-search", limit: 120, windowSeconds: 15 * 60 };
/** How close a misspelt word must be (pg_trgm's default 0.6 misses "Kary" for "Kari"). */
const SIMILARITY = 0.4;

const searchInput = withoutInvisibleCharacters(z.string().trim().min(2).max(100));

/**
 * Finds customers by name, email, phone or customer number, tolerating partial input and typos (pg_trgm's
 * word similarity on the trigram indexes of migration 0005, nearest first; a phone number
 * matches on its digits). For support agents only. A search shows no more than masked identifiers,
 * so it is not a look at anyone's data and is not written to the access log; opening one
 * is (`withStaffAccess`).
 */
export async function searchCustomers(actor: Actor | null, query: string): Promise<CustomerSearchHit[]> {
  const staff = assertStaff(actor, "customers.view");
  const parsed = searchInput.safeParse(query);
  if (!parsed.success) {
    const invisible = parsed.error.issues.some((issue) => issue.message === invisibleCharactersKey);
    throw new AppError("invalid", { fieldErrors: { query: invisible ? invisibleCharactersKey : "searchQuery" } });
  }
  const q = parsed.data.toLowerCase();
  const digits = q.replace(/[^0-9]/g, "");
  const phoneLike = digits.length >= 3 && digits.length >= q.replace(/[\s+()-]/g, "").length;
  // A phone number is found by its end (at least the last five digits), never by a run in
  // the middle: a hit shows the last three, so middle runs would spell out the rest.
  if (phoneLike && digits.length < PHONE_DIGITS_MIN) {
    throw new AppError("invalid", { fieldErrors: { query: "phoneTooShort" } });
  }
  const db = await getDb();
  // Partial matches let one probe for what a mask hides, one search at a time: each agent
  // gets a generous but finite number of searches.
  if (!(await consumeRateLimit(db, searchLimit, staff.userId))) {
    throw new AppError("rate_limited", { fieldErrors: { query: "searchRateLimited" } });
  }
  const name = sql`lower(c.given_name || ' ' || c.family_name)`;
  const email = sql`lower(u.email)`;
  const phone = sql`regexp_replace(coalesce(c.phone, ''), '[^0-9]', '', 'g')`;
  const like = `%${q.replace(/[\\%_]/g, "\\$&")}%`;
  // All digits may also be a customer number: an exact match on its unique index comes first.
  const customerNumber = /^[0-9]{1,15}$/.test(q) ? Number(q) : null;
  const byNumber =
    customerNumber === null
      ? sql``
      : sql`(select c.id, -1::real as distance from customers c where c.customer_number = ${customerNumber}) union all `;
  // Each branch reads the nearest matches of one GiST index (ORDER BY distance LIMIT), so no
  // branch scores every customer called Kari; the branches' hits are merged, and those not
  // close enough dropped. An email has no spaces, a name no "@" or digits: a query that
  // cannot be one skips that index.
  const byName = sql`(select c.id, ${q} <<-> ${name} as distance from customers c
    order by ${q} <<-> ${name} limit ${SEARCH_RESULT_LIMIT})`;
  const byEmail = sql`(select u.id, ${q} <<-> ${email} as distance from users u
    where u.role = 'customer' order by ${q} <<-> ${email} limit ${SEARCH_RESULT_LIMIT})`;
  const couldBeName = !/[@0-9]/.test(q);
  const couldBeEmail = !/\s/.test(q);
  const branches = couldBeName || couldBeEmail ? [couldBeName && byName, couldBeEmail && byEmail] : [byName];
  const candidates = phoneLike
    ? sql`${byNumber}(select c.id, 0::real as distance from customers c where ${phone} like ${`%${digits}`} limit ${SEARCH_RESULT_LIMIT})`
    : sql.join(
        branches.filter((branch) => branch !== false),
        sql` union all `,
      );
  // One statement, no transaction: a hit is near enough when the query's best match in the
  // name or email is at least 40 % similar (pg_trgm word similarity; "Kary" finds "Kari"),
  // or the email holds the query as typed.
  const result = (await db.execute(sql`
    with candidates as (${candidates})
    select c.id, c.customer_number, c.given_name, c.family_name, u.email, c.phone, min(k.distance) as distance
    from candidates k join customers c on c.id = k.id join users u on u.id = c.id
    where u.role = 'customer' and (k.distance <= ${1 - SIMILARITY}::real or ${email} like ${like})
    group by c.id, c.customer_number, c.given_name, c.family_name, u.email, c.phone
    order by distance, c.family_name, c.given_name, c.id
    limit ${SEARCH_RESULT_LIMIT}`)) as unknown;
  // postgres.js returns the rows as an array; PGlite returns { rows }.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    id: string;
    customer_number: string | number;
    given_name: string;
    family_name: string;
    email: string;
    phone: string | null;
  }[];
  return rows.map((row) => ({
    customerId: row.id,
    customerNumber: Number(row.customer_number),
    name: maskName(row.given_name, row.family_name),
    email: maskEmail(row.email),
    phone: maskPhone(row.phone),
  }));
}
