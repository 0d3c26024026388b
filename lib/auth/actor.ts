import type { Role } from "@/db/schema";

// The acting principal every data function takes first.
// `signedInAt`: when the session was created (a magic-link sign-in), for use cases that
// need a recent sign-in (export, erasure). Unknown (tests, scripts) counts as not recent.
export type CustomerActor = { kind: "customer"; userId: string; customerId: string; signedInAt?: Date };
export type StaffActor = { kind: "staff"; userId: string; role: Exclude<Role, "customer">; signedInAt?: Date };
export type Actor = CustomerActor | StaffActor;

export function actorForUser(user: { id: string; role: Role }, signedInAt?: Date): Actor {
  const when = signedInAt ? { signedInAt } : {};
  if (user.role === "customer") return { kind: "customer", userId: user.id, customerId: user.id, ...when };
  return { kind: "staff", userId: user.id, role: user.role, ...when };
}
