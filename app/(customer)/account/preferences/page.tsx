import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AlwaysSent } from "@/components/account/preferences/always-sent";
import { PreferencesForm } from "@/components/account/preferences/preferences-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { currentActor } from "@/lib/current-actor";
import type { Locale } from "@/lib/i18n/locales";
import { getCommunicationPreferences } from "@/lib/preferences/get-communication-preferences";
import { savePreferencesAction, setChannelAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("preferences"))("title") };
}

export default async function PreferencesPage() {
  const [t, preferences] = await Promise.all([
    getTranslations("preferences"),
    getCommunicationPreferences(await currentActor(), (await getLocale()) as Locale),
  ]);
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl">{t("intro")}</p>
      </div>
      {preferences.topics.length === 0 ? (
        <p>{t("noTopics")}</p>
      ) : (
        <ClientMessages namespaces={["preferences"]}>
          <PreferencesForm
            topics={preferences.topics}
            channels={preferences.channels}
            save={savePreferencesAction}
            setChannel={setChannelAction}
          />
        </ClientMessages>
      )}
      {preferences.alwaysSent.length > 0 ? <AlwaysSent purposes={preferences.alwaysSent} /> : null}
    </div>
  );
}
