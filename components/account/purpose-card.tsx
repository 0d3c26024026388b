import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import type { ComputedBenefit } from "@/lib/consent/benefits";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import type { CustomerPurposeDto } from "@/lib/consent/list-customer-purposes";
import { ComputedBenefitText } from "./computed-benefit-text";
import { ConsentChoiceForm } from "./consent-choice-form";
import { lifetimeMonths, ReconsentForm, RenewalForm } from "./consent-prompt-forms";
import { ConsentSwitch } from "./consent-switch";

export async function PurposeCard({
  purpose,
  benefit,
  setConsent,
  giveReason,
}: {
  purpose: CustomerPurposeDto;
  benefit?: ComputedBenefit;
  setConsent: FormAction<ConsentActionState>;
  giveReason?: FormAction<WithdrawalReasonState>;
}) {
  const t = await getTranslations("purposes");
  const tc = await getTranslations("purposeCard");
  const tr = await getTranslations("requests.restriction");
  const format = await getFormatter();
  const nameId = `purpose-${purpose.key}-name`;
  const benefitId = `purpose-${purpose.key}-benefit`;
  const noticeId = `purpose-${purpose.key}-notice`;
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long" });

  let control: React.ReactNode;
  if (purpose.needsReconsent) {
    control = null; // The prompt below takes the switch's place until the customer answers.
  } else if (purpose.switchable) {
    control = (
      <ConsentSwitch
        action={setConsent}
        purposeKey={purpose.key}
        purposeVersion={purpose.version}
        granted={purpose.granted ?? false}
        labelId={nameId}
        describedBy={benefitId}
        giveReason={giveReason}
      />
    );
  } else if (purpose.objectable) {
    control = (
      <p className="rounded-md bg-slate-100 px-3 py-1 text-sm font-medium">
        {purpose.restrictedSince ? tr("pausedBadge") : purpose.granted ? tc("inUse") : tc("objectedBadge")}
      </p>
    );
  } else {
    control = (
      <p className="rounded-md bg-slate-100 px-3 py-1 text-sm font-medium">{t(`basis.${purpose.legalBasis}`)}</p>
    );
  }

  return (
    <article
      id={`purpose-${purpose.key}`}
      aria-labelledby={nameId}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      {/* The name beside its control; the texts below it use the card's full width. */}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1 space-y-2">
          <h3 id={nameId} className="text-lg font-semibold">
            {purpose.name}
          </h3>
          {purpose.sharesWithThirdParties ? (
            <p className="inline-block rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-950">{tc("sharesTag")}</p>
          ) : null}
        </div>
        {control}
      </div>
      <div className="mt-2 space-y-2">
        <p>{purpose.description}</p>
        <div id={benefitId} className="space-y-1">
          <p>
            <span className="font-medium">{t("benefit")}: </span>
            {purpose.benefit}
          </p>
          {benefit ? (
            <p className="rounded-md bg-brand-50 px-3 py-2">
              <span className="font-medium">{tc("forYou")}: </span>
              <ComputedBenefitText benefit={benefit} recipient={purpose.recipients[0]?.name ?? null} />
            </p>
          ) : null}
        </div>
        <p>
          <span className="font-medium">
            {purpose.switchable ? t("ifOff") : purpose.objectable ? tc("ifObjected") : t("whyNotSwitchable")}:{" "}
          </span>
          {purpose.consequence}
        </p>
      </div>

      {purpose.needsReconsent ? (
        <div id={noticeId} className="mt-4 space-y-2 rounded-md border-2 border-brand-700 p-4">
          <h4 className="font-semibold">{tc("reconsentTitle", { version: purpose.version })}</h4>
          <p>{tc("reconsentBody", { old: purpose.consentVersion ?? 1 })}</p>
          {purpose.changeSummary ? <p>{purpose.changeSummary}</p> : null}
          <ReconsentForm purpose={purpose} action={setConsent} describedBy={noticeId} />
        </div>
      ) : null}

      {purpose.renewalDue && purpose.expiresAt && !purpose.needsReconsent ? (
        <div id={noticeId} className="mt-4 space-y-2 rounded-md border-2 border-brand-700 p-4">
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

      {/* The card's summary stays in view; the long texts open on demand. */}
      <details className="group mt-4 text-sm">
        <summary className="inline-flex min-h-11 cursor-pointer items-center gap-2 font-medium text-brand-900">
          <span aria-hidden="true" className="transition-transform group-open:rotate-90">
            ▸
          </span>
          {(await getTranslations("moreDetails"))("purpose")}
          <span className="sr-only">: {purpose.name}</span>
        </summary>
        <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2">
          <div>
            <dt className="font-medium">{t("legalBasis")}</dt>
            <dd>{t(`basis.${purpose.legalBasis}`)}</dd>
          </div>
          <div>
            <dt className="font-medium">{t("dataUsed")}</dt>
            <dd>{format.list(purpose.dataCategories.map((c) => t(`categories.${c}`)))}</dd>
          </div>
          <div>
            <dt className="font-medium">{t("retention")}</dt>
            <dd>{purpose.retention}</dd>
          </div>
          <div>
            <dt className="font-medium">{t("recipients")}</dt>
            <dd>
              {purpose.recipients.length === 0
                ? t("noRecipients")
                : format.list(
                    purpose.recipients.map((r) => t("recipient", { name: r.name, country: r.country, role: r.role })),
                  )}
            </dd>
          </div>
          {purpose.switchable && purpose.consentLifetimeDays ? (
            <div>
              <dt className="font-medium">{tc("lifetime")}</dt>
              <dd>
                {purpose.status === "granted" && purpose.expiresAt
                  ? tc("lastsUntil", { date: date(purpose.expiresAt) })
                  : tc("lastsFor", { months: lifetimeMonths(purpose) })}
              </dd>
            </div>
          ) : null}
          {(purpose.switchable || purpose.objectable) && purpose.changedAt ? (
            <div>
              <dt className="font-medium">{t("lastChanged")}</dt>
              <dd>{date(purpose.changedAt)}</dd>
            </div>
          ) : null}
        </dl>
      </details>
    </article>
  );
}
