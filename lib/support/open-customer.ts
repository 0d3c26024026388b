import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { customers, users } from "@/db/schema";
import { staffAccessReasonText } from "@/lib/access-log/access-reasons";
import { withStaffAccess } from "@/lib/access-log/with-staff-access";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { recordIdPattern } from "@/lib/validation/ids";
import { readCustomerView, type CustomerViewDto } from "./customer-view";
import { maskEmail, maskName, maskPhone } from "@/lib/access-log/mask";
import {
  openCustomerSchema,
  openWithSupportCodeSchema,
  parseOrRefuse,
  type OpenCustomerInput,
  type OpenWithSupportCodeInput,
} from "./open-customer-schema";
import { spendSupportCode } from "./support-codes";

/** What a search hit already shows, and the customer number: enough to know whom you are about to open. */
export type CustomerCardDto = {
  customerId: string;
  customerNumber: number;
  name: string;
  email: string;
  phone: string | null;
};

/**
 * The masked card above the open form. Shows no more than a search hit (so it is not a look
 * at the customer's data and is not logged); unknown, malformed and erased ids are the same
 * not-found.
 */
export async function getCustomerCard(actor: Actor | null, customerId: string): Promise<CustomerCardDto> {
  assertStaff(actor, "customers.view");
  if (!recordIdPattern.test(customerId)) throw new AppError("not_found");
  const db = await getDb();
  const [row] = await db
    .select({
      customerNumber: customers.customerNumber,
      givenName: customers.givenName,
      familyName: customers.familyName,
      email: users.email,
      phone: customers.phone,
    })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.id))
    .where(eq(customers.id, customerId))
    .limit(1);
  if (!row) throw new AppError("not_found");
  return {
    customerId,
    customerNumber: row.customerNumber,
    name: maskName(row.givenName, row.familyName),
    email: maskEmail(row.email),
    phone: maskPhone(row.phone),
  };
}

/** Distinct customers an agent may open in an hour before each further open needs a second confirmation. */
export function browsingLimitPerHour(): number {
  return env().TILLIT_BROWSING_LIMIT_PER_HOUR;
}

/**
 * An agent opens a customer with a stated reason: the access is written to the customer's
 * access log (withStaffAccess) in the same transaction as the read, and the view comes back
 * masked. Every call is one logged look; bad input writes nothing.
 */
export async function openCustomer(
  actor: Actor | null,
  input: OpenCustomerInput,
  locale: Locale,
): Promise<CustomerViewDto> {
  assertStaff(actor, "customers.view");
  const { customerId, justification, caseReference, reason, confirmedBeyondLimit } = parseOrRefuse(
    openCustomerSchema,
    input,
  );
  const db = await getDb();
  return db.transaction((tx) =>
    withStaffAccess(tx, actor, { customerId, justification, caseReference, reason, confirmedBeyondLimit }, (scope) =>
      readCustomerView(tx, scope, { locale, access: { justification, caseReference, reason, verified: false } }),
    ),
  );
}

/**
 * An agent opens a customer with the one-time code the customer read to them: the code is
 * spent and the access logged as customer-initiated and verified, in one transaction. A
 * wrong, expired, reused or malformed code is one answer (`wrongSupportCode`), with nothing
 * opened; tries are rate-limited per agent and per customer, and five wrong ones burn the code.
 */
export async function openCustomerWithSupportCode(
  actor: Actor | null,
  input: OpenWithSupportCodeInput,
  locale: Locale,
): Promise<CustomerViewDto> {
  const staff = assertStaff(actor, "customers.view");
  const { customerId, code, confirmedBeyondLimit } = parseOrRefuse(openWithSupportCodeSchema, input);
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, customerId))
      .limit(1);
    if (!customer) throw new AppError("not_found");
    const spent = await spendSupportCode(tx, { staffUserId: staff.userId, customerId, code });
    // Committed as they are: the tries count even though nothing is opened.
    if (spent === "wrong") return { kind: "wrong" } as const;
    if (spent === "rate_limited") return { kind: "rate_limited" } as const;
    const view = await withStaffAccess(
      tx,
      staff,
      { customerId, reasonCode: "support_code", confirmedBeyondLimit },
      (scope) =>
        readCustomerView(tx, scope, {
          locale,
          access: {
            justification: "customer_request",
            caseReference: null,
            reason: staffAccessReasonText.support_code,
            verified: true,
          },
        }),
    );
    return { kind: "opened", view } as const;
  });
  if (outcome.kind === "rate_limited") throw new AppError("rate_limited", { messageKey: "supportCodeRateLimited" });
  if (outcome.kind === "wrong") throw new AppError("invalid", { fieldErrors: { code: "wrongSupportCode" } });
  return outcome.view;
}
