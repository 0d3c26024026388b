import { getFormatter, getTranslations } from "next-intl/server";
import type { AlwaysSentDto } from "@/lib/preferences/get-communication-preferences";

/** Messages that rest on a contract or the law: listed with the reason, not offered as choices. */
export async function AlwaysSent({ purposes }: { purposes: AlwaysSentDto[] }) {
  const [t, tPurposes, format] = await Promise.all([
    getTranslations("preferences"),
    getTranslations("purposes"),
    getFormatter(),
  ]);
  return (
    <section aria-labelledby="always-heading" className="space-y-4">
      <h2 id="always-heading" className="text-2xl font-semibold">
        {t("alwaysHeading")}
      </h2>
      <p className="max-w-2xl">{t("alwaysIntro")}</p>
      <ul className="space-y-3">
        {purposes.map((purpose) => (
          <li key={purpose.key} className="card">
            <p>
              <span className="font-semibold">{purpose.name}</span>
              {" · "}
              {t("sentBy", { channels: format.list(purpose.channels.map((c) => t(`channelInSentence.${c}`))) })}
            </p>
            <p className="mt-1 text-sm">
              <span className="font-medium">{tPurposes(`basis.${purpose.legalBasis}`)}: </span>
              {purpose.reason}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
