import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { CustomerPurposeDto } from "@/lib/consent/list-customer-purposes";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import { RenewalForm } from "./consent-prompt-forms";
import { HomeConsentList } from "./home-consent-list";
import { isPending, VersionChange, versionChangeId } from "./version-change";

const sectionClass = "card p-5";

/**
 * Questions that wait for the customer's answer (a new purpose version, a consent about
 * to end), with the same equal-weight choices as on the purposes page.
 */
export async function ConsentPrompts({
  purposes,
  setConsent,
}: {
  purposes: CustomerPurposeDto[];
  setConsent: FormAction<ConsentActionState>;
}) {
  const [tc, format] = await Promise.all([getTranslations("consentPrompts"), getFormatter()]);
  const pending = purposes.filter(isPending);
  const renewals = purposes.filter((p) => p.switchable && !isPending(p) && p.renewalDue && p.expiresAt);
  if (pending.length + renewals.length === 0) return null;
  return (
    <section aria-labelledby="prompts-heading" className="card border-2 border-brand-700 p-5">
      <h2 id="prompts-heading" className="text-xl font-semibold">
        {tc("title")}
      </h2>
      <p className="mt-1">{tc("intro")}</p>
      <ul className="mt-4 space-y-5">
        {pending.map((p) => (
          <li key={p.key}>
            <VersionChange purpose={p} setConsent={setConsent} headingLevel={3} />
          </li>
        ))}
        {renewals.map((p) => {
          const id = `prompt-${p.key}`;
          return (
            <li key={p.key} className="space-y-2">
              <p id={id}>
                {tc("renewal", { name: p.name, date: format.dateTime(p.expiresAt!, { dateStyle: "long" }) })}
              </p>
              <RenewalForm purpose={p} action={setConsent} describedBy={id} />
              <Link href={`/account/purposes#purpose-${p.key}`} className="text-sm text-brand-900 underline">
                {tc("answer")}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The consents on the account home, each with its switch: withdrawing one is one interaction. */
export async function HomeConsents({
  purposes,
  setConsent,
  giveReason,
}: {
  purposes: CustomerPurposeDto[];
  setConsent: FormAction<ConsentActionState>;
  giveReason?: FormAction<WithdrawalReasonState>;
}) {
  const [t, tc, tr, format] = await Promise.all([
    getTranslations("homeConsents"),
    getTranslations("purposeCard"),
    getTranslations("requests.restriction"),
    getFormatter(),
  ]);
  const switchable = purposes.filter((p) => p.switchable);
  return (
    <>
      <section aria-labelledby="consent-summary" className={sectionClass}>
        <h2 id="consent-summary" className="text-xl font-semibold">
          {t("title")}
        </h2>
        {switchable.length === 0 ? (
          <p className="mt-2">{t("none")}</p>
        ) : (
          <HomeConsentList
            rows={switchable.map((p) => {
              const applies = isPending(p) ? p.versionChange.agreed : p;
              return {
                key: p.key,
                version: p.version,
                granted: p.granted ?? false,
                name: applies.name,
                hint: t("ifOff", { consequence: applies.consequence }),
                paused: p.restrictedSince
                  ? tr("pausedHome", { date: format.dateTime(p.restrictedSince, { dateStyle: "long" }) })
                  : null,
                pending: isPending(p)
                  ? {
                      badge: tc("pendingBadge", { version: p.versionChange.agreedVersion }),
                      answer: tc("answerPending"),
                      href: `#${versionChangeId(p.key)}`,
                    }
                  : null,
              };
            })}
            setConsent={setConsent}
            giveReason={giveReason}
          />
        )}
        <Link href="/account/purposes" className="more-link">
          {t("manage")}
        </Link>
      </section>
    </>
  );
}
