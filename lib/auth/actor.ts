import type { Role } from "@/db/schema";

// The acting principal every data function takes first.
export type CustomerActor = { kind: "customer"; userId: string; customerId: string };
export type StaffActor = { kind: "staff"; userId: string; role: Exclude<Role, "customer"> };
export type Actor = CustomerActor | StaffActor;

export function actorForUser(user: { id: string; role: Role }): Actor {
  if (user.role === "customer") return { kind: "customer", userId: user.id, customerId: user.id };
  return { kind: "staff", userId: user.id, role: user.role };
}
