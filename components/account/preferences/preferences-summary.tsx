import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CommunicationPreferencesDto } from "@/lib/preferences/get-communication-preferences";

/** The account home's one line on how we may contact the customer, linking to the page. */
export async function PreferencesSummary({ preferences }: { preferences: CommunicationPreferencesDto }) {
  const [t, format] = await Promise.all([getTranslations("preferences"), getFormatter()]);
  const used = preferences.channels.filter((c) => c.contactable > 0);
  const off = preferences.channels.filter((c) => c.contactable === 0);
  const line = [
    used.length === 0
      ? t("summaryNone")
      : t("summaryGet", {
          list: format.list(
            used.map((c) =>
              t("summaryChannel", { channel: t(`channelInSentence.${c.channel}`), count: c.contactable }),
            ),
          ),
        }),
    off.length === 0 || used.length === 0
      ? null
      : t("summaryOff", {
          channels: format.list(
            off.map((c) => t(`channelInSentence.${c.channel}`)),
            { type: "disjunction" },
          ),
        }),
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <section aria-labelledby="preferences-summary" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="preferences-summary" className="text-xl font-semibold">
        {t("summaryTitle")}
      </h2>
      <p className="mt-2">{line}</p>
      <Link href="/account/preferences" className="mt-3 inline-block font-medium text-brand-900 underline">
        {t("summaryLink")}
      </Link>
    </section>
  );
}
