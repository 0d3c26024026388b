import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { requestSignInLinkAction } from "@/app/signin/actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInError"))("title") };
}

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const t = await getTranslations("signInError");
  const expiredOrUsed = error === "Verification";
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold">{expiredOrUsed ? t("linkTitle") : t("title")}</h1>
      <p>{expiredOrUsed ? t("linkBody") : t("body")}</p>
      <h2 className="text-xl font-semibold">{t("newLink")}</h2>
      <ClientMessages namespaces={["signIn"]}>
        <SignInForm action={requestSignInLinkAction} submitLabel={t("sendNewLink")} />
      </ClientMessages>
    </div>
  );
}
