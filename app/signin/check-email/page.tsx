import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { isLocalMailMode } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checkEmail"))("title") };
}

export default async function CheckEmailPage() {
  const t = await getTranslations("checkEmail");
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p>{t("body")}</p>
      <p className="text-slate-700">{t("notArrived")}</p>
      {isLocalMailMode() ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3">
          {t("localMode")}{" "}
          <Link href="/dev/outbox" className="font-medium text-brand-900 underline">
            {t("openOutbox")}
          </Link>
        </p>
      ) : null}
      <p>
        <Link href="/signin" className="text-brand-900 underline">
          {t("tryAgain")}
        </Link>
      </p>
    </div>
  );
}
