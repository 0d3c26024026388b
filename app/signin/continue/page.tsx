import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ContinueSignInForm } from "@/components/auth/continue-sign-in-form";
import { signInLinkOwner } from "@/lib/auth/issue-sign-in-link";
import { readSignInQuery, SIGN_IN_CALLBACK_PATH } from "@/lib/auth/sign-in-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInContinue"))("title"), robots: { index: false } };
}

type Query = Record<string, string | string[] | undefined>;

// Where a mailed sign-in link lands. Mail gateways open every link in a mail (GET, HEAD),
// so opening this page reads and changes nothing: only the press of "Continue" posts the
// link to Auth.js's callback, which spends it.
export default async function ContinueSignInPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const link = readSignInQuery({ getAll: (name) => [query[name]].flat().filter((v) => v !== undefined) });
  const t = await getTranslations("signInContinue");
  if (!link) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-3xl font-semibold">{t("invalidTitle")}</h1>
        <p>{t("invalidBody")}</p>
        <p>
          <Link href="/signin" className="text-brand-900 underline">
            {t("newLink")}
          </Link>
        </p>
      </div>
    );
  }
  // Whose link, from the token: the link itself carries no email address. A spent or expired
  // one has none, and its Continue leads to the page that offers a new link, as before.
  const email = await signInLinkOwner(link.token);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p>{t("body")}</p>
      {/* Whose account: a link someone else sent would sign this browser in to theirs. */}
      {email ? (
        <p className="break-words">{t.rich("account", { email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      ) : null}
      <ContinueSignInForm
        link={{ ...link, email: email ?? "" }}
        action={SIGN_IN_CALLBACK_PATH}
        label={t("submit")}
        pendingLabel={t("pending")}
      />
      <p className="text-sm text-slate-700">{t("why")}</p>
    </div>
  );
}
