import Link from "next/link";
import type { FormAction } from "@/lib/actions/types";
import type { UnsubscribeByLinkState } from "@/lib/consent/unsubscribe-schema";
import type { LinkTarget, WithdrawByLinkResult } from "@/lib/consent/withdraw-by-link";
import { translatorFor } from "@/lib/i18n/translator";
import { UnsubscribeButton } from "./unsubscribe-button";

type Shown = Exclude<WithdrawByLinkResult, { outcome: "invalid" }>;

/** What a one-click opt-out did, in the customer's own language (which may differ from the browser's). */
export function UnsubscribeOutcome({ result }: { result: Shown }) {
  const t = translatorFor(result.locale, "unsubscribe");
  const purpose = result.purposeName ?? "none";
  const objection = result.legalBasis === "legitimate_interest";
  const [title, body] = {
    withdrawn: objection
      ? [t("objectedTitle", { purpose }), t("objectedBody", { purpose })]
      : [t("withdrawnTitle", { purpose }), t("withdrawnBody", { purpose })],
    already_off: [t("alreadyOffTitle", { purpose }), t("alreadyOffBody")],
    not_in_use: [t("notInUseTitle"), t("notInUseBody", { purpose })],
    not_switchable: [t("notSwitchableTitle"), t("notSwitchableBody", { purpose })],
  }[result.outcome];
  const switchedOff = result.outcome === "withdrawn" || result.outcome === "already_off";
  return (
    <div lang={result.locale} className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-semibold">{title}</h1>
      <p>{body}</p>
      <p>
        <Link href="/account/purposes" prefetch={false} className="font-medium text-brand-900 underline">
          {t("manage")}
        </Link>
        <br />
        <span className="text-sm text-slate-700">{t("manageHint")}</span>
      </p>
      {switchedOff ? <p>{t("reOptIn")}</p> : null}
    </div>
  );
}

/**
 * What the link will switch off, with the one button that does it: mail gateways open every
 * link in a mail, so opening it changes nothing. In the customer's own language.
 */
export function UnsubscribeConfirm({
  preview,
  token,
  action,
}: {
  preview: LinkTarget;
  token: string;
  action: FormAction<UnsubscribeByLinkState>;
}) {
  const t = translatorFor(preview.locale, "unsubscribe");
  const purpose = preview.purposeName ?? preview.purposeKey;
  const objection = preview.legalBasis === "legitimate_interest";
  return (
    <div lang={preview.locale} className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-semibold">{t("confirmTitle", { purpose })}</h1>
      <p>{objection ? t("confirmObjectBody", { purpose }) : t("confirmBody", { purpose })}</p>
      <UnsubscribeButton token={token} action={action} label={t("confirmButton")} pendingLabel={t("confirmPending")} />
      <p className="text-sm text-slate-700">{t("confirmWhy")}</p>
    </div>
  );
}

/** The same answer for every link that cannot be used, so the page tells nothing about why. */
export function InvalidUnsubscribeLink({ title, body, signIn }: { title: string; body: string; signIn: string }) {
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-semibold">{title}</h1>
      <p>{body}</p>
      <p>
        <Link href="/account/purposes" prefetch={false} className="font-medium text-brand-900 underline">
          {signIn}
        </Link>
      </p>
    </div>
  );
}
