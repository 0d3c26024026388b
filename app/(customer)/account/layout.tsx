import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AccountNav, accountContentId } from "@/components/account/account-nav";
import { ClientMessages } from "@/components/i18n/client-messages";
import { currentActor } from "@/lib/current-actor";

// A convenience only: every data function below checks the actor itself. Staff get the
// same 404 as any unknown page; their own areas are /support and /studio.
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  if (actor.kind !== "customer") notFound();
  return (
    <>
      <ClientMessages namespaces={["accountNav"]}>
        <AccountNav />
      </ClientMessages>
      {/* The skip link's target: focusable by it, not by Tab. */}
      <div id={accountContentId} tabIndex={-1} className="focus:outline-none">
        {children}
      </div>
    </>
  );
}
