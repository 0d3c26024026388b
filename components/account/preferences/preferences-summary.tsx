import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CommunicationPreferencesDto } from "@/lib/preferences/get-communication-preferences";
import { receivingLine } from "./receiving-line";

/** The account home's word on how we contact the customer, channel by channel, linking to the page. */
export async function PreferencesSummary({ preferences }: { preferences: CommunicationPreferencesDto }) {
  const t = await getTranslations("preferences");
  return (
    <section aria-labelledby="preferences-summary" className="card p-5">
      <h2 id="preferences-summary" className="text-xl font-semibold">
        {t("summaryTitle")}
      </h2>
      {preferences.channels.some((c) => c.contactable > 0) ? null : <p className="mt-2">{t("summaryNone")}</p>}
      {preferences.channels.length > 0 ? (
        <ul className="mt-2 space-y-1">
          {preferences.channels.map((summary) => (
            <li key={summary.channel}>{receivingLine(t, summary)}</li>
          ))}
        </ul>
      ) : null}
      <Link href="/account/preferences" className="more-link">
        {t("summaryLink")}
      </Link>
    </section>
  );
}
