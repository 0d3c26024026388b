import { AppError } from "@/lib/errors";
import { apiScopes, staffRoles, type Actor, type CustomerActor, type StaffActor } from "./actor";

// Principal → allowed actions: customers, each staff role, and what an API client may be
// granted. One assertCan/assertCustomer/assertStaff per use case; anything not listed is refused.
const permissions = {
  customer: [
    "consent.read.own",
    "consent.write.own",
    "profile.read.own",
    "access.read.own",
    "sessions.read.own",
    "sessions.write.own",
    "profile.write.own",
    "data.read.own",
    "inferences.reject.own",
    // An anonymous answer: the customer gives it, but it is stored without them.
    "withdrawal_reasons.write",
    "preferences.read.own",
    "preferences.write.own",
    "requests.read.own",
    "requests.write.own",
    "data.export.own",
    "account.erase.own",
    // A one-time code the customer reads to an agent on the phone, proving it is them.
    "support_code.read.own",
    "support_code.write.own",
  ],
  // Every staff member opens their own home (workspace.read). Agents open a customer with a
  // logged reason (withStaffAccess) and reveal masked fields, and work data-subject
  // requests: file one for a customer (never act as the customer: no consent or preference
  // writes), work the queue (assign, move on with a note), extend a deadline (once, with a
  // reason), resolve one, and retry a background job that failed all its attempts.
  agent: [
    "workspace.read",
    "customers.view",
    "customers.reveal",
    "requests.file",
    "requests.work",
    "requests.extend",
    "requests.resolve",
    "jobs.retry",
  ],
  // The product team writes purposes (drafts), publishes and retires them, and reviews the
  // audit log (their own changes and the agents' browsing-guard events).
  product: [
    "workspace.read",
    "purposes.read",
    "purposes.write",
    "purposes.publish",
    "withdrawal_reasons.read",
    "audit.read",
    // Consent analytics: counts from the rollups, every group under 10 suppressed.
    "analytics.read",
    // API clients (create, rotate a token, revoke), their webhook subscriptions and deliveries.
    "integrations.manage",
  ],
  // The most an API client can hold; each client holds only the scopes it was given.
  api_client: apiScopes,
} as const satisfies Record<string, readonly string[]>;

export type Permission = (typeof permissions)[keyof typeof permissions][number];

/** What this principal may do, in the table's order; nothing for an unknown kind or role (fail closed). */
export function permissionsOf(actor: Actor | null): readonly Permission[] {
  if (!actor) return [];
  switch (actor.kind) {
    case "customer":
      return permissions.customer;
    case "staff":
      return (staffRoles as readonly string[]).includes(actor.role) ? permissions[actor.role] : [];
    case "api_client": {
      const granted: readonly string[] = Array.isArray(actor.scopes) ? actor.scopes : [];
      return permissions.api_client.filter((scope) => granted.includes(scope));
    }
    default:
      return [];
  }
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return permissionsOf(actor).includes(permission);
}

/** Throws `unauthenticated` without an actor and `forbidden` when the principal may not. */
export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("unauthenticated");
  if (!can(actor, permission)) throw new AppError("forbidden");
}

/** As assertCan, and the actor must be the customer themselves; returns them. */
export function assertCustomer(actor: Actor | null, permission: Permission): CustomerActor {
  assertCan(actor, permission);
  if (actor.kind !== "customer") throw new AppError("forbidden");
  return actor;
}

/** As assertCan, and the actor must be staff (agent or product); returns them. */
export function assertStaff(actor: Actor | null, permission: Permission): StaffActor {
  assertCan(actor, permission);
  if (actor.kind !== "staff") throw new AppError("forbidden");
  return actor;
}

/** The customer, when the actor is one who may; otherwise null (for pages that show nothing to others). */
export function customerMay(actor: Actor | null, permission: Permission): CustomerActor | null {
  return actor?.kind === "customer" && can(actor, permission) ? actor : null;
}
