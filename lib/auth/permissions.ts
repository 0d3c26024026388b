import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";

// Role → allowed actions. One assertCan per use case; anything not listed is refused.
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
  ],
  // Agents work data-subject requests: extend a deadline (once, with a reason), resolve one.
  agent: ["workspace.read", "requests.extend", "requests.resolve"],
  product: ["workspace.read", "purposes.read", "purposes.publish", "withdrawal_reasons.read"],
} as const satisfies Record<string, readonly string[]>;

export type Permission = (typeof permissions)[keyof typeof permissions][number];

function roleOf(actor: Actor): keyof typeof permissions {
  return actor.kind === "customer" ? "customer" : actor.role;
}

/** Everything the actor's role may do, in the table's order (a staff home lists them). */
export function permissionsOf(actor: Actor | null): readonly Permission[] {
  return actor ? (permissions[roleOf(actor)] ?? []) : [];
}

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  const allowed: readonly string[] = permissions[roleOf(actor)] ?? [];
  return allowed.includes(permission);
}

/** Throws `unauthenticated` without an actor and `forbidden` when the role may not. */
export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("unauthenticated");
  if (!can(actor, permission)) throw new AppError("forbidden");
}

export function assertCustomer(actor: Actor | null, permission: Permission) {
  assertCan(actor, permission);
  if (actor.kind !== "customer") throw new AppError("forbidden");
  return actor;
}
