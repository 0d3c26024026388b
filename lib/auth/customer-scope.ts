import "server-only";
import { Column, eq, is, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { CustomerActor } from "./actor";

// Which customer a query may touch. Every read or write of one customer's rows filters
// with customerScope(table, scope), and a scope is never a bare id: it is the customer
// themselves, a staff access already written to the access log (only withStaffAccess,
// lib/access-log/with-staff-access.ts, issues one), or a named system process.

declare const staffAccessBrand: unique symbol;
declare const systemBrand: unique symbol;

/** Issued only by withStaffAccess, after the access is in staff_access_log. */
export type StaffAccessScope = {
  readonly kind: "staff_access";
  readonly customerId: string;
  /** Masked fields whose reveal was logged with this access. */
  readonly revealed: readonly string[];
  readonly [staffAccessBrand]: true;
};

/** Code acting on one customer for the company, not for a signed-in person. */
export type SystemPrincipal =
  | "export"
  | "erasure job"
  | "consent expiry"
  | "unsubscribe link"
  | "newsletter"
  | "demo seed"
  // The product studio's preview computes a draft's benefit for the demo customer (never shown with who they are).
  | "studio preview"
  // Another system asking through /api/v1 (the read is in the customer's access log first).
  | "consent API";

export type SystemScope = {
  readonly kind: "system";
  readonly customerId: string;
  readonly principal: SystemPrincipal;
  readonly [systemBrand]: true;
};

export type CustomerScope = CustomerActor | StaffAccessScope | SystemScope;

/**
 * A background job or link handler acting on one customer, named so that every such
 * place can be found: `systemScope(customerId, "erasure job")`. Not for anything a
 * signed-in person asked for: those pass their actor.
 */
export function systemScope(customerId: string, principal: SystemPrincipal): SystemScope {
  return Object.freeze({ kind: "system", customerId, principal }) as SystemScope;
}

/** A customer-owned table (customer_id), or an Auth.js table keyed by the user (user_id = the customer's id). */
export type CustomerOwned = { customerId: AnyPgColumn } | { userId: AnyPgColumn };

/** `table.customer_id = <scope's customer>` (`user_id` for sessions, accounts, sign-ins). */
export function customerScope(table: CustomerOwned, scope: CustomerScope): SQL {
  // Read, not `in`-tested: a view's columns (customer_access_log) are there only when read.
  const column: unknown = (table as { customerId?: unknown }).customerId ?? (table as { userId?: unknown }).userId;
  if (!is(column, Column)) throw new Error("customerScope needs a table with customer_id or user_id");
  return eq(column, scopedCustomerId(scope));
}

/** The customer a scope stands for; anything that is not a scope (a cast string, a staff actor) is refused. */
export function scopedCustomerId(scope: CustomerScope): string {
  const candidate = scope as Partial<Record<"kind" | "customerId", unknown>> | null;
  const known = candidate?.kind === "customer" || candidate?.kind === "staff_access" || candidate?.kind === "system";
  if (typeof candidate !== "object" || !known || typeof candidate.customerId !== "string" || !candidate.customerId) {
    throw new Error("customerScope needs a customer scope");
  }
  return candidate.customerId;
}
