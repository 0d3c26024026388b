import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { requestSignInLinkAction } from "@/app/signin/actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { currentActor } from "@/lib/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage() {
  if (await currentActor()) redirect("/account");
  const t = await getTranslations("signIn");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <ClientMessages namespaces={["signIn"]}>
        <SignInForm action={requestSignInLinkAction} />
      </ClientMessages>
    </div>
  );
}
