import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import type { Actor, StaffActor } from "@/lib/auth/actor";
import { assertStaff, permissionsOf, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export type StaffHomeDto = {
  displayName: string;
  role: StaffActor["role"];
  /** What the role may do, other than opening this page. */
  permissions: Permission[];
};

/** The staff member's own landing page: who they are and what their role allows. No customer data. */
export async function getStaffHome(actor: Actor | null): Promise<StaffHomeDto> {
  const staff = assertStaff(actor, "workspace.read");
  const db = await getDb();
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, staff.userId)).limit(1);
  if (!user) throw new AppError("not_found");
  return {
    displayName: user.name ?? "",
    role: staff.role,
    permissions: permissionsOf(staff).filter((p) => p !== "workspace.read"),
  };
}
