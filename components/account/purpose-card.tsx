import { getFormatter, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/actions/types";
import type { ConsentActionState } from "@/lib/consent/consent-schema";
import type { WithdrawalReasonState } from "@/lib/consent/withdrawal-reason-schema";
import type { CustomerPurposeDto } from "@/lib/consent/list-customer-purposes";
import { ConsentSwitch } from "./consent-switch";

export async function PurposeCard({
  purpose,
  setConsent,
  giveReason,
}: {
  purpose: CustomerPurposeDto;
  setConsent: FormAction<ConsentActionState>;
  giveReason?: FormAction<WithdrawalReasonState>;
}) {
  const t = await getTranslations("purposes");
  const format = await getFormatter();
  const nameId = `purpose-${purpose.key}-name`;
  const benefitId = `purpose-${purpose.key}-benefit`;
  return (
    <article aria-labelledby={nameId} className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1 space-y-2">
          <h3 id={nameId} className="text-lg font-semibold">
            {purpose.name}
          </h3>
          <p>{purpose.description}</p>
          <p id={benefitId}>
            <span className="font-medium">{t("benefit")}: </span>
            {purpose.benefit}
          </p>
        </div>
        {purpose.switchable ? (
          <ConsentSwitch
            action={setConsent}
            purposeKey={purpose.key}
            purposeVersion={purpose.version}
            granted={purpose.granted ?? false}
            labelId={nameId}
            describedBy={benefitId}
            giveReason={giveReason}
          />
        ) : (
          <p className="rounded-md bg-slate-100 px-3 py-1 text-sm font-medium">{t(`basis.${purpose.legalBasis}`)}</p>
        )}
      </div>
      <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium">{purpose.switchable ? t("ifOff") : t("whyNotSwitchable")}</dt>
          <dd>{purpose.consequence}</dd>
        </div>
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
        {purpose.switchable && purpose.changedAt ? (
          <div>
            <dt className="font-medium">{t("lastChanged")}</dt>
            <dd>{format.dateTime(purpose.changedAt, { dateStyle: "long" })}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}
