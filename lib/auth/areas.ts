import type { Role } from "@/db/schema";
import type { Actor } from "./actor";

// The portal's three signed-in audiences, each in its own route group. Which area a
// person may open follows from their role alone; every data function still checks the
// actor itself, so an area guard is a convenience and never the authorization.
export const areas = {
  account: { path: "/account", roles: ["customer"] },
  support: { path: "/support", roles: ["agent"] },
  studio: { path: "/studio", roles: ["product"] },
} as const satisfies Record<string, { path: string; roles: readonly Role[] }>;

export type Area = keyof typeof areas;

function roleOf(actor: Actor): Role | null {
  if (actor.kind === "customer") return "customer";
  if (actor.kind === "staff") return actor.role;
  return null;
}

/** The area a role lands in after signing in. */
export function homePathForRole(role: Role): string {
  for (const area of Object.values(areas)) {
    if ((area.roles as readonly Role[]).includes(role)) return area.path;
  }
  return "/";
}

/** Where this actor's own pages start; the front page for anyone without a home area. */
export function homePathFor(actor: Actor | null): string {
  const role = actor ? roleOf(actor) : null;
  return role ? homePathForRole(role) : "/";
}

export function mayEnterArea(actor: Actor | null, area: Area): boolean {
  const role = actor ? roleOf(actor) : null;
  return role !== null && (areas[area].roles as readonly Role[]).includes(role);
}

/** A path inside the role's own area (for a sign-in link's return address), else null. */
export function ownAreaPath(role: Role, path: string | undefined): string | null {
  if (!path || path.startsWith("//") || path.includes("\\")) return null;
  const home = homePathForRole(role);
  return path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}?`) ? path : null;
}
