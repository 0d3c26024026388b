import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { homePathFor } from "@/lib/auth/areas";
import { currentActor } from "@/lib/current-actor";

export default async function HomePage() {
  const t = await getTranslations("home");
  const actor = await currentActor();
  const link = !actor
    ? { href: "/signin", text: t("signIn") }
    : { href: homePathFor(actor), text: actor.kind === "customer" ? t("goToAccount") : t("goToWorkspace") };
  return (
    <div className="space-y-6">
      <h1 className="text-4xl font-semibold text-brand-900">{t("title")}</h1>
      <p className="max-w-2xl text-lg">{t("intro")}</p>
      <ul className="max-w-2xl list-disc space-y-1 pl-6">
        <li>{t("point1")}</li>
        <li>{t("point2")}</li>
        <li>{t("point3")}</li>
      </ul>
      <Link
        href={link.href}
        className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-900"
      >
        {link.text}
      </Link>
    </div>
  );
}
