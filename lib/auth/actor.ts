import { apiScopes, type ApiScope, type Role } from "@/db/schema";

// The acting principal every data function takes first.
// `signedInAt`: when the session was created (a magic-link sign-in), for use cases that
// need a recent sign-in (export, erasure). Unknown (tests, scripts) counts as not recent.
export type CustomerActor = { kind: "customer"; userId: string; customerId: string; signedInAt?: Date };

export const staffRoles = ["agent", "product"] as const satisfies readonly Exclude<Role, "customer">[];
export type StaffRole = (typeof staffRoles)[number];
export type StaffActor = { kind: "staff"; userId: string; role: StaffRole; signedInAt?: Date };

export { apiScopes, type ApiScope };
/** A downstream system calling /api/v1 with a bearer token (`api_clients`); its permissions are exactly its scopes. */
export type ApiClientActor = {
  kind: "api_client";
  clientId: string;
  name: string;
  scopes: readonly ApiScope[];
  /**
   * The SHA-256 of the bearer token it called with: a use case that proves the token in its
   * own statement (`apiClientInForce`) checks it there, in the snapshot of its reads.
   */
  tokenHash: string;
};

export type Actor = CustomerActor | StaffActor | ApiClientActor;

export function actorForUser(user: { id: string; role: Role }, signedInAt?: Date): CustomerActor | StaffActor {
  const when = signedInAt ? { signedInAt } : {};
  if (user.role === "customer") return { kind: "customer", userId: user.id, customerId: user.id, ...when };
  return { kind: "staff", userId: user.id, role: user.role, ...when };
}
