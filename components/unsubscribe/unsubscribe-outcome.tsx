import Link from "next/link";
import type { WithdrawByLinkResult } from "@/lib/consent/withdraw-by-link";
import { translatorFor } from "@/lib/i18n/translator";

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
