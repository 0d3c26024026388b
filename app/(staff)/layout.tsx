import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentActor } from "@/lib/current-actor";

// Staff areas (support, studio). A customer gets the same 404 as any unknown page, so the
// response says nothing about what is here. A convenience only: every data function
// below checks the actor itself.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  if (actor.kind !== "staff") notFound();
  return children;
}
