import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { CustomerPurposeDto } from "@/lib/consent/list-customer-purposes";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import { RenewalForm } from "./consent-prompt-forms";
import { ConsentSwitch } from "./consent-switch";
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
    <section aria-labelledby="prompts-heading" className={`${sectionClass} border-2 border-brand-700`}>
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
          <ul className="mt-3 divide-y divide-slate-200">
            {switchable.map((p) => {
              const nameId = `home-consent-${p.key}`;
              const applies = isPending(p) ? p.versionChange.agreed : p;
              const hintId = `home-consent-${p.key}-hint`;
              return (
                <li key={p.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div className="min-w-0 flex-1">
                    <Link
                      id={nameId}
                      href={`/account/purposes#purpose-${p.key}`}
                      className="font-medium text-brand-900"
                    >
                      {applies.name}
                    </Link>
                    <p id={hintId} className="text-sm text-slate-700">
                      {t("ifOff", { consequence: applies.consequence })}
                    </p>
                    {p.restrictedSince ? (
                      <p id={`${hintId}-paused`} className="text-sm font-medium text-amber-950">
                        {tr("pausedHome", { date: format.dateTime(p.restrictedSince, { dateStyle: "long" }) })}
                      </p>
                    ) : null}
                  </div>
                  {isPending(p) ? (
                    // Answered in the prompt above, which says what applies and what changes.
                    <div className="flex flex-col items-end gap-1 text-right">
                      <p className="rounded-md bg-slate-100 px-3 py-1 text-sm font-medium">
                        {tc("pendingBadge", { version: p.versionChange.agreedVersion })}
                      </p>
                      <a href={`#${versionChangeId(p.key)}`} className="text-sm text-brand-900 underline">
                        {tc("answerPending")}
                      </a>
                    </div>
                  ) : (
                    <ConsentSwitch
                      action={setConsent}
                      purposeKey={p.key}
                      purposeVersion={p.version}
                      granted={p.granted ?? false}
                      labelId={nameId}
                      describedBy={p.restrictedSince ? `${hintId} ${hintId}-paused` : hintId}
                      giveReason={giveReason}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <Link href="/account/purposes" className="mt-3 inline-block font-medium text-brand-900 underline">
          {t("manage")}
        </Link>
      </section>
    </>
  );
}
