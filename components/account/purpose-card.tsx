import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import type { ComputedBenefit } from "@/lib/consent/benefits";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import type { CustomerPurposeDto } from "@/lib/consent/list-customer-purposes";
import { countryName } from "@/lib/i18n/country-name";
import type { Locale } from "@/lib/i18n/locales";
import { computedBenefitText } from "./computed-benefit-text";
import { ConsentChoiceForm } from "./consent-choice-form";
import { lifetimeMonths, RenewalForm } from "./consent-prompt-forms";
import { purposeCardId } from "./purpose-card-id";
import { PurposeCardView } from "./purpose-card-view";
import { isPending, VersionChange, versionChangeId } from "./version-change";

/**
 * One purpose: its name and control, what it is and gives, what switching it off changes,
 * and any question waiting for an answer. The facts (legal basis, data, retention,
 * recipients, channels, lifetime) are on the purpose's own page (`facts="shown"`); the
 * purposes page links there (`facts="linked"`), so that it stays a summary.
 */
export async function PurposeCard({
  purpose,
  benefit,
  setConsent,
  giveReason,
  facts,
  headingLevel = 3,
  locale: shownIn,
  idScope,
}: {
  purpose: CustomerPurposeDto;
  benefit?: ComputedBenefit;
  setConsent: FormAction<ConsentActionState>;
  giveReason?: FormAction<WithdrawalReasonState>;
  facts: "shown" | "linked";
  /** 3 in a list of purposes; 1 when the card is the page (the purpose's own page). */
  headingLevel?: 1 | 3;
  /** Another language than the page's (the studio's preview shows both); its DTO must be in it too. */
  locale?: Locale;
  /** Keeps ids unique when one purpose's card is shown more than once on a page. */
  idScope?: string;
}) {
  const locale = shownIn ?? ((await getLocale()) as Locale);
  const t = await getTranslations({ locale, namespace: "purposes" });
  const tc = await getTranslations({ locale, namespace: "purposeCard" });
  const tr = await getTranslations({ locale, namespace: "requests.restriction" });
  const tch = await getTranslations({ locale, namespace: "preferences" });
  const format = await getFormatter({ locale });
  const idBase = purposeCardId(purpose.key, idScope);
  const noticeId = `${idBase}-notice`;
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long" });

  // While a newer version waits for an answer, the card tells the version that applies; the
  // panel below (on the purpose's own page and the account home) tells what the new one changes.
  const applies = isPending(purpose) ? purpose.versionChange.agreed : purpose;

  let control: React.ReactNode;
  if (isPending(purpose)) {
    // The same state as on the account home: the version agreed to applies until the answer below.
    control = <p className="state">{tc("pendingBadge", { version: purpose.versionChange.agreedVersion })}</p>;
  } else if (purpose.switchable) {
    control = null;
  } else if (purpose.objectable) {
    control = (
      <p className="state">
        {purpose.restrictedSince ? tr("pausedBadge") : purpose.granted ? tc("inUse") : tc("objectedBadge")}
      </p>
    );
  } else {
    control = <p className="state">{t(`basis.${purpose.legalBasis}`)}</p>;
  }

  const ownPage = `/account/purposes/${purpose.key}`;
  return (
    <PurposeCardView
      text={{
        key: purpose.key,
        ...(idScope ? { idScope } : {}),
        ...(headingLevel === 1 ? { headingLevel } : {}),
        name: applies.name,
        ...(applies.sharesWithThirdParties ? { sharesTag: true } : {}),
        description: applies.description,
        benefit: applies.benefit,
        ...(benefit
          ? {
              forYou: await computedBenefitText({ benefit, recipient: applies.recipients[0]?.name ?? null, locale }),
            }
          : {}),
        consequence: {
          label: purpose.switchable ? "ifOff" : purpose.objectable ? "ifObjected" : "whyNotSwitchable",
          text: applies.consequence,
        },
        ...(facts === "linked" ? { details: true as const } : {}),
        // The summary points to the purpose's own page, which shows what changes beside the answer.
        ...(isPending(purpose) && facts === "linked"
          ? { answerPending: { href: `${ownPage}#${versionChangeId(purpose.key)}`, label: tc("answerPending") } }
          : {}),
      }}
      {...(purpose.switchable && !isPending(purpose)
        ? {
            consentSwitch: {
              purposeKey: purpose.key,
              version: purpose.version,
              granted: purpose.granted ?? false,
              action: setConsent,
              ...(giveReason ? { giveReason } : {}),
            },
          }
        : { control })}
    >
      {isPending(purpose) && facts === "shown" ? (
        <div className="mt-4">
          <VersionChange purpose={purpose} setConsent={setConsent} headingLevel={headingLevel === 1 ? 2 : 4} />
        </div>
      ) : null}
      {purpose.renewalDue && purpose.expiresAt && !isPending(purpose) ? (
        <div id={noticeId} className="notice mt-4">
          <p>{tc("renewalDue", { date: date(purpose.expiresAt) })}</p>
          <RenewalForm purpose={purpose} action={setConsent} describedBy={noticeId} />
        </div>
      ) : null}
      {purpose.objectable ? (
        <div id={noticeId} className="mt-4 space-y-2">
          <p>
            {purpose.granted ? tc("objectExplain") : tc("objected", { date: date(purpose.changedAt ?? new Date()) })}
          </p>
          <ConsentChoiceForm
            action={setConsent}
            purposeKey={purpose.key}
            purposeVersion={purpose.version}
            method="switch"
            choices={[{ granted: !purpose.granted, label: purpose.granted ? tc("object") : tc("withdrawObjection") }]}
            describedBy={noticeId}
            doneMessages={{ granted: tc("objectionWithdrawnNow"), withdrawn: tc("objectedNow") }}
          />
        </div>
      ) : null}
      {purpose.restrictedSince ? (
        <p className="mt-4 rounded-md bg-amber-100 px-3 py-2 text-amber-950">
          {tr.rich("pausedCard", {
            date: date(purpose.restrictedSince),
            link: (chunks) => (
              <Link href="/account/requests" className="underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      {purpose.status === "expired" && purpose.expiresAt ? (
        <p className="mt-4">{tc("expired", { date: date(purpose.expiresAt) })}</p>
      ) : null}
      {purpose.lastChange?.method === "gpc_signal" && purpose.granted === false && purpose.changedAt ? (
        <p className="mt-4">{tc("gpcOptOut", { date: date(purpose.changedAt) })}</p>
      ) : null}
      {purpose.lastChange?.method === "unsubscribe_link" && purpose.granted === false && purpose.changedAt ? (
        <p className="mt-4">{tc("unsubscribed", { date: date(purpose.changedAt) })}</p>
      ) : null}
      {facts === "shown" ? (
        <dl className="facts mt-4 border-t border-slate-200 pt-4">
          <div>
            <dt>{t("legalBasis")}</dt>
            <dd>{t(`basis.${purpose.legalBasis}`)}</dd>
          </div>
          <div>
            <dt>{t("dataUsed")}</dt>
            <dd>{format.list(applies.dataCategories.map((c) => t(`categories.${c}`)))}</dd>
          </div>
          <div>
            <dt>{t("retention")}</dt>
            <dd>{applies.retention}</dd>
          </div>
          <div>
            <dt>{t("recipients")}</dt>
            <dd>
              {applies.recipients.length === 0
                ? t("noRecipients")
                : format.list(
                    applies.recipients.map((r) =>
                      t("recipient", { name: r.name, country: countryName(r.country, locale), role: r.role }),
                    ),
                  )}
            </dd>
          </div>
          {applies.channels.length > 0 ? (
            <div>
              <dt>{tc("channels")}</dt>
              <dd>{format.list(applies.channels.map((c) => tch(`channelInSentence.${c}`)))}</dd>
            </div>
          ) : null}
          {purpose.switchable && applies.consentLifetimeDays ? (
            <div>
              <dt>{tc("lifetime")}</dt>
              <dd>
                {purpose.status === "granted" && purpose.expiresAt
                  ? tc("lastsUntil", { date: date(purpose.expiresAt) })
                  : tc("lastsFor", { months: lifetimeMonths(applies) })}
              </dd>
            </div>
          ) : null}
          {(purpose.switchable || purpose.objectable) && purpose.changedAt ? (
            <div>
              <dt>{t("lastChanged")}</dt>
              <dd>{date(purpose.changedAt)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </PurposeCardView>
  );
}
