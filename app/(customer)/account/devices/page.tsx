import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { deviceName } from "@/components/account/devices/device-name";
import { SessionList, type SessionItem } from "@/components/account/devices/session-list";
import { SignInList } from "@/components/account/devices/sign-in-list";
import { ClientMessages } from "@/components/i18n/client-messages";
import { currentSessionToken } from "@/lib/auth/current-session";
import { currentActor } from "@/lib/current-actor";
import { listSessions } from "@/lib/sessions/list-sessions";
import { listSignIns, SIGN_IN_LIST_LIMIT } from "@/lib/sessions/list-sign-ins";
import { revokeOtherSessionsAction, revokeSessionAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("devices"))("title") };
}

export default async function DevicesPage() {
  const actor = await currentActor();
  const [t, format, sessions, signIns] = await Promise.all([
    getTranslations("devices"),
    getFormatter(),
    listSessions(actor, { currentSessionToken: await currentSessionToken() }),
    listSignIns(actor),
  ]);
  const when = (date: Date) => ({
    iso: date.toISOString(),
    text: format.dateTime(date, { dateStyle: "long", timeStyle: "short" }),
  });
  const items: SessionItem[] = sessions.map((s) => ({
    id: s.id,
    device: deviceName(t, s),
    signedIn: when(s.createdAt),
    lastActive: s.lastSeenAt ? when(s.lastSeenAt) : null,
    current: s.current,
  }));
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p className="max-w-2xl">{t("intro")}</p>
      </div>
      <section aria-labelledby="sessions-heading" className="space-y-4">
        <h2 id="sessions-heading" className="text-2xl font-semibold">
          {t("sessionsHeading")}
        </h2>
        <ClientMessages namespaces={["devices"]}>
          <SessionList
            sessions={items}
            revokeSession={revokeSessionAction}
            revokeOtherSessions={revokeOtherSessionsAction}
          />
        </ClientMessages>
      </section>
      <section aria-labelledby="sign-ins-heading" className="space-y-4">
        <h2 id="sign-ins-heading" className="text-2xl font-semibold">
          {t("signInsHeading")}
        </h2>
        <p className="max-w-2xl">{t("signInsIntro")}</p>
        <SignInList signIns={signIns} limit={SIGN_IN_LIST_LIMIT} />
      </section>
    </div>
  );
}
