import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { AddressesSection } from "@/components/account/profile/addresses-section";
import { ProfileForm } from "@/components/account/profile/profile-form";
import { profileFormsMessages } from "@/components/account/profile/profile-messages";
import { RecentChanges } from "@/components/account/profile/recent-changes";
import { ClientMessages } from "@/components/i18n/client-messages";
import { currentActor } from "@/lib/current-actor";
import { getProfile } from "@/lib/profile/get-profile";
import { listDataChanges } from "@/lib/profile/list-data-changes";
import { maxAddresses } from "@/lib/profile/profile-schema";
import { makePrimaryAddressAction, removeAddressAction, saveAddressAction, updateProfileAction } from "./actions";

const changesShown = 20;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const actor = await currentActor();
  const [t, format, profile, changes] = await Promise.all([
    getTranslations("profile"),
    getFormatter(),
    getProfile(actor),
    listDataChanges(actor, { limit: changesShown }),
  ]);
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{t("title")}</h1>
        <p>{t("intro")}</p>
      </div>

      {/* One provider for both forms: the messages are sent once. */}
      <ClientMessages namespaces={profileFormsMessages}>
        <section aria-labelledby="contact-heading" className="space-y-4">
          <h2 id="contact-heading" className="text-2xl font-semibold">
            {t("contactHeading")}
          </h2>
          <dl className="grid gap-4 card p-5 sm:grid-cols-2">
            <div className="min-w-0">
              <dt className="font-medium">{t("email")}</dt>
              <dd className="break-words">{profile.email}</dd>
              <dd className="text-sm text-slate-700">{t("emailExplanation")}</dd>
            </div>
            <div>
              <dt className="font-medium">{t("birthDate")}</dt>
              <dd>
                {profile.birthDate
                  ? format.dateTime(new Date(`${profile.birthDate}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" })
                  : t("notGiven")}
              </dd>
              <dd className="text-sm text-slate-700">{t("birthDateExplanation")}</dd>
            </div>
          </dl>
          <div className="card p-5">
            <ProfileForm
              action={updateProfileAction}
              profile={{ givenName: profile.givenName, familyName: profile.familyName, phone: profile.phone }}
            />
          </div>
        </section>

        <section aria-labelledby="addresses-heading" className="space-y-4">
          <h2 id="addresses-heading" className="text-2xl font-semibold">
            {t("addressesHeading")}
          </h2>
          <p>{t("addressesIntro", { max: maxAddresses })}</p>
          <AddressesSection
            addresses={profile.addresses}
            actions={{ save: saveAddressAction, remove: removeAddressAction, makePrimary: makePrimaryAddressAction }}
            max={maxAddresses}
            headingId="addresses-heading"
          />
        </section>
      </ClientMessages>

      <section aria-labelledby="changes-heading" className="space-y-4">
        <h2 id="changes-heading" className="text-2xl font-semibold">
          {t("changesHeading")}
        </h2>
        <p>{t("changesIntro", { count: changesShown })}</p>
        <RecentChanges changes={changes} />
      </section>
    </div>
  );
}
