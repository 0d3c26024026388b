import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SupportCodeForm } from "@/components/account/support-code/support-code-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { currentActor } from "@/lib/current-actor";
import { getSupportCodeStatus, SUPPORT_CODE_MINUTES } from "@/lib/support/support-codes";
import { issueSupportCodeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access.supportCode"))("title") };
}

export default async function SupportCodePage() {
  const actor = await currentActor();
  const [t, format, status] = await Promise.all([
    getTranslations("access.supportCode"),
    getFormatter(),
    getSupportCodeStatus(actor),
  ]);
  const time = (date: Date) => format.dateTime(date, { timeStyle: "short" });
  return (
    <div className="max-w-2xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p>{t("intro", { minutes: SUPPORT_CODE_MINUTES })}</p>
      </div>
      <ClientMessages
        namespaces={[
          "access.supportCode.yourCode",
          "access.supportCode.validUntil",
          "access.supportCode.newCode",
          "access.supportCode.show",
        ]}
      >
        <SupportCodeForm action={issueSupportCodeAction} />
      </ClientMessages>
      {status ? (
        <p role="status" className="card">
          {status.state === "active"
            ? t("statusActive", { time: time(status.expiresAt) })
            : status.state === "used"
              ? t("statusUsed", { time: time(status.usedAt) })
              : t("statusExpired")}
        </p>
      ) : null}
      <p>
        <Link href="/account/access" className="link">
          {t("seeAccess")}
        </Link>
      </p>
    </div>
  );
}
