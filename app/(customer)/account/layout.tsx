import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AccountNav } from "@/components/account/account-nav";
import { currentActor } from "@/lib/current-actor";

// A convenience redirect only: every data function below checks the actor itself.
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  if (actor.kind !== "customer") {
    const t = await getTranslations("account");
    return <p className="rounded-md bg-white p-4">{t("customersOnly")}</p>;
  }
  return (
    <>
      <AccountNav />
      {children}
    </>
  );
}
